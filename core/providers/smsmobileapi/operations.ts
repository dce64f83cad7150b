import * as z from 'zod';
import type { SendResult } from '../../normalised';
import { defineOperation } from '../../operation';
import { e164, smsText } from '../../schemas';
import { countSegments } from '../../segments';
import { SMSMOBILEAPI_DELETE_PATH } from './endpoints';
import { applicationError, noError, smsmobileapiParse } from './parse';

const loose = z.object({}).loose();
const result = z.object({ result: z.object({ error: z.unknown().optional(), message: z.unknown().optional() }).loose() }).loose();

/** `result` of a 200 answer, or the application error it carries (HTTP 200 with a non-empty `result.error`). */
function resultOf(body: unknown, what: string): Record<string, unknown> {
	const parsed = smsmobileapiParse(result, body, what);
	if (!noError(parsed.result.error)) throw applicationError(parsed.result.error, parsed.result.message, what);
	return parsed.result;
}

export interface SmsMobileApiSendResult extends SendResult {
	provider: 'smsmobileapi';
	channel: 'sms' | 'whatsapp';
	/** The GUID: Resend and the sent log take it. */
	guid: string | null;
	raw: Record<string, unknown>;
}

const sendInput = z.object({
	to: e164,
	message: smsText.pipe(z.string().min(1, 'the message is empty')),
	channel: z.enum(['sms', 'whatsapp']).default('sms'),
	/** The connected phone that sends (Device → Get Many); empty: the first available. */
	device: z.string().trim().optional(),
	mediaUrl: z.url({ protocol: /^https$/, error: 'must be a public https:// URL' }).optional(),
	scheduleAt: z.coerce.number().int().positive().optional(),
});

/**
 * POST /sendsms/ (spec §3.1): one recipient per call. Accepted means queued on the user's phone, not delivered:
 * the sent log and the sms.sent / sms.failed events say what happened next.
 */
export const sendMessage = defineOperation({
	provider: 'smsmobileapi',
	name: 'message.send',
	sends: true,
	input: sendInput,
	request: (i) => ({
		method: 'POST',
		path: '/sendsms/',
		body: {
			recipients: i.to,
			message: i.message,
			...(i.channel === 'whatsapp' ? { waonly: 'yes', url_media: i.mediaUrl } : { sendsms: '1' }),
			sIdentifiant: i.device,
			schedule_timestamp: i.scheduleAt,
			from: 'smskit',
		},
	}),
	parse: (body, i): SmsMobileApiSendResult => {
		const r = resultOf(body, i.channel === 'whatsapp' ? 'the WhatsApp message' : 'the SMS');
		const counted = i.channel === 'sms' ? countSegments(i.message) : undefined;
		const id = typeof r.id === 'string' && r.id ? r.id : null;
		return {
			provider: 'smsmobileapi',
			status: 'queued',
			to: i.to,
			messageId: id,
			encoding: counted?.encoding ?? null,
			segments: counted?.segments ?? null,
			characters: counted?.characters ?? Array.from(i.message).length,
			error: null,
			channel: i.channel,
			guid: id,
			raw: r,
		};
	},
});

/** /resend/ and /resendwa/ (§3.2): only a message in error status is sent again. */
export const resendMessage = defineOperation({
	provider: 'smsmobileapi',
	name: 'message.resend',
	sends: true,
	input: z.object({ guid: z.string().trim().min(1, 'required'), channel: z.enum(['sms', 'whatsapp']).default('sms') }),
	request: (i) => ({ method: 'POST', path: i.channel === 'whatsapp' ? '/resendwa/' : '/resend/', body: { guid: i.guid } }),
	parse: (body, i) => ({ guid: i.guid, channel: i.channel, resent: true, raw: resultOf(body, 'the resend') }),
});

/** The sent log's status in plain words: queued on the phone, sent by it, or failed (§3.3). */
export function sentStatus(row: Record<string, unknown>): 'queued' | 'sent' | 'failed' {
	const status = String(row.status ?? '').toLowerCase();
	if (status === 'sent' || status === 'failed' || status === 'queued') return status;
	if (!noError(row.error_api) || (typeof row.send_from_mobile_erreur === 'string' && row.send_from_mobile_erreur))
		return 'failed';
	return String(row.send_from_mobile ?? '') === '1' ? 'sent' : 'queued';
}

const logBody = z
	.object({
		result: z
			.object({ sms: z.array(loose).optional(), error: z.unknown().optional() })
			.loose()
			.optional(),
		list: z.array(loose).optional(),
	})
	.loose();

/** GET /log/sent/sms/ (§3.3): the delivery-status pull, read whether the rows come as result.sms or list (§0.9). */
export const listSent = defineOperation({
	provider: 'smsmobileapi',
	name: 'sentLog.getMany',
	input: z.object({
		guid: z.string().trim().optional(),
		before: z.union([z.string(), z.number()]).optional(),
		keyword: z.string().optional(),
		apiErrors: z.boolean().optional(),
		mobileErrors: z.boolean().optional(),
	}),
	request: (i) => ({
		method: 'GET',
		path: '/log/sent/sms/',
		query: {
			guid_message: i.guid || undefined,
			before: i.before === '' ? undefined : i.before,
			keyword: i.keyword || undefined,
			error_api: i.apiErrors === undefined ? undefined : i.apiErrors ? 1 : 0,
			error_mobile: i.mobileErrors === undefined ? undefined : i.mobileErrors ? 1 : 0,
		},
	}),
	parse: (body) => {
		const parsed = smsmobileapiParse(logBody, body, 'the sent log');
		if (parsed.result && !noError(parsed.result.error))
			throw applicationError(parsed.result.error, undefined, 'the sent-log query');
		const rows = parsed.result?.sms ?? parsed.list ?? [];
		return rows.map((row: Record<string, unknown>) => {
			const guid = String(row.guid ?? row.guid_message ?? row.id ?? '');
			const status = sentStatus(row);
			return {
				provider: 'smsmobileapi' as const,
				status: status === 'queued' ? ('pending' as const) : status,
				sentLogStatus: status,
				to: String(row.recipients ?? row.number ?? row.recipient ?? ''),
				messageId: guid,
				guid,
				at: typeof row.datetime === 'string' ? row.datetime : null,
				description: String(row.send_from_mobile_erreur ?? row.error_api ?? ''),
				raw: row,
			};
		});
	},
});

const received = z
	.object({
		id: z.union([z.number(), z.string()]).optional(),
		guid: z.string(),
		message: z.string(),
		number: z.string(),
		timestamp_unix: z.coerce.number().optional(),
		time_received: z.string().optional(),
		sIdentifiantPhone: z.string().optional(),
		alias: z.string().nullable().optional(),
	})
	.loose();

export type SmsMobileApiReceived = z.output<typeof received>;

/** GET /getsms/ (§3.4): SMS received on the phone. */
export const listReceived = defineOperation({
	provider: 'smsmobileapi',
	name: 'received.getMany',
	input: z.object({
		after: z.union([z.number(), z.string()]).optional(),
		onlyUnread: z.boolean().optional(),
		device: z.string().trim().optional(),
	}),
	request: (i) => ({
		method: 'GET',
		path: '/getsms/',
		query: {
			after_timestamp_unix: unixOf(i.after),
			onlyunread: i.onlyUnread ? 'yes' : undefined,
			sIdentifiantPhone: i.device || undefined,
		},
	}),
	parse: (body): SmsMobileApiReceived[] => {
		const r = resultOf(body, 'the received SMS query');
		return smsmobileapiParse(z.array(received), r.sms ?? [], 'the received SMS');
	},
});

/** Seconds since the epoch from seconds, milliseconds or a date. */
function unixOf(value: number | string | undefined): number | undefined {
	if (value === undefined || value === '') return undefined;
	if (typeof value === 'number') return value > 1e11 ? Math.floor(value / 1000) : value;
	if (/^\d+$/.test(value)) return unixOf(Number(value));
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** Delete SMS from the SMSMobileAPI server log (not from the phone). UNVERIFIED path: see SMSMOBILEAPI_DELETE_PATH. */
export const deleteReceived = defineOperation({
	provider: 'smsmobileapi',
	name: 'received.delete',
	input: z
		.object({
			guid: z.string().trim().optional(),
			dateStart: z.string().trim().optional(),
			dateEnd: z.string().trim().optional(),
			/** Without a filter the API deletes every received SMS: that takes saying so. */
			all: z.boolean().optional(),
		})
		.refine((i) => i.guid || i.dateStart || i.dateEnd || i.all === true, {
			message:
				'no message GUID and no dates are set, which would delete every received SMS; nothing was deleted (set Delete All to delete them all)',
		}),
	request: (i) => ({
		method: 'GET',
		path: SMSMOBILEAPI_DELETE_PATH,
		query: { guid_message: i.guid || undefined, date_start: i.dateStart || undefined, date_end: i.dateEnd || undefined },
	}),
	parse: (body, i) => ({ deleted: true, guid: i.guid ?? null, raw: resultOf(body, 'the delete') }),
});

/** GET /gateway/mobile/list/ (§3.7): the phones connected to the account. */
export const listDevices = defineOperation({
	provider: 'smsmobileapi',
	name: 'device.getMany',
	input: z.object({ search: z.string().optional() }),
	request: (i) => ({ method: 'GET', path: '/gateway/mobile/list/', query: { search: i.search || undefined } }),
	parse: (body) => {
		const parsed = smsmobileapiParse(
			z
				.object({
					result: z
						.object({ mobiles: z.array(loose).optional(), list: z.array(loose).optional() })
						.loose()
						.optional(),
					list: z.array(loose).optional(),
					mobiles: z.array(loose).optional(),
				})
				.loose(),
			body,
			'the device list',
		);
		return parsed.result?.mobiles ?? parsed.result?.list ?? parsed.mobiles ?? parsed.list ?? [];
	},
});

/** GET /whatsapp/checknumber/ (§3.6): whether a number has WhatsApp; it wants the number without + or 00. */
export const checkWhatsApp = defineOperation({
	provider: 'smsmobileapi',
	name: 'whatsapp.checkNumber',
	input: z.object({ number: e164 }),
	request: (i) => ({ method: 'GET', path: '/whatsapp/checknumber/', query: { recipients: i.number.slice(1) } }),
	parse: (body, i) => ({ number: i.number, ...smsmobileapiParse(loose, body, 'the WhatsApp check') }),
});
