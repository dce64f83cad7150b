import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord, parseJsonBody, sendJson } from '../../http';
import { ControlInputError, type RequestContext } from '../../provider';
import { splitTarget } from './auth';
import type { CallbackPusher } from './callbacks';
import { addReceipts, addReply, RECEIPT_DEFAULTS, receiptView, replyView } from './delivery';
import { parsePhoneNumber, type PhoneNumber } from './phone';
import {
	appExists,
	TENCENT_DEFAULT_CREDENTIALS,
	type Receipt,
	type Reply,
	type ReviewStatus,
	type SentSms,
	type TencentState,
} from './state';

export interface ControlDeps {
	readonly state: () => TencentState;
	readonly pusher: CallbackPusher;
}

/** How long `GET /callbacks?wait=1` waits for pushes in flight. */
const WAIT_LIMIT_MS = 10_000;

const REVIEW_STATUS: Readonly<Record<string, ReviewStatus>> = { approved: 0, rejected: -1 };

/**
 * `/_sandbox/tencent/…` test hooks: the console's reviews, a handset's replies and receipts, and
 * the callback settings. `ctx.target` is relative to that prefix.
 */
export async function handleTencentControl(
	req: IncomingMessage,
	res: ServerResponse,
	ctx: RequestContext,
	deps: ControlDeps,
): Promise<void> {
	const [path, query = ''] = splitTarget(ctx.target);
	const state = deps.state();
	const now = ctx.now();
	const review = /^\/(templates|signs)\/(\d+)\/review$/.exec(path);
	if (req.method === 'POST' && review) {
		const [, kind, id] = review;
		const item = kind === 'templates' ? state.templates.get(Number(id)) : state.signs.get(Number(id));
		if (!item) return sendJson(res, 404, { error: `No ${kind === 'templates' ? 'template' : 'signature'} ${id}` });
		const body = jsonObject(ctx.body);
		const status = REVIEW_STATUS[String(body.status)];
		if (status === undefined) throw new ControlInputError('status must be "approved" or "rejected"');
		item.statusCode = status;
		item.reviewReply = optionalString(body, 'reply') ?? '';
		return sendJson(res, 200, { id: item.id, statusCode: item.statusCode, reviewReply: item.reviewReply });
	}
	switch (`${req.method} ${path}`) {
		case 'POST /replies': {
			const reply = injectReply(state, deps.pusher, replyInput(jsonObject(ctx.body)), now);
			return sendJson(res, 200, { smsSdkAppId: reply.smsSdkAppId, ...replyView(reply) });
		}
		case 'POST /receipts': {
			const body = jsonObject(ctx.body);
			const serialNo = optionalString(body, 'serialNo');
			if (serialNo === undefined) throw new ControlInputError('serialNo is required');
			const sms = state.sent.find((s) => s.serialNo === serialNo);
			if (!sms) return sendJson(res, 404, { error: `No message was sent with SerialNo ${serialNo}` });
			const status = body.status;
			if (status !== 'SUCCESS' && status !== 'FAIL') throw new ControlInputError('status must be "SUCCESS" or "FAIL"');
			const receipt = injectReceipt(state, deps.pusher, sms, status, now, {
				errmsg: optionalString(body, 'errmsg'),
				description: optionalString(body, 'description'),
				time: optionalSeconds(body, 'time'),
			});
			return sendJson(res, 200, { smsSdkAppId: sms.smsSdkAppId, ...receiptView(receipt) });
		}
		case 'PUT /callbacks':
			updateCallbacks(state, jsonObject(ctx.body));
			return sendJson(res, 200, callbacksView(state));
		case 'GET /callbacks':
			if (/(^|&)wait=(1|true)(&|$)/.test(query)) await deps.pusher.settled(WAIT_LIMIT_MS);
			// The state may have been reset meanwhile; show the current one.
			return sendJson(res, 200, callbacksView(deps.state()));
	}
	sendJson(res, 404, { error: `No control route ${req.method} /_sandbox/tencent${path}` });
}

/** What a receipt may say besides its outcome; each defaults as on the real service. */
export interface ReceiptDetails {
	/** Carrier code; `DELIVRD` or `UNDELIV` by default. */
	readonly errmsg?: string;
	readonly description?: string;
	/** `UserReceiveTime`, Unix seconds; now by default. */
	readonly time?: number;
}

/**
 * A handset's receipt for one SMS sent (`POST /receipts`, and the phone page's settle): kept for the status
 * pulls and pushed to the status callback, as `addReceipts` does for any receipt.
 */
export function injectReceipt(
	state: TencentState,
	pusher: CallbackPusher,
	sms: SentSms,
	status: Receipt['reportStatus'],
	now: number,
	details: ReceiptDetails = {},
): Receipt {
	const receipt: Receipt = {
		smsSdkAppId: sms.smsSdkAppId,
		serialNo: sms.serialNo,
		phoneNumber: sms.phoneNumber,
		countryCode: sms.countryCode,
		subscriberNumber: sms.subscriberNumber,
		reportStatus: status,
		errmsg: details.errmsg ?? RECEIPT_DEFAULTS[status].errmsg,
		description: details.description ?? RECEIPT_DEFAULTS[status].description,
		userReceiveTime: details.time ?? Math.floor(now / 1000),
		sessionContext: sms.sessionContext,
	};
	addReceipts(state, pusher, [receipt]);
	return receipt;
}

/** An SMS from a handset to an application, as `POST /replies` and the phone page hand it in. */
export interface ReplyInput {
	readonly number: PhoneNumber;
	readonly text: string;
	readonly smsSdkAppId: string;
	readonly signName: string;
	/** Empty for none. */
	readonly extendCode: string;
	/** `ReplyTime`, Unix seconds; now by default. */
	readonly time?: number;
}

/**
 * A reply (`POST /replies`, and the phone page's reply): kept for the reply pulls and pushed to the reply
 * callback by `addReply`. An application no key may use does not exist: ControlInputError.
 */
export function injectReply(state: TencentState, pusher: CallbackPusher, input: ReplyInput, now: number): Reply {
	if (!appExists(state, input.smsSdkAppId)) throw new ControlInputError(`No SMS application ${input.smsSdkAppId}`);
	const reply: Reply = {
		smsSdkAppId: input.smsSdkAppId,
		extendCode: input.extendCode,
		countryCode: input.number.countryCode,
		phoneNumber: input.number.e164,
		subscriberNumber: input.number.subscriber,
		signName: input.signName,
		replyContent: input.text,
		replyTime: input.time ?? Math.floor(now / 1000),
		receivedAt: now,
	};
	addReply(state, pusher, reply);
	return reply;
}

/** `POST /replies`'s body: `phoneNumber` and `text` required, the seeded application and signature by default. */
function replyInput(body: Record<string, unknown>): ReplyInput {
	const raw = optionalString(body, 'phoneNumber');
	const number = raw === undefined ? null : parsePhoneNumber(raw);
	if (number === null) throw new ControlInputError('phoneNumber must be a valid number, e.g. "+33601020304"');
	const text = optionalString(body, 'text');
	if (text === undefined) throw new ControlInputError('text is required');
	return {
		number,
		text,
		smsSdkAppId: optionalString(body, 'smsSdkAppId') ?? TENCENT_DEFAULT_CREDENTIALS.smsSdkAppId,
		extendCode: optionalString(body, 'extend') ?? '',
		signName: optionalString(body, 'sign') ?? TENCENT_DEFAULT_CREDENTIALS.signName,
		time: optionalSeconds(body, 'time'),
	};
}

function updateCallbacks(state: TencentState, body: Record<string, unknown>): void {
	const unknown = Object.keys(body).find((key) => !['statusUrl', 'replyUrl', 'autoDeliver'].includes(key));
	if (unknown !== undefined) throw new ControlInputError(`Unknown setting ${unknown}`);
	const urls = { statusUrl: callbackUrl(body, 'statusUrl'), replyUrl: callbackUrl(body, 'replyUrl') };
	if (body.autoDeliver !== undefined && typeof body.autoDeliver !== 'boolean') {
		throw new ControlInputError('autoDeliver must be a boolean');
	}
	if (urls.statusUrl !== undefined) state.callbacks.statusUrl = urls.statusUrl;
	if (urls.replyUrl !== undefined) state.callbacks.replyUrl = urls.replyUrl;
	if (body.autoDeliver !== undefined) state.callbacks.autoDeliver = body.autoDeliver;
}

function callbacksView(state: TencentState): unknown {
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

function optionalSeconds(body: Record<string, unknown>, key: string): number | undefined {
	const value = body[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
		throw new ControlInputError(`${key} must be a Unix time in seconds`);
	}
	return value;
}
