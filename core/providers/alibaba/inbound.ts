import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { SmsError } from '../../errors';
import { invalidCallback, readBody } from '../../inbound';
import type { DeliveryEvent, IncomingEvent, ReviewEvent } from '../../normalised';
import type { CallbackAnswer, Inbound, InboundEvent, Received } from '../../provider';
import { chinaTime as chinaTimeOrThrow, fromAlibabaNumber } from './operations';

/**
 * Alibaba's HTTP batch push (spec aliyun.md §10.1, §0.5, §0.6): a JSON array per request — SmsReport receipts,
 * SmsUp replies — or one TemplateSmsReport (a template's review). No signature is documented: the console
 * URL is the secret, so the trigger's URL should not be guessable.
 */
export const ALIBABA_CALLBACK_ANSWER = { code: 0, msg: '接收成功' } as const;

const report = z
	.object({
		phone_number: z.string(),
		send_time: z.string().optional(),
		report_time: z.string().optional(),
		success: z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true'),
		err_code: z.string().optional().default(''),
		err_msg: z.string().optional().default(''),
		sms_size: z.union([z.string(), z.number()]).optional(),
		biz_id: z.string(),
		out_id: z.string().optional(),
	})
	.loose();

const up = z
	.object({
		phone_number: z.string(),
		content: z.string(),
		send_time: z.string().optional(),
		dest_code: z.string().optional(),
		sequence_id: z.union([z.string(), z.number()]).optional(),
		sign_name: z.string().optional(),
	})
	.loose();

const review = z
	.object({
		template_code: z.string(),
		template_name: z.string().optional().default(''),
		template_status: z.string(),
		reason: z.string().optional().default(''),
		create_date: z.string().optional(),
		orderId: z.union([z.string(), z.number()]).optional(),
	})
	.loose();

/** chinaTime throws a RangeError for a time of the right shape that is no date (month 13): a push reads it as none. */
function chinaTime(text: string | undefined): string | null {
	try {
		return chinaTimeOrThrow(text);
	} catch {
		return null;
	}
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

export const alibabaReportKey = (bizId: string, phone: string, errCode: string) =>
	`alibaba:delivery:${bizId}:${phone}:${errCode}`;

function reportEvent(r: z.output<typeof report>, account: string): Received<DeliveryEvent> {
	const to = fromAlibabaNumber(r.phone_number);
	return {
		event: 'delivery',
		key: alibabaReportKey(r.biz_id, to, r.err_code),
		payload: {
			provider: 'alibaba',
			event: 'delivery',
			status: r.success ? 'delivered' : 'failed',
			to,
			messageId: r.biz_id,
			at: chinaTime(r.report_time) ?? chinaTime(r.send_time),
			description: r.err_msg || r.err_code,
			account,
			raw: r,
		},
	};
}

function upEvent(r: z.output<typeof up>, account: string, now: number): Received<IncomingEvent> {
	const from = fromAlibabaNumber(r.phone_number);
	const id = r.sequence_id === undefined ? null : String(r.sequence_id);
	return {
		event: 'incoming',
		key: id ? `alibaba:incoming:${id}` : `alibaba:incoming:${from}:${r.send_time ?? ''}:${hash(r.content)}`,
		payload: {
			provider: 'alibaba',
			event: 'incoming',
			id,
			from,
			text: r.content,
			receivedAt: chinaTime(r.send_time) ?? new Date(now).toISOString(),
			account,
			raw: r,
		},
	};
}

function reviewStatus(status: string): ReviewEvent['status'] {
	const s = status.toLowerCase();
	return s === 'approved' ? 'approved' : s === 'rejected' ? 'rejected' : 'pending';
}

function reviewEvent(r: z.output<typeof review>, account: string): Received<ReviewEvent> {
	return {
		event: 'review',
		key: `alibaba:review:${r.template_code}:${r.template_status}:${r.orderId ?? ''}`,
		payload: {
			provider: 'alibaba',
			event: 'review',
			kind: 'template',
			id: r.template_code,
			name: r.template_name,
			status: reviewStatus(r.template_status),
			reason: r.reason,
			at: chinaTime(r.create_date),
			account,
			raw: r,
		},
	};
}

/** What one pushed item is, by its fields. */
function kindOf(item: unknown): InboundEvent | undefined {
	if (!item || typeof item !== 'object') return undefined;
	const fields = item as Record<string, unknown>;
	if ('template_code' in fields || 'template_status' in fields) return 'review';
	if ('biz_id' in fields || 'err_code' in fields || 'success' in fields) return 'delivery';
	if ('content' in fields || 'dest_code' in fields) return 'incoming';
	return undefined;
}

function parse(
	request: { method: string; query: Record<string, unknown>; body: unknown },
	options: { event?: InboundEvent; account?: string; now: number },
): Received[] {
	const body = readBody(request.body, 'alibaba');
	const items = Array.isArray(body) ? body : body && typeof body === 'object' && 'template_code' in body ? [body] : undefined;
	if (!items?.length) {
		throw invalidCallback(
			'alibaba',
			'This is not an Alibaba Cloud SMS push: the body must be a JSON array of reports or replies.',
		);
	}
	const account = options.account ?? '';
	return items.map((item, index) => {
		const kind = kindOf(item);
		if (!kind) throw invalidCallback('alibaba', `Item ${index + 1} is neither an SmsReport, an SmsUp nor a TemplateSmsReport.`);
		if (options.event && kind !== options.event) {
			throw invalidCallback('alibaba', `This is an Alibaba ${kind} push, and this trigger receives ${options.event} ones.`);
		}
		const schema = kind === 'delivery' ? report : kind === 'incoming' ? up : review;
		const parsed = schema.safeParse(item);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			throw invalidCallback(
				'alibaba',
				`Item ${index + 1} is not a valid Alibaba ${kind} push (${issue?.path.join('.')}: ${issue?.message}).`,
			);
		}
		if (kind === 'delivery') return reportEvent(parsed.data as z.output<typeof report>, account);
		if (kind === 'incoming') return upEvent(parsed.data as z.output<typeof up>, account, options.now);
		return reviewEvent(parsed.data as z.output<typeof review>, account);
	});
}

/** Alibaba checks only that `code` is a number; a 400 with a message for a body it should not have sent. */
function answer(error?: SmsError): CallbackAnswer {
	return error
		? { status: 400, contentType: 'application/json', body: JSON.stringify({ code: 400, msg: error.message }) }
		: { status: 200, contentType: 'application/json', body: JSON.stringify(ALIBABA_CALLBACK_ANSWER) };
}

export const alibabaInbound: Inbound = { methods: { incoming: 'POST', delivery: 'POST', review: 'POST' }, parse, answer };
