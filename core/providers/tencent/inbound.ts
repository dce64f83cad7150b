import { createHash } from 'node:crypto';
import * as z from 'zod';
import { SmsError } from '../../errors';
import type { DeliveryReport, InboundSms } from '../../normalised';
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
		time: z.number(),
	})
	.loose();

export interface TencentCallbackReport extends DeliveryReport {
	/** Stable across repeated pushes of the same receipt: the key triggers de-duplicate on. */
	dedupeKey: string;
	raw: Record<string, unknown>;
}

export interface TencentCallbackReply extends InboundSms {
	sign: string;
	extendCode: string;
	dedupeKey: string;
	raw: Record<string, unknown>;
}

/** Beijing time "YYYY-MM-DD HH:MM:SS" → ISO 8601 with its offset. */
function beijingIso(text: string): string | null {
	const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(text.trim());
	return match ? `${match[1]}T${match[2]}+08:00` : null;
}

function invalid(what: string, error: z.ZodError): SmsError {
	const issue = error.issues[0];
	return new SmsError({
		provider: 'tencent',
		code: 'INVALID_CALLBACK',
		message: `This is not a Tencent Cloud SMS ${what} callback (${issue?.path.join('.') || 'body'}: ${issue?.message}).`,
	});
}

/** Status callbacks are a JSON array that may batch several receipts (spec §8.1). */
export function parseTencentStatusCallback(body: unknown): TencentCallbackReport[] {
	const parsed = statusCallback.safeParse(body);
	if (!parsed.success) throw invalid('delivery status', parsed.error);
	return parsed.data.map((r) => ({
		provider: 'tencent',
		status: r.report_status === 'SUCCESS' ? 'delivered' : r.report_status === 'FAIL' ? 'failed' : 'unknown',
		to: `+${r.nationcode}${r.mobile}`,
		messageId: r.sid,
		at: beijingIso(r.user_receive_time),
		description: r.description || r.errmsg,
		dedupeKey: reportKey(r.sid, r.report_status),
		raw: r,
	}));
}

/** The same receipt, pushed twice or pulled after a push, has the same key. */
function reportKey(serialNo: string, status: string): string {
	return `tencent:status:${serialNo}:${status}`;
}

function replyKey(from: string, unixTime: number, text: string): string {
	return `tencent:reply:${from}:${unixTime}:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}

/** A pulled receipt in the shape a pushed one has, so both trigger modes emit the same items. */
export function tencentReportItem(report: TencentReport): TencentCallbackReport {
	const { provider, status, to, messageId, at, description, ...raw } = report;
	return { provider, status, to, messageId, at, description, dedupeKey: reportKey(report.SerialNo, report.ReportStatus), raw };
}

export function tencentReplyItem(reply: TencentInbound): TencentCallbackReply {
	const { provider, from, text, receivedAt, ...raw } = reply;
	return {
		provider,
		from,
		text,
		receivedAt,
		sign: reply.SignName,
		extendCode: reply.ExtendCode,
		dedupeKey: replyKey(from, reply.ReplyTime, text),
		raw,
	};
}

/** Reply callbacks are one JSON object per inbound SMS (spec §8.2). */
export function parseTencentReplyCallback(body: unknown): TencentCallbackReply {
	const parsed = replyCallback.safeParse(body);
	if (!parsed.success) throw invalid('reply', parsed.error);
	const r = parsed.data;
	const from = `+${r.nationcode}${r.mobile}`;
	return {
		provider: 'tencent',
		from,
		text: r.text,
		receivedAt: new Date(r.time * 1000).toISOString(),
		sign: r.sign,
		extendCode: r.extend,
		dedupeKey: replyKey(from, r.time, r.text),
		raw: r,
	};
}
