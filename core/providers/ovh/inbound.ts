import * as z from 'zod';
import { SmsError } from '../../errors';
import { callbackFields, invalidCallback } from '../../inbound';
import type { DeliveryEvent, IncomingEvent } from '../../normalised';
import type { CallbackAnswer, Inbound, InboundEvent, Received } from '../../provider';
import { ovhDeliveryStatus } from './operations';

/**
 * OVHcloud pushes delivery reports as a GET with query parameters (`callBack`, spec ovh.md §9.1) and
 * inbound SMS as a POST form (`smsResponse` cgi, §9.2). Polling makes the same events from the API records.
 */
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
	return invalidCallback(
		'ovh',
		`This is not an OVHcloud ${what} callback (${issue?.path.join('.') || 'body'}: ${issue?.message}).`,
	);
}

export const ovhIncomingKey = (id: number | string) => `ovh:incoming:${id}`;
export const ovhDeliveryKey = (id: number | string, status: string) => `ovh:delivery:${id}:${status}`;

function phone(value: string): string {
	const digits = value.trim().replace(/^00/, '+');
	return digits.startsWith('+') ? digits : `+${digits}`;
}

const iso = (text: unknown): string | null =>
	typeof text === 'string' && !Number.isNaN(Date.parse(text)) ? new Date(text).toISOString() : null;

export function ovhIncomingEvent(record: {
	id: number;
	sender: string;
	message: string;
	creationDatetime?: string;
	account: string;
	raw: Record<string, unknown>;
	now: number;
}): Received<IncomingEvent> {
	return {
		event: 'incoming',
		key: ovhIncomingKey(record.id),
		payload: {
			provider: 'ovh',
			event: 'incoming',
			id: String(record.id),
			from: phone(record.sender),
			text: record.message,
			receivedAt: iso(record.creationDatetime) ?? new Date(record.now).toISOString(),
			account: record.account,
			raw: record.raw,
		},
	};
}

export function ovhDeliveryEvent(record: {
	id: number;
	receiver?: string;
	deliveryReceipt?: number;
	ptt?: number;
	at: string | null;
	description?: string;
	account: string;
	raw: Record<string, unknown>;
}): Received<DeliveryEvent> {
	const status = ovhDeliveryStatus(record.deliveryReceipt, record.ptt);
	return {
		event: 'delivery',
		key: ovhDeliveryKey(record.id, status),
		payload: {
			provider: 'ovh',
			event: 'delivery',
			status,
			// The delivery callback does not say the number; polled records do.
			to: record.receiver ? phone(record.receiver) : '',
			messageId: String(record.id),
			at: record.at,
			description: record.description ?? '',
			account: record.account,
			raw: record.raw,
		},
	};
}

/** One callback: a reply (`cgi`: id, message, senderid…) or a delivery report (`callBack`: id, dlr, ptt…). */
function parse(
	request: { method: string; query: Record<string, unknown>; body: unknown },
	options: { event?: InboundEvent; account?: string; now: number },
): Received[] {
	const fields = callbackFields(request.query, request.body, 'ovh');
	const account = options.account ?? '';
	const looksIncoming = fields.message !== undefined || fields.senderid !== undefined;
	const looksDelivery = fields.dlr !== undefined || fields.ptt !== undefined || fields.description !== undefined;
	const event: InboundEvent | undefined = looksIncoming ? 'incoming' : looksDelivery ? 'delivery' : options.event;
	if (!event) {
		throw invalidCallback(
			'ovh',
			'This is neither an OVHcloud reply callback (id, message, senderid) nor a delivery callback (id, dlr, ptt).',
		);
	}
	if (options.event && event !== options.event) {
		throw invalidCallback('ovh', `This is an OVHcloud ${event} callback, and this trigger receives ${options.event} ones.`);
	}
	if (event === 'incoming') {
		const parsed = incomingForm.safeParse(fields);
		if (!parsed.success) throw invalid('incoming SMS', parsed.error);
		const f = parsed.data;
		return [ovhIncomingEvent({ id: f.id, sender: f.senderid, message: f.message, account, raw: fields, now: options.now })];
	}
	const parsed = deliveryQuery.safeParse(fields);
	if (!parsed.success) throw invalid('delivery report', parsed.error);
	const q = parsed.data;
	return [
		ovhDeliveryEvent({
			id: q.id,
			deliveryReceipt: q.dlr ?? q.description,
			ptt: q.ptt,
			at: iso(q.date) ?? new Date(options.now).toISOString(),
			description: q.descriptionDlr,
			account,
			raw: fields,
		}),
	];
}

function answer(error?: SmsError): CallbackAnswer {
	return error
		? { status: 400, contentType: 'text/plain', body: error.message }
		: { status: 200, contentType: 'text/plain', body: 'OK' };
}

export const ovhInbound: Inbound = { methods: { incoming: 'POST', delivery: 'GET' }, parse, answer };
