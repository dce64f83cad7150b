import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord, parseJsonBody, sendJson } from '../../http';
import { ControlInputError, type RequestContext } from '../../provider';
import { splitTarget } from './auth';
import { smsReport, smsUp, templateReport, type CallbackPusher } from './callbacks';
import { parseNumber, type PhoneNumber } from './phone';
import { findSign, type AlibabaState, type GlobeMessage, type ReceivedSms, type ReviewStatus, type SentSms } from './state';

export interface ControlDeps {
	readonly state: () => AlibabaState;
	readonly pusher: CallbackPusher;
}

/** How long `GET /callbacks?wait=1` waits for pushes in flight. */
const WAIT_LIMIT_MS = 10_000;
const REVIEW: Readonly<Record<string, ReviewStatus>> = { approved: 1, rejected: 2 };
const CALLBACK_KEYS = ['smsReportUrl', 'smsUpUrl', 'templateReportUrl'] as const;

/**
 * `/_sandbox/alibaba/…` test hooks: the console's callback URLs and reviews, the carriers'
 * receipts, a handset's replies and the account balance. `ctx.target` is relative to that prefix.
 */
export async function handleAlibabaControl(
	req: IncomingMessage,
	res: ServerResponse,
	ctx: RequestContext,
	deps: ControlDeps,
): Promise<void> {
	const [path, query = ''] = splitTarget(ctx.target);
	const state = deps.state();
	const now = ctx.now();
	const review = /^\/(templates|signs)\/([^/]+)\/review$/.exec(path);
	if (req.method === 'POST' && review)
		return sendJson(res, ...reviewItem(state, deps.pusher, review[1], decodeURIComponent(review[2]), jsonObject(ctx.body), now));
	switch (`${req.method} ${path}`) {
		case 'PUT /callbacks':
			updateCallbacks(state, jsonObject(ctx.body));
			return sendJson(res, 200, callbacksView(state));
		case 'GET /callbacks':
			if (/(^|&)wait=(1|true)(&|$)/.test(query)) await deps.pusher.settled(WAIT_LIMIT_MS);
			// The state may have been reset meanwhile; show the current one.
			return sendJson(res, 200, callbacksView(deps.state()));
		case 'POST /receipts':
			return sendJson(res, ...receipt(state, deps.pusher, jsonObject(ctx.body), now));
		case 'POST /incoming':
			return sendJson(res, 200, incoming(state, deps.pusher, jsonObject(ctx.body), now));
		case 'PUT /balance': {
			const amount = jsonObject(ctx.body).amount;
			if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0) {
				throw new ControlInputError('amount must be a whole number of segments, 0 or more');
			}
			state.balance = amount;
			return sendJson(res, 200, { balance: state.balance });
		}
		case 'GET /balance':
			return sendJson(res, 200, { balance: state.balance });
	}
	sendJson(res, 404, { error: `No control route ${req.method} /_sandbox/alibaba${path}` });
}

/**
 * A carrier's report: for a domestic BizId (every number of it, or `phoneNumber`'s) it updates
 * QuerySendDetails and pushes one SmsReport array; for an international `messageId`, QueryMessage.
 */
function receipt(state: AlibabaState, pusher: CallbackPusher, body: Record<string, unknown>, now: number): [number, unknown] {
	const success = body.success ?? true;
	if (typeof success !== 'boolean') throw new ControlInputError('success must be a boolean');
	const outcome: Outcome = { success, errCode: optionalString(body, 'errCode'), errMsg: optionalString(body, 'errMsg') };
	const messageId = optionalString(body, 'messageId');
	if (messageId !== undefined) {
		const message = state.globe.find((m) => m.messageId === messageId);
		if (!message) return [404, { error: `No international message ${messageId}` }];
		settleGlobe(message, outcome, now);
		return [200, { messageId, status: message.status }];
	}
	const bizId = optionalString(body, 'bizId');
	if (bizId === undefined) throw new ControlInputError('bizId (or messageId) is required');
	const rawNumber = optionalString(body, 'phoneNumber');
	const number = rawNumber === undefined ? undefined : parseNumber(rawNumber)?.digits;
	if (rawNumber !== undefined && number === undefined)
		throw new ControlInputError(`phoneNumber ${rawNumber} is not a valid number`);
	const sent = state.sent.filter((s) => s.bizId === bizId && (number === undefined || s.phoneNumber === number));
	if (sent.length === 0) return [404, { error: `No message was sent with BizId ${bizId}${rawNumber ? ` to ${rawNumber}` : ''}` }];
	return [200, settleSent(state, pusher, sent, outcome, now)];
}

/** What a carrier reports; without codes, DELIVERED or MOBILE_NOT_ON_SERVICE. */
export interface Outcome {
	readonly success: boolean;
	readonly errCode?: string;
	readonly errMsg?: string;
}

function codes(outcome: Outcome): { errCode: string; errMsg: string } {
	const errCode = outcome.errCode ?? (outcome.success ? 'DELIVERED' : 'MOBILE_NOT_ON_SERVICE');
	return { errCode, errMsg: outcome.errMsg ?? (outcome.success ? '用户接收成功' : errCode) };
}

/** Receipts for domestic messages: QuerySendDetails reads them, and they are pushed as one SmsReport array. */
export function settleSent(
	state: AlibabaState,
	pusher: CallbackPusher,
	sent: readonly SentSms[],
	outcome: Outcome,
	now: number,
): { pushed: boolean; reports: Record<string, unknown>[] } {
	const { errCode, errMsg } = codes(outcome);
	for (const sms of sent) Object.assign(sms, { sendStatus: outcome.success ? 3 : 2, errCode, errMsg, receivedAt: now });
	const reports = sent.map(smsReport);
	if (state.callbacks.smsReportUrl !== null) pusher.push(state, 'SmsReport', state.callbacks.smsReportUrl, reports);
	return { pushed: state.callbacks.smsReportUrl !== null, reports };
}

/** The receipt of an international (2018-05-01) message: what QueryMessage reads; nothing is pushed. */
export function settleGlobe(message: GlobeMessage, outcome: Outcome, now: number): void {
	const { errCode, errMsg } = codes(outcome);
	Object.assign(message, {
		status: outcome.success ? 1 : 2,
		errorCode: errCode,
		errorDescription: outcome.success ? 'success' : errMsg,
		receivedAt: now,
	});
}

/** A handset's reply: pushed as a one-element SmsUp array. */
function incoming(state: AlibabaState, pusher: CallbackPusher, body: Record<string, unknown>, now: number): unknown {
	const raw = optionalString(body, 'phoneNumber');
	const number = raw === undefined ? null : parseNumber(raw);
	if (number === null) throw new ControlInputError('phoneNumber must be a valid number, e.g. "13800000000"');
	const content = optionalString(body, 'content');
	if (content === undefined) throw new ControlInputError('content is required');
	const { pushed, report } = receiveSms(
		state,
		pusher,
		{ number, content, destCode: optionalString(body, 'destCode') ?? '', signName: optionalString(body, 'signName') },
		now,
	);
	return { pushed, report };
}

/** An SMS from a handset to the account: kept (for the phone page) and pushed as a one-element SmsUp array. */
export function receiveSms(
	state: AlibabaState,
	pusher: CallbackPusher,
	sms: { readonly number: PhoneNumber; readonly content: string; readonly destCode: string; readonly signName?: string },
	now: number,
): { pushed: boolean; report: Record<string, unknown>; received: ReceivedSms } {
	const received: ReceivedSms = {
		sequenceId: String(state.nextSequence++),
		phoneNumber: sms.number.digits,
		mainland: sms.number.mainland,
		content: sms.content,
		destCode: sms.destCode,
		signName: sms.signName ?? null,
		receivedAt: now,
	};
	state.received.push(received);
	const report = smsUp({
		phoneNumber: received.phoneNumber,
		content: received.content,
		sentAt: now,
		destCode: received.destCode,
		sequenceId: received.sequenceId,
		signName: sms.signName,
	});
	if (state.callbacks.smsUpUrl !== null) pusher.push(state, 'SmsUp', state.callbacks.smsUpUrl, [report]);
	return { pushed: state.callbacks.smsUpUrl !== null, report, received };
}

/** The console's review; a template's result is pushed as a TemplateSmsReport (§0.6). */
function reviewItem(
	state: AlibabaState,
	pusher: CallbackPusher,
	kind: string,
	id: string,
	body: Record<string, unknown>,
	now: number,
): [number, unknown] {
	const status = REVIEW[String(body.status)];
	if (status === undefined) throw new ControlInputError('status must be "approved" or "rejected"');
	const reason = optionalString(body, 'reason') ?? '';
	const item = kind === 'templates' ? state.templates.get(id) : findSign(state, id);
	if (!item) return [404, { error: `No ${kind === 'templates' ? 'template' : 'sign'} ${id}` }];
	Object.assign(item, { status, reason: status === 2 ? reason : '', auditedAt: now });
	if (kind === 'templates' && 'code' in item) {
		const report = templateReport(item);
		if (state.callbacks.templateReportUrl !== null)
			pusher.push(state, 'TemplateSmsReport', state.callbacks.templateReportUrl, [report]);
		return [200, { pushed: state.callbacks.templateReportUrl !== null, report }];
	}
	return [200, { signName: 'name' in item ? item.name : id, status, reason: item.reason }];
}

function updateCallbacks(state: AlibabaState, body: Record<string, unknown>): void {
	const unknown = Object.keys(body).find((key) => !(CALLBACK_KEYS as readonly string[]).includes(key));
	if (unknown !== undefined) throw new ControlInputError(`Unknown setting ${unknown}`);
	const updates = CALLBACK_KEYS.map((key) => [key, callbackUrl(body, key)] as const);
	for (const [key, value] of updates) if (value !== undefined) state.callbacks[key] = value;
}

function callbacksView(state: AlibabaState): unknown {
	return { ...state.callbacks, attempts: state.pushes };
}

/** `undefined`: leave as is; `null`: stop pushing; otherwise an http(s) URL. */
function callbackUrl(body: Record<string, unknown>, key: string): string | null | undefined {
	const value = body[key];
	if (value === undefined || value === null) return value;
	if (typeof value === 'string' && /^https?:\/\/[^\s/]+/.test(value) && URL.canParse(value)) return value;
	throw new ControlInputError(`${key} must be an http(s) URL or null`);
}

function jsonObject(body: Buffer): Record<string, unknown> {
	const parsed = parseJsonBody(body);
	if (!parsed.ok || !isRecord(parsed.value ?? {})) throw new ControlInputError('Expected a JSON object');
	return (parsed.value ?? {}) as Record<string, unknown>;
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
	const value = body[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw new ControlInputError(`${key} must be a string`);
	return value;
}
