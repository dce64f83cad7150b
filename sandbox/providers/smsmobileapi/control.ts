import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord, parseJsonBody, sendJson } from '../../http';
import { ControlInputError, type RequestContext } from '../../provider';
import { receiveSms, receivedView } from './inbox';
import { logEntry, moveMessage, OFFLINE_ERROR } from './messages';
import { normaliseNumber } from './params';
import type { ReceivedSms, SentMessage, SmsMobileApiState } from './state';
import type { WebhookPusher } from './webhooks';

export interface ControlDeps {
	readonly state: () => SmsMobileApiState;
	readonly pusher: WebhookPusher;
}

/** How long `GET /webhook?wait=1` waits for pushes in flight. */
const WAIT_LIMIT_MS = 10_000;

/**
 * `/_sandbox/smsmobileapi/…` test hooks: incoming SMS, the phone's verdict on queued messages, phones
 * going offline, the webhook (and replays or forgeries of its last event), 429s and token expiry.
 */
export async function handleSmsMobileApiControl(
	req: IncomingMessage,
	res: ServerResponse,
	ctx: RequestContext,
	deps: ControlDeps,
): Promise<void> {
	const [path, query = ''] = ctx.target.split(/\?(.*)/s, 2);
	const state = deps.state();
	const now = ctx.now();
	const route = `${req.method} ${path}`;

	const status = /^POST \/messages\/([^/]+)\/status$/.exec(route);
	if (status) {
		try {
			const message = settleMessage(deps, decodeURIComponent(status[1]), () => jsonObject(ctx.body), now);
			return sendJson(res, 200, logEntry(message));
		} catch (error: unknown) {
			if (error instanceof SettleError) return sendJson(res, error.status, { error: error.message });
			throw error;
		}
	}
	const phoneRoute = /^PUT \/phones\/([^/]+)$/.exec(route);
	if (phoneRoute) {
		const phone = state.phones.find((p) => p.sid === decodeURIComponent(phoneRoute[1]));
		if (!phone) return sendJson(res, 404, { error: `No phone ${phoneRoute[1]}` });
		const body = jsonObject(ctx.body);
		if (typeof body.online !== 'boolean') throw new ControlInputError('online must be a boolean');
		phone.online = body.online;
		// A phone that goes offline fails what was waiting on it.
		const failed = phone.online ? [] : state.sent.filter((m) => m.sIdentifiant === phone.sid && m.status === 'queued');
		for (const message of failed) moveMessage(state, deps.pusher, message, 'failed', OFFLINE_ERROR, now);
		return sendJson(res, 200, { ...phone, failed: failed.map((m) => m.guid) });
	}

	switch (route) {
		case 'POST /incoming': {
			const { sms, pushed } = injectSms(deps, jsonObject(ctx.body), now);
			return sendJson(res, 200, { ...receivedView(sms), webhookAttempt: pushed });
		}
		case 'PUT /webhook':
			updateWebhook(state, jsonObject(ctx.body));
			return sendJson(res, 200, webhookView(state));
		case 'GET /webhook':
			if (/(^|&)wait=(1|true)(&|$)/.test(query)) await deps.pusher.settled(WAIT_LIMIT_MS);
			// The state may have been reset meanwhile; show the current one.
			return sendJson(res, 200, webhookView(deps.state()));
		case 'POST /webhook/replay':
		case 'POST /webhook/stale':
		case 'POST /webhook/bad-signature': {
			const variant = path.slice('/webhook/'.length) as 'replay' | 'stale' | 'bad-signature';
			const attempt = deps.pusher.resend(state, variant);
			if (attempt === null) return sendJson(res, 409, { error: 'No V2 event was pushed yet, or no webhook URL is set' });
			return sendJson(res, 200, attempt);
		}
		case 'GET /rate-limit':
			return sendJson(res, 200, state.rateLimit);
		case 'PUT /rate-limit': {
			const body = jsonObject(ctx.body);
			if (typeof body.on !== 'boolean') throw new ControlInputError('on must be a boolean');
			const retryAfter = body.retryAfter ?? state.rateLimit.retryAfter;
			if (typeof retryAfter !== 'number' || !Number.isSafeInteger(retryAfter) || retryAfter < 0) {
				throw new ControlInputError('retryAfter must be a whole number of seconds');
			}
			state.rateLimit = { on: body.on, retryAfter };
			return sendJson(res, 200, state.rateLimit);
		}
		case 'POST /tokens/expire':
			for (const token of state.tokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
			return sendJson(res, 200, { expired: state.tokens.size });
	}
	sendJson(res, 404, { error: `No control route ${req.method} /_sandbox/smsmobileapi${path}` });
}

/**
 * Why `settleMessage` refused, answered with this status by `…/messages/{guid}/status`; elsewhere (the phone
 * page) a ControlInputError like any other, so a 400.
 */
export class SettleError extends ControlInputError {
	constructor(
		readonly status: 404 | 409,
		message: string,
	) {
		super(message);
	}
}

/**
 * The phone's verdict on a queued message (`POST …/messages/{guid}/status`, the phone page's settle): `status`
 * `sent` or `failed`, with an optional `error`; moves it and pushes `sms.sent` / `sms.failed`. The verdict is
 * read only once the message is found, so that an unknown guid is a 404 whatever the body.
 */
export function settleMessage(deps: ControlDeps, guid: string, verdict: () => Record<string, unknown>, now: number): SentMessage {
	const state = deps.state();
	const message = state.sent.find((m) => m.guid === guid);
	if (!message) throw new SettleError(404, `No message ${guid}`);
	const body = verdict();
	if (body.status !== 'sent' && body.status !== 'failed') throw new ControlInputError('status must be "sent" or "failed"');
	if (message.status !== 'queued') throw new SettleError(409, `The message is already ${message.status}`);
	moveMessage(state, deps.pusher, message, body.status, optionalString(body, 'error') ?? '', now);
	return message;
}

/**
 * An SMS received by one of the account's phones (`POST …/incoming`, the phone page's reply): `number`,
 * `message`, `device` (a phone's SID, the first phone by default) and `alias`; stored for `/getsms/` and
 * pushed to the webhook.
 */
export function injectSms(
	deps: ControlDeps,
	body: Record<string, unknown>,
	now: number,
): { sms: ReceivedSms; pushed: number | null } {
	const state = deps.state();
	const rawNumber = optionalString(body, 'number');
	const number = rawNumber === undefined ? null : normaliseNumber(rawNumber);
	if (number === null) throw new ControlInputError('number must be a phone number, e.g. "+15551234567"');
	const message = optionalString(body, 'message');
	if (message === undefined) throw new ControlInputError('message is required');
	const device = optionalString(body, 'device') ?? state.phones[0].sid;
	if (!state.phones.some((p) => p.sid === device)) throw new ControlInputError(`No phone ${device}`);
	const alias = optionalString(body, 'alias') ?? null;
	return receiveSms(state, deps.pusher, { number, message, device, alias }, now);
}

function updateWebhook(state: SmsMobileApiState, body: Record<string, unknown>): void {
	const unknown = Object.keys(body).find((key) => !['url', 'secret', 'legacy'].includes(key));
	if (unknown !== undefined) throw new ControlInputError(`Unknown setting ${unknown}`);
	const { url, secret, legacy } = body;
	if (url !== undefined && url !== null && !(typeof url === 'string' && /^https?:\/\/[^\s/]+/.test(url) && URL.canParse(url))) {
		throw new ControlInputError('url must be an http(s) URL or null');
	}
	if (secret !== undefined && (typeof secret !== 'string' || secret === '')) {
		throw new ControlInputError('secret must be a non-empty string');
	}
	if (legacy !== undefined && typeof legacy !== 'boolean') throw new ControlInputError('legacy must be a boolean');
	if (url !== undefined) state.webhook.url = url;
	if (secret !== undefined) state.webhook.secret = secret;
	if (legacy !== undefined) state.webhook.legacy = legacy;
}

function webhookView(state: SmsMobileApiState): unknown {
	return { ...state.webhook, attempts: state.attempts };
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
