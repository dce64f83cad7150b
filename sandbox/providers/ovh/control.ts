import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord, parseJsonBody, requestOrigin, sendJson } from '../../http';
import { ControlInputError, type RequestContext } from '../../provider';
import type { OvhCallbackPusher } from './callbacks';
import { normaliseReceiver } from './jobs';
import { incomingView, outgoingView } from './message-routes';
import { senderView, templateView } from './moderation-routes';
import { TOKEN_PATH } from './oauth2';
import { ovhDatetime } from './params';
import {
	findByCredentialToken,
	OVH_DEFAULT_OAUTH2_CLIENT,
	SEEDED_ACCOUNTS,
	type IncomingRecord,
	type OvhState,
	type PushAttempt,
	type SmsAccount,
	type SmsRecord,
} from './state';

export interface OvhControlDeps {
	readonly state: () => OvhState;
	readonly pusher: OvhCallbackPusher;
	/** Releases due jobs and answers the SMS clock for the current state. */
	readonly smsNow: () => number;
}

/** How long `GET /callbacks?wait=1` waits for pushes in flight. */
const WAIT_LIMIT_MS = 10_000;

/** What a delivery `status` sets (§9.4 ptt, §9.5 DLR id). */
export const DELIVERY_STATUS: Readonly<Record<string, { ptt: number; deliveryReceipt: number }>> = {
	delivered: { ptt: 4, deliveryReceipt: 1 },
	failed: { ptt: 5, deliveryReceipt: 2 },
	pending: { ptt: 3, deliveryReceipt: 4 },
};

class NotFoundError extends Error {}
class ConflictError extends Error {}

/**
 * `/_sandbox/ovh/…` test hooks: the consent page and consumer-key decisions, the OAuth2 client,
 * an operator's delivery reports, a handset's replies, moderation, credits and the SMS clock.
 * `ctx.target` is relative to that prefix.
 */
export async function handleOvhControl(
	req: IncomingMessage,
	res: ServerResponse,
	ctx: RequestContext,
	deps: OvhControlDeps,
): Promise<void> {
	const [path, query = ''] = splitQuery(ctx.target);
	const segments = path.split('/').slice(1).map(decodeSegment);
	const method = req.method ?? 'GET';
	const smsNow = deps.smsNow();
	const state = deps.state();
	try {
		const answer = await route(method, segments, new URLSearchParams(query), { req, ctx, deps, state, smsNow });
		if (answer === NO_ROUTE) return sendJson(res, 404, { error: `No control route ${method} /_sandbox/ovh${path}` });
		sendJson(res, 200, answer);
	} catch (error: unknown) {
		if (error instanceof NotFoundError) return sendJson(res, 404, { error: error.message });
		if (error instanceof ConflictError) return sendJson(res, 409, { error: error.message });
		throw error;
	}
}

const NO_ROUTE = Symbol('no route');

interface Call {
	readonly req: IncomingMessage;
	readonly ctx: RequestContext;
	readonly deps: OvhControlDeps;
	readonly state: OvhState;
	readonly smsNow: number;
}

async function route(method: string, segments: string[], query: URLSearchParams, call: Call): Promise<unknown> {
	const { state } = call;
	const [first, second, third, fourth] = segments;
	const key = `${method} /${first ?? ''}`;
	switch (segments.length) {
		case 1:
			if (key === 'GET /validate') return validatePage(state, query);
			if (key === 'GET /oauth2') return oauth2Details(call);
			if (key === 'POST /incoming') return injectIncoming(call);
			if (key === 'POST /clock') return advanceClock(call);
			if (key === 'GET /clock') return clockView(state, call.smsNow);
			if (key === 'GET /callbacks') {
				if (/^(1|true)$/.test(query.get('wait') ?? '')) await call.deps.pusher.settled(WAIT_LIMIT_MS);
				// The state may have been reset meanwhile; show the current one.
				return { attempts: call.deps.state().pushes };
			}
			break;
		case 2:
			if (key === 'POST /oauth2' && second === 'clients') return addOAuth2Client(call);
			if (key === 'DELETE /oauth2' && second === 'tokens') return revokeTokens(state);
			break;
		case 3:
			if (key === 'POST /consumer-keys' && (third === 'validate' || third === 'refuse')) return decide(state, second, third);
			if (key === 'POST /outgoing' && third === 'delivery') return reportDelivery(call, second);
			if (key === 'PUT /services' && third === 'credits') return setCredits(call, second);
			break;
		case 4:
			if (method === 'POST' && fourth === 'review' && (first === 'templates' || first === 'senders')) {
				return review(call, first, second, third);
			}
			break;
	}
	return NO_ROUTE;
}

/** `GET /validate?credentialToken=…`: the consent page a validationUrl points at; approves the key. */
function validatePage(state: OvhState, query: URLSearchParams): unknown {
	const record = findByCredentialToken(state, query.get('credentialToken') ?? '');
	if (!record) throw new NotFoundError('Unknown credentialToken');
	if (record.state === 'pendingValidation') record.state = 'validated';
	return { ok: true, state: record.state, redirection: record.redirection };
}

/** `POST /consumer-keys/{ck}/validate|refuse`: the user's decision; a validated key may be refused (revoked) later. */
function decide(state: OvhState, consumerKey: string, decision: 'validate' | 'refuse'): unknown {
	const record = state.consumerKeys.get(consumerKey);
	if (!record) throw new NotFoundError(`Unknown consumer key ${consumerKey}`);
	if (decision === 'validate') {
		if (record.state !== 'pendingValidation' && record.state !== 'validated') {
			throw new ConflictError(`The consumer key is ${record.state}; only a pending one can be validated`);
		}
		record.state = 'validated';
	} else {
		if (record.state === 'expired') throw new ConflictError('The consumer key has expired');
		record.state = 'refused';
	}
	return { consumerKey, state: record.state, rules: record.rules, redirection: record.redirection };
}

function oauth2Details(call: Call): unknown {
	return {
		tokenUrl: `${requestOrigin(call.req, call.ctx.scheme)}/ovh${TOKEN_PATH}`,
		clientId: OVH_DEFAULT_OAUTH2_CLIENT.clientId,
		clientSecret: OVH_DEFAULT_OAUTH2_CLIENT.clientSecret,
	};
}

/** `POST /oauth2/clients` {clientId, clientSecret}: another service account, until the next reset. */
function addOAuth2Client(call: Call): unknown {
	const body = jsonObject(call.ctx.body);
	const clientId = requiredText(body, 'clientId');
	const clientSecret = requiredText(body, 'clientSecret');
	const existing = call.state.oauth2Clients.get(clientId);
	if (existing !== undefined && existing !== clientSecret)
		throw new ControlInputError(`Client ${clientId} exists with another secret`);
	call.state.oauth2Clients.set(clientId, clientSecret);
	return { clientId, clientSecret };
}

/** `DELETE /oauth2/tokens`: every access token stops working, so clients must fetch a new one. */
function revokeTokens(state: OvhState): unknown {
	const revoked = state.accessTokens.size;
	state.accessTokens.clear();
	return { revoked };
}

/**
 * `POST /incoming` {service?, sender, message, tag?}: a reply from a handset (see `receiveIncoming`).
 */
function injectIncoming(call: Call): unknown {
	const { state } = call;
	const body = jsonObject(call.ctx.body);
	const service = optionalText(body, 'service') ?? SEEDED_ACCOUNTS[0].name;
	const account = state.accounts.get(service);
	if (!account) throw new NotFoundError(`No SMS account ${service}`);
	const sender = handsetNumber(requiredText(body, 'sender'), 'sender');
	const message = body.message;
	if (typeof message !== 'string') throw new ControlInputError('message must be a string');
	const tag = optionalText(body, 'tag');
	const { record, push } = receiveIncoming(state, call.deps.pusher, account, { sender, message, tag }, call.smsNow);
	return { ...(incomingView(record) as object), service, callback: push?.id ?? null };
}

/** A handset's number as OVH records it (`00…` read as `+…`), or a ControlInputError naming `field`. */
export function handsetNumber(raw: string, field: string): string {
	const number = normaliseReceiver(raw);
	if (!/^\+\d{8,15}$/.test(number)) throw new ControlInputError(`${field} must be a phone number such as "+33601020304"`);
	return number;
}

/**
 * An SMS from the handset `sender` (already checked by `handsetNumber`) to `account`: kept in the incoming list that
 * `GET /sms/{serviceName}/incoming` serves, and POSTed to the account's `smsResponse.cgiUrl` when it has one. Without
 * a tag it takes the tag of the latest SMS sent to that number from the account (§9.2: "tag of the original send").
 * What `POST /incoming` and the phone page's replies both do.
 */
export function receiveIncoming(
	state: OvhState,
	pusher: OvhCallbackPusher,
	account: SmsAccount,
	sms: { readonly sender: string; readonly message: string; readonly tag?: string },
	smsNow: number,
): { record: IncomingRecord; push: PushAttempt | null } {
	const { sender } = sms;
	const original = [...state.outgoing, ...state.jobs]
		.filter((record) => record.service === account.name && record.receiver === sender)
		.sort((a, b) => b.id - a.id)[0];
	const record: IncomingRecord = {
		service: account.name,
		id: state.nextIncomingId++,
		creationDatetime: Math.floor(smsNow / 1000) * 1000,
		credits: 0,
		message: sms.message,
		sender,
		tag: sms.tag ?? original?.tag ?? '',
	};
	state.incoming.push(record);
	return { record, push: pusher.incoming(state, account, record) };
}

/**
 * `POST /outgoing/{id}/delivery` {status: delivered|failed|pending} or {ptt?, deliveryReceipt?}:
 * the operator's report. Updates the record and GETs the account's `callBack`.
 */
function reportDelivery(call: Call, rawId: string): unknown {
	const { state } = call;
	const id = Number(rawId);
	const record = /^\d+$/.test(rawId) ? state.outgoing.find((r) => r.id === id) : undefined;
	if (!record) {
		if (state.jobs.some((job) => job.id === id)) {
			throw new ConflictError(`SMS ${rawId} is still a pending job: advance the clock past its differed period first`);
		}
		throw new NotFoundError(`No outgoing SMS ${rawId}`);
	}
	const body = jsonObject(call.ctx.body);
	const push = reportOutgoing(state, call.deps.pusher, record, deliveryCodes(body), call.smsNow);
	return { ...(outgoingView(record) as object), service: record.service, callback: push?.id ?? null };
}

/**
 * The operator's report on an outgoing SMS: sets the codes given (the others stay), `sentAt` on the first report,
 * `deliveredAt` while it reads as delivered, then GETs the account's `callBack` if it has one. What
 * `POST /outgoing/{id}/delivery` and the phone page's settle buttons both do.
 */
export function reportOutgoing(
	state: OvhState,
	pusher: OvhCallbackPusher,
	record: SmsRecord,
	codes: { readonly ptt?: number; readonly deliveryReceipt?: number },
	smsNow: number,
): PushAttempt | null {
	record.ptt = codes.ptt ?? record.ptt;
	record.deliveryReceipt = codes.deliveryReceipt ?? record.deliveryReceipt;
	record.sentAt ??= record.dueAt;
	const delivered = record.deliveryReceipt === 1 || record.ptt === 4;
	record.deliveredAt = delivered ? (record.deliveredAt ?? smsNow) : null;
	const account = state.accounts.get(record.service)!;
	return pusher.delivery(state, account, record, smsNow);
}

function deliveryCodes(body: Record<string, unknown>): { ptt?: number; deliveryReceipt?: number } {
	if (body.status !== undefined) {
		const codes = typeof body.status === 'string' ? DELIVERY_STATUS[body.status] : undefined;
		if (!codes) throw new ControlInputError('status must be "delivered", "failed" or "pending"');
		return codes;
	}
	const ptt = optionalCode(body, 'ptt');
	const deliveryReceipt = optionalCode(body, 'deliveryReceipt');
	if (ptt === undefined && deliveryReceipt === undefined) {
		throw new ControlInputError('Give status, or ptt and/or deliveryReceipt');
	}
	return { ptt, deliveryReceipt };
}

/** `PUT /services/{service}/credits` {creditsLeft}. */
function setCredits(call: Call, service: string): unknown {
	const account = call.state.accounts.get(service);
	if (!account) throw new NotFoundError(`No SMS account ${service}`);
	const { creditsLeft } = jsonObject(call.ctx.body);
	if (typeof creditsLeft !== 'number' || !Number.isFinite(creditsLeft) || creditsLeft < 0) {
		throw new ControlInputError('creditsLeft must be a number, 0 or more');
	}
	account.creditsLeft = creditsLeft;
	return { service, creditsLeft };
}

/** `POST /templates|senders/{service}/{name}/review` {status: enable|refused, comment?}: the moderator's decision. */
function review(call: Call, kind: 'templates' | 'senders', service: string, name: string): unknown {
	const account = call.state.accounts.get(service);
	if (!account) throw new NotFoundError(`No SMS account ${service}`);
	const body = jsonObject(call.ctx.body);
	const status = body.status;
	if (status !== 'enable' && status !== 'refused') throw new ControlInputError('status must be "enable" or "refused"');
	const comment = optionalText(body, 'comment');
	if (kind === 'templates') {
		const template = account.templatesControl.get(name);
		if (!template) throw new NotFoundError(`No template ${name} on ${service}`);
		template.status = status;
		template.comment = comment ?? '';
		return templateView(template);
	}
	const sender = account.senders.get(name);
	if (!sender) throw new NotFoundError(`No sender ${name} on ${service}`);
	sender.status = status;
	sender.comment = comment ?? null;
	return senderView(sender);
}

/** `POST /clock` {advanceMinutes}: moves the SMS clock (never `/auth/time`); due jobs are released. */
function advanceClock(call: Call): unknown {
	const { advanceMinutes } = jsonObject(call.ctx.body);
	if (typeof advanceMinutes !== 'number' || !Number.isFinite(advanceMinutes) || advanceMinutes < 0) {
		throw new ControlInputError('advanceMinutes must be a number, 0 or more');
	}
	call.state.smsClockOffsetMs += Math.round(advanceMinutes * 60_000);
	const smsNow = call.deps.smsNow();
	return clockView(call.state, smsNow);
}

function clockView(state: OvhState, smsNow: number): unknown {
	return { now: ovhDatetime(smsNow), offsetMinutes: state.smsClockOffsetMs / 60_000, pendingJobs: state.jobs.map(jobId) };
}

const jobId = (record: SmsRecord) => record.id;

function jsonObject(body: Buffer): Record<string, unknown> {
	const parsed = parseJsonBody(body);
	if (!parsed.ok || !isRecord(parsed.value ?? {})) throw new ControlInputError('Expected a JSON object');
	return (parsed.value ?? {}) as Record<string, unknown>;
}

function optionalText(body: Record<string, unknown>, key: string): string | undefined {
	const value = body[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw new ControlInputError(`${key} must be a string`);
	return value;
}

function requiredText(body: Record<string, unknown>, key: string): string {
	const value = optionalText(body, key);
	if (value === undefined || value === '') throw new ControlInputError(`${key} is required`);
	return value;
}

function optionalCode(body: Record<string, unknown>, key: string): number | undefined {
	const value = body[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
		throw new ControlInputError(`${key} must be an integer, 0 or more`);
	}
	return value;
}

function splitQuery(target: string): [string, string?] {
	const index = target.indexOf('?');
	return index === -1 ? [target] : [target.slice(0, index), target.slice(index + 1)];
}

function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}
