import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { SmsError } from '../../errors';
import { invalidCallback, readBody } from '../../inbound';
import type { DeliveryEvent, IncomingEvent } from '../../normalised';
import type { CallbackAnswer, Inbound, InboundEvent, Received } from '../../provider';
import type { TencentInbound, TencentReport } from './operations';

/** What Tencent expects back from a callback receiver (spec tencent.md §8.3). */
export const TENCENT_CALLBACK_ANSWER = { result: 0, errmsg: 'OK' } as const;

const statusCallback = z.array(
	z
		.object({
			user_receive_time: z.string(),
			nationcode: z.string(),
			mobile: z.string(),
			report_status: z.string(),
			errmsg: z.string().optional().default(''),
			description: z.string().optional().default(''),
			sid: z.string(),
		})
		.loose(),
);

const replyCallback = z
	.object({
		extend: z.string().optional().default(''),
		mobile: z.string(),
		nationcode: z.string(),
		sign: z.string().optional().default(''),
		text: z.string(),
		// Unix seconds a Date can hold (±8.64e12): beyond, the reply's time cannot be told.
		time: z.number().min(-8.64e12).max(8.64e12),
	})
	.loose();

/** Beijing time "YYYY-MM-DD HH:MM:SS" → ISO 8601 in UTC, like every other time SMS Kit emits. */
function beijingIso(text: string): string | null {
	const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(text.trim());
	const date = match ? new Date(`${match[1]}T${match[2]}+08:00`) : undefined;
	// A time of the right shape may still be no date (month 13): read as none, like any unreadable time.
	return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

const unixIso = (seconds: number | undefined) => (seconds ? new Date(seconds * 1000).toISOString() : null);

function invalid(what: string, error: z.ZodError): SmsError {
	const issue = error.issues[0];
	return invalidCallback(
		'tencent',
		`This is not a Tencent Cloud SMS ${what} callback (${issue?.path.join('.') || 'body'}: ${issue?.message}).`,
	);
}

/** The same receipt, pushed twice or pulled after a push, has the same key. */
export const tencentReportKey = (serialNo: string, status: string) => `tencent:status:${serialNo}:${status}`;
export const tencentReplyKey = (from: string, unixTime: number, text: string) =>
	`tencent:reply:${from}:${unixTime}:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;

const reportStatus = (status: string): DeliveryEvent['status'] =>
	status === 'SUCCESS' ? 'delivered' : status === 'FAIL' ? 'failed' : 'unknown';

function deliveryEvent(fields: {
	serialNo: string;
	reportStatus: string;
	to: string;
	at: string | null;
	description: string;
	account: string;
	raw: Record<string, unknown>;
}): Received<DeliveryEvent> {
	return {
		event: 'delivery',
		key: tencentReportKey(fields.serialNo, fields.reportStatus),
		payload: {
			provider: 'tencent',
			event: 'delivery',
			status: reportStatus(fields.reportStatus),
			to: fields.to,
			messageId: fields.serialNo,
			at: fields.at,
			description: fields.description,
			account: fields.account,
			raw: fields.raw,
		},
	};
}

function incomingEvent(fields: {
	from: string;
	text: string;
	unixTime: number;
	account: string;
	raw: Record<string, unknown>;
}): Received<IncomingEvent> {
	return {
		event: 'incoming',
		key: tencentReplyKey(fields.from, fields.unixTime, fields.text),
		payload: {
			provider: 'tencent',
			event: 'incoming',
			id: null,
			from: fields.from,
			text: fields.text,
			receivedAt: new Date(fields.unixTime * 1000).toISOString(),
			account: fields.account,
			raw: fields.raw,
		},
	};
}

/** Tencent's own fields of a pulled record: the normalised ones the operation added are left out. */
function without(record: object, keys: string[]): Record<string, unknown> {
	return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

/** A pulled receipt (PullSmsSendStatus) as the event a pushed one makes. */
export function tencentPulledReport(report: TencentReport, account: string): Received<DeliveryEvent> {
	const raw = without(report, ['provider', 'status', 'to', 'messageId', 'at', 'description']);
	return deliveryEvent({
		serialNo: report.SerialNo,
		reportStatus: report.ReportStatus,
		to: report.PhoneNumber,
		at: unixIso(report.UserReceiveTime),
		description: report.Description,
		account,
		raw,
	});
}

/** A pulled reply (PullSmsReplyStatus) as the event a pushed one makes. */
export function tencentPulledReply(reply: TencentInbound, account: string): Received<IncomingEvent> {
	const raw = without(reply, ['provider', 'from', 'text', 'receivedAt']);
	return incomingEvent({ from: reply.PhoneNumber, text: reply.ReplyContent, unixTime: reply.ReplyTime, account, raw });
}

/** Status callbacks are a JSON array that may batch several receipts (§8.1); replies one object each (§8.2). */
function parse(
	request: { method: string; query: Record<string, unknown>; body: unknown },
	options: { event?: InboundEvent; account?: string; now: number },
): Received[] {
	const body = readBody(request.body, 'tencent');
	const account = options.account ?? '';
	const event: InboundEvent = Array.isArray(body) ? 'delivery' : 'incoming';
	if (options.event && event !== options.event) {
		const want = options.event === 'delivery' ? 'a JSON array of receipts' : 'one reply object';
		throw invalidCallback('tencent', `This trigger receives Tencent ${options.event} callbacks (${want}).`);
	}
	if (event === 'delivery') {
		const parsed = statusCallback.safeParse(body);
		if (!parsed.success) throw invalid('delivery status', parsed.error);
		return parsed.data.map((r) =>
			deliveryEvent({
				serialNo: r.sid,
				reportStatus: r.report_status,
				to: `+${r.nationcode}${r.mobile}`,
				at: beijingIso(r.user_receive_time),
				description: r.description || r.errmsg,
				account,
				raw: r,
			}),
		);
	}
	const parsed = replyCallback.safeParse(body);
	if (!parsed.success) throw invalid('reply', parsed.error);
	const r = parsed.data;
	return [incomingEvent({ from: `+${r.nationcode}${r.mobile}`, text: r.text, unixTime: r.time, account, raw: r })];
}

function answer(error?: SmsError): CallbackAnswer {
	return error
		? { status: 400, contentType: 'application/json', body: JSON.stringify({ result: 1, errmsg: error.message }) }
		: { status: 200, contentType: 'application/json', body: JSON.stringify(TENCENT_CALLBACK_ANSWER) };
}

export const tencentInbound: Inbound = { methods: { incoming: 'POST', delivery: 'POST' }, parse, answer };
