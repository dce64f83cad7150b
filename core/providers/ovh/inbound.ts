import * as z from 'zod';
import { SmsError } from '../../errors';
import type { DeliveryReport, InboundSms } from '../../normalised';
import { ovhDeliveryStatus } from './operations';

/**
 * OVHcloud pushes delivery reports as a GET with query parameters (`callBack`, spec ovh.md §9.1) and
 * inbound SMS as a POST form (`smsResponse` cgi, §9.2). Both modes of the triggers emit these shapes.
 */
export interface OvhIncomingItem extends InboundSms {
	provider: 'ovh';
	id: number;
	service: string;
	tag: string;
	dedupeKey: string;
}

export interface OvhDeliveryItem extends DeliveryReport {
	provider: 'ovh';
	to: string;
	ptt: number | null;
	deliveryReceipt: number | null;
	service: string;
	dedupeKey: string;
}

const num = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number);

const deliveryQuery = z
	.object({
		id: num,
		ptt: num.optional(),
		date: z.string().optional(),
		description: num.optional(),
		dlr: num.optional(),
		descriptionDlr: z.string().optional(),
	})
	.loose();

const incomingForm = z
	.object({
		id: num,
		message: z.string(),
		senderid: z.string().min(1),
		tag: z.string().optional(),
		keyword: z.string().optional(),
		shortcode: z.string().optional(),
	})
	.loose();

function invalid(what: string, error: z.ZodError): SmsError {
	const issue = error.issues[0];
	return new SmsError({
		provider: 'ovh',
		code: 'INVALID_CALLBACK',
		message: `This is not an OVHcloud ${what} callback (${issue?.path.join('.') || 'body'}: ${issue?.message}).`,
	});
}

export const ovhIncomingKey = (id: number) => `ovh:incoming:${id}`;
export const ovhDeliveryKey = (id: number | string, status: string) => `ovh:delivery:${id}:${status}`;

function phone(value: string): string {
	const digits = value.trim().replace(/^00/, '+');
	return digits.startsWith('+') ? digits : `+${digits}`;
}

export function parseOvhDeliveryCallback(query: unknown, service: string, now: Date): OvhDeliveryItem {
	const parsed = deliveryQuery.safeParse(query);
	if (!parsed.success) throw invalid('delivery report', parsed.error);
	const q = parsed.data;
	const dlr = q.dlr ?? q.description;
	const status = ovhDeliveryStatus(dlr, q.ptt);
	return {
		provider: 'ovh',
		status,
		to: '',
		messageId: String(q.id),
		at: q.date && !Number.isNaN(Date.parse(q.date)) ? new Date(q.date).toISOString() : now.toISOString(),
		description: q.descriptionDlr ?? '',
		ptt: q.ptt ?? null,
		deliveryReceipt: dlr ?? null,
		service,
		dedupeKey: ovhDeliveryKey(q.id, status),
	};
}

export function parseOvhIncomingCallback(form: unknown, service: string, now: Date): OvhIncomingItem {
	const parsed = incomingForm.safeParse(form);
	if (!parsed.success) throw invalid('incoming SMS', parsed.error);
	const f = parsed.data;
	return {
		provider: 'ovh',
		from: phone(f.senderid),
		text: f.message,
		receivedAt: now.toISOString(),
		id: f.id,
		service,
		tag: f.tag ?? '',
		dedupeKey: ovhIncomingKey(f.id),
	};
}

/** A polled sms.Incoming (from getIncoming) in the pushed shape. */
export function ovhIncomingItem(record: {
	id: number;
	from: string;
	text: string;
	receivedAt: string;
	service: string;
	tag?: string;
}): OvhIncomingItem {
	return {
		provider: 'ovh',
		from: phone(record.from),
		text: record.text,
		receivedAt: record.receivedAt,
		id: record.id,
		service: record.service,
		tag: record.tag ?? '',
		dedupeKey: ovhIncomingKey(record.id),
	};
}

/** A polled sms.Outgoing (from getOutgoing) in the pushed shape. */
export function ovhDeliveryItem(record: {
	id: number;
	status: DeliveryReport['status'];
	receiver: string;
	service: string;
	ptt?: number;
	deliveryReceipt?: number;
	deliveredAt?: unknown;
	creationDatetime?: unknown;
}): OvhDeliveryItem {
	const at =
		typeof record.deliveredAt === 'string'
			? record.deliveredAt
			: typeof record.creationDatetime === 'string'
				? record.creationDatetime
				: null;
	return {
		provider: 'ovh',
		status: record.status,
		to: record.receiver,
		messageId: String(record.id),
		at: at ? new Date(at).toISOString() : null,
		description: '',
		ptt: record.ptt ?? null,
		deliveryReceipt: record.deliveryReceipt ?? null,
		service: record.service,
		dedupeKey: ovhDeliveryKey(record.id, record.status),
	};
}
