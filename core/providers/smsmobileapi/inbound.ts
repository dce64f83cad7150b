import * as z from 'zod';
import { SmsError } from '../../errors';
import { invalidCallback, readBody } from '../../inbound';
import type { DeliveryEvent, IncomingEvent } from '../../normalised';
import type { CallbackAnswer, CallbackOptions, CallbackRequest, Inbound, Received } from '../../provider';
import { checkWebhookSignature } from './sign';

/**
 * Webhook V2 (spec smsmobileapi.md §6.1): a signed JSON envelope per event, de-duplicated on its `id`. The
 * unsigned legacy payload (§6.3) is read only when the user turned signature checking off.
 */
const envelope = z
	.object({
		id: z.string().min(1),
		type: z.string().min(1),
		api_version: z.string().optional(),
		created_at: z.string().optional(),
		occurred_at: z.string().optional(),
		data: z.record(z.string(), z.unknown()),
	})
	.loose();

const legacy = z
	.object({
		guid: z.string().min(1),
		message: z.string(),
		number: z.string().min(1),
		date: z.string().optional(),
		hour: z.string().optional(),
		time_received: z.string().optional(),
	})
	.loose();

const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : safeString(v));

/** String(), except for JSON objects it cannot convert ({"toString": 1}), which read "[object Object]". */
function safeString(v: unknown): string {
	try {
		return String(v);
	} catch {
		return Object.prototype.toString.call(v);
	}
}

const iso = (v: unknown, fallback: number) =>
	typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : new Date(fallback).toISOString();

function signatureError(code: string, message: string): SmsError {
	return new SmsError({ provider: 'smsmobileapi', code, message, kind: 'input' });
}

function verify(request: CallbackRequest, options: CallbackOptions): void {
	if (!options.secret) {
		throw signatureError(
			'WEBHOOK_SECRET_MISSING',
			'No webhook secret is set, so SMSMobileAPI’s signature cannot be checked: copy it from the dashboard (Webhooks) into the trigger.',
		);
	}
	const raw =
		request.rawBody ?? (typeof request.body === 'string' || request.body instanceof Uint8Array ? request.body : undefined);
	const headers = request.headers ?? {};
	const check = raw
		? checkWebhookSignature(
				options.secret,
				{ timestamp: headers['x-smsmobileapi-timestamp'], signature: headers['x-smsmobileapi-signature'] },
				raw,
				options.now,
			)
		: ({ ok: false, reason: 'missing' } as const);
	if (check.ok) return;
	if (check.reason === 'stale') {
		throw signatureError(
			'STALE_WEBHOOK',
			'The webhook’s timestamp is more than 300 s away from this server’s clock: refused as a possible replay.',
		);
	}
	throw signatureError(
		'INVALID_SIGNATURE',
		check.reason === 'missing'
			? 'The webhook carries no SMSMobileAPI signature (X-SMSMobileAPI-Timestamp / X-SMSMobileAPI-Signature).'
			: 'The webhook signature does not match: the secret differs, or the body was changed on the way.',
	);
}

function fromEnvelope(e: z.output<typeof envelope>, account: string, now: number): Received[] {
	const d = e.data;
	const key = `smsmobileapi:event:${e.id}`;
	const raw = { ...e } as Record<string, unknown>;
	if (e.type === 'sms.received' || e.type === 'whatsapp.received') {
		const payload: IncomingEvent = {
			provider: 'smsmobileapi',
			event: 'incoming',
			id: text(d.guid) || null,
			from: text(d.from),
			text: text(d.message ?? d.transcript),
			receivedAt: iso(d.received_at ?? e.occurred_at, now),
			account,
			raw,
		};
		return [{ event: 'incoming', key, payload }];
	}
	const sent = /^(sms|whatsapp)\.(sent|failed)$/.exec(e.type);
	if (sent) {
		const payload: DeliveryEvent = {
			provider: 'smsmobileapi',
			event: 'delivery',
			status: sent[2] === 'sent' ? 'sent' : 'failed',
			to: text(d.to ?? d.recipient ?? d.number),
			messageId: text(d.guid ?? d.id),
			at: iso(d.sent_at ?? d.failed_at ?? e.occurred_at, now),
			description: text(d.error ?? d.reason ?? e.type),
			account,
			raw,
		};
		return [{ event: 'delivery', key, payload }];
	}
	// Calls, e-mails, submissions: signed and valid, but no SMS event to start a workflow with.
	return [];
}

function fromLegacy(item: z.output<typeof legacy>, account: string, now: number): Received<IncomingEvent> {
	return {
		event: 'incoming',
		key: `smsmobileapi:sms:${item.guid}`,
		payload: {
			provider: 'smsmobileapi',
			event: 'incoming',
			id: item.guid,
			from: item.number,
			text: item.message,
			receivedAt: item.time_received ? iso(item.time_received.replace(' ', 'T') + 'Z', now) : new Date(now).toISOString(),
			account,
			raw: item,
		},
	};
}

function parse(request: CallbackRequest, options: CallbackOptions): Received[] {
	if (options.verify !== false) verify(request, options);
	const body = readBody(request.rawBody ?? request.body, 'smsmobileapi');
	const account = options.account ?? '';
	const signed = envelope.safeParse(body);
	let items: Received[];
	if (signed.success) items = fromEnvelope(signed.data, account, options.now);
	else if (options.verify === false) {
		const list = body && typeof body === 'object' && 'messages' in body ? (body as { messages: unknown }).messages : [body];
		const parsed = z.array(legacy).safeParse(list);
		if (!parsed.success)
			throw invalidCallback('smsmobileapi', 'This is neither an SMSMobileAPI webhook event nor a received-SMS payload.');
		items = parsed.data.map((item) => fromLegacy(item, account, options.now));
	} else {
		const issue = signed.error.issues[0];
		throw invalidCallback(
			'smsmobileapi',
			`This is not an SMSMobileAPI webhook event (${issue?.path.join('.') || 'body'}: ${issue?.message}).`,
		);
	}
	return options.event ? items.filter((item) => item.event === options.event) : items;
}

/** The vendor's receivers: 202 for an event, 401 for a bad or stale signature, 400 for a bad body, 500 without a secret. */
function answer(error?: SmsError): CallbackAnswer {
	if (!error) return { status: 202, contentType: 'application/json', body: JSON.stringify({ received: true }) };
	const status =
		error.code === 'WEBHOOK_SECRET_MISSING' ? 500 : ['INVALID_SIGNATURE', 'STALE_WEBHOOK'].includes(error.code) ? 401 : 400;
	return { status, contentType: 'application/json', body: JSON.stringify({ error: error.code, message: error.message }) };
}

export const smsmobileapiInbound: Inbound = { methods: { incoming: 'POST', delivery: 'POST' }, parse, answer, signed: true };
