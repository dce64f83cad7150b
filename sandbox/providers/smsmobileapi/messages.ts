import { randomBytes } from 'node:crypto';
import { badRequest, missingParameter } from './errors';
import { integerParam, normaliseNumber, param } from './params';
import type { Channel, MessageStatus, SentMessage, SmsMobileApiState } from './state';
import { buildEvent, statusEvent, type WebhookPusher } from './webhooks';

export const OFFLINE_ERROR = 'The phone is offline: open the SMSMobileAPI app on the phone';

export interface Call {
	readonly state: SmsMobileApiState;
	readonly params: Map<string, string>;
	readonly now: number;
	readonly pusher: WebhookPusher;
}

/** Answers with HTTP 200 and a non-empty `result.error`: the service's application errors (specs §4). */
const applicationError = (error: string) => ({ result: { error, sent: '0' } });

/**
 * sendsms / sendwa / waonly (specs §3.1, §0.3): `waonly=yes`, or `sendwa=1` with `sendsms=0`, is
 * WhatsApp only; `sendwa=1` otherwise adds WhatsApp to the SMS; anything else, the CLI's
 * `sendsms=0&sendwa=0` included, is an SMS.
 */
function channelOf(params: Map<string, string>): Channel {
	const sendwa = param(params, 'sendwa') === '1';
	if (param(params, 'waonly')?.toLowerCase() === 'yes' || (sendwa && param(params, 'sendsms') === '0')) return 'whatsapp';
	return sendwa ? 'both' : 'sms';
}

/**
 * `/sendsms/`: one recipient per call, as the docs describe `recipients` ("recipient number"); a
 * comma-separated list is refused with 400 so that a client sending several at once is caught.
 */
export function sendSms({ state, params, now, pusher }: Call): unknown {
	const rawRecipients = params.get('recipients');
	if (rawRecipients === undefined || rawRecipients.trim() === '') throw missingParameter('recipients');
	const text = param(params, 'message');
	if (text === undefined) throw missingParameter('message');
	if (/[,;]/.test(rawRecipients)) throw badRequest('recipients takes one number per call: send one request per recipient');
	const recipient = normaliseNumber(rawRecipients);
	if (recipient === null) throw badRequest(`recipients is not a phone number: ${rawRecipients.trim()}`);
	const urlMedia = param(params, 'url_media') ?? null;
	if (urlMedia !== null && !(/^https:\/\//i.test(urlMedia) && URL.canParse(urlMedia))) {
		throw badRequest('url_media must be a public https:// URL');
	}
	const port = integerParam(params, 'port') ?? null;
	if (port !== null && port !== 1 && port !== 2) throw badRequest('port must be 1 or 2 (the SIM slot), or empty');
	const scheduleTimestamp = integerParam(params, 'schedule_timestamp') ?? null;
	const sid = param(params, 'sIdentifiant');
	const phone =
		sid === undefined ? (state.phones.find((p) => p.online) ?? state.phones[0]) : state.phones.find((p) => p.sid === sid);
	if (phone === undefined) throw badRequest(`No connected phone has the sIdentifiant ${sid}: see /gateway/mobile/list/`);

	const channel = channelOf(params);
	const encrypted = param(params, 'encrypt_message') === 'yes';
	const message: SentMessage = {
		guid: randomBytes(20).toString('hex'),
		recipient,
		message: text,
		channel,
		sIdentifiant: phone.sid,
		urlMedia,
		scheduleTimestamp,
		port,
		encrypted,
		from: param(params, 'from') ?? null,
		createdAt: now,
		status: 'queued',
		error: '',
		updatedAt: now,
		resends: 0,
	};
	state.sent.push(message);
	// The service accepts it either way; the phone, offline, fails it (and the sent log says so).
	if (!phone.online) moveMessage(state, pusher, message, 'failed', OFFLINE_ERROR, now);
	const stamp = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
	return {
		result: {
			error: 0,
			sent: '1',
			id: message.guid,
			note: 'sent by mobile',
			datetime: stamp,
			// The sandbox's account is on UTC.
			datetimeLocal: stamp.replace('Z', '+00:00'),
			port,
			iac_control: '1',
			iac_authorized: '1',
			send_with_whatsapp: channel === 'sms' ? '0' : '1',
			encrypted: { status: encrypted ? '1' : '0' },
			trial_account: { status: '0', sms_sent: 0 },
		},
	};
}

/**
 * `/resend/` and `/resendwa/` (specs §3.2): only a failed message, of that channel, goes back in the
 * queue (and fails again at once if its phone is still offline); anything else is an application error.
 */
export function resend(call: Call, channel: 'sms' | 'whatsapp'): unknown {
	const { state, params, now, pusher } = call;
	const guid = param(params, 'guid');
	if (guid === undefined) throw missingParameter('guid');
	const message = state.sent.find((m) => m.guid === guid.trim());
	if (message === undefined) return applicationError(`No message with the guid ${guid}`);
	if (message.channel !== 'both' && message.channel !== channel) {
		return applicationError(
			channel === 'sms' ? 'This is a WhatsApp message: resend it with /resendwa/' : 'This is an SMS: resend it with /resend/',
		);
	}
	if (message.status !== 'failed')
		return applicationError(`Only a message in error can be resent; this one is ${message.status}`);
	message.status = 'queued';
	message.error = '';
	message.updatedAt = now;
	message.resends++;
	const phone = state.phones.find((p) => p.sid === message.sIdentifiant);
	if (phone?.online !== true) moveMessage(state, pusher, message, 'failed', OFFLINE_ERROR, now);
	return { result: { error: 0, sent: '1', id: message.guid, note: 'resent', status: message.status } };
}

/** Moves a queued message to sent or failed and pushes `sms.sent` / `sms.failed` (`whatsapp.*` for WhatsApp). */
export function moveMessage(
	state: SmsMobileApiState,
	pusher: WebhookPusher,
	message: SentMessage,
	status: Exclude<MessageStatus, 'queued'>,
	error: string,
	now: number,
): void {
	message.status = status;
	message.error = status === 'failed' ? error || 'The phone could not send the message' : '';
	message.updatedAt = now;
	const { type, data } = statusEvent(message);
	pusher.pushEvent(state, buildEvent(type, data, now, now));
}

/** One row of the sent log: the third-party fields (specs §3.3) plus a plain `status`. */
export function logEntry(message: SentMessage): Record<string, unknown> {
	const stamp = new Date(message.createdAt).toISOString();
	return {
		guid: message.guid,
		id: message.guid,
		recipients: message.recipient,
		message: message.message,
		date: stamp.slice(0, 10),
		hour: stamp.slice(11, 19),
		timestamp_unix: Math.floor(message.createdAt / 1000),
		sIdentifiant: message.sIdentifiant,
		send_with_whatsapp: message.channel === 'sms' ? '0' : '1',
		url_media: message.urlMedia,
		schedule_timestamp: message.scheduleTimestamp,
		status: message.status,
		send_from_mobile: message.status === 'sent' ? '1' : '0',
		send_from_mobile_erreur: message.error,
		// The API accepted every logged message; refused requests are never logged.
		error_api: '0',
		error_mobile: message.status === 'failed' ? '1' : '0',
		resends: message.resends,
	};
}

/**
 * `/log/sent/sms/`, newest first, with its filters: `guid_message`, `before` (a Unix time or the GUID
 * of a message: those sent earlier), `keyword` (in the text or number, any case), `error_api` and
 * `error_mobile` (`0` or `1`).
 */
export function sentLog({ state, params }: Call): unknown {
	let messages = [...state.sent].reverse();
	const guid = param(params, 'guid_message');
	if (guid !== undefined) messages = messages.filter((m) => m.guid === guid.trim());
	const before = param(params, 'before')?.trim();
	if (before !== undefined) {
		const pivot = /^\d+$/.test(before) ? Number(before) * 1000 : state.sent.find((m) => m.guid === before)?.createdAt;
		if (pivot === undefined) throw badRequest(`before must be a Unix time or the guid of a sent message, got ${before}`);
		const index = state.sent.findIndex((m) => m.guid === before);
		messages = messages.filter((m) => (index === -1 ? m.createdAt < pivot : state.sent.indexOf(m) < index));
	}
	const keyword = param(params, 'keyword')?.toLowerCase();
	if (keyword !== undefined) {
		messages = messages.filter((m) => m.message.toLowerCase().includes(keyword) || m.recipient.includes(keyword));
	}
	for (const name of ['error_api', 'error_mobile'] as const) {
		const flag = param(params, name);
		if (flag === undefined) continue;
		if (flag !== '0' && flag !== '1') throw badRequest(`${name} must be 0 or 1`);
		messages = messages.filter((m) => logEntry(m)[name] === flag);
	}
	return { result: { error: '', sms: messages.map(logEntry) } };
}
