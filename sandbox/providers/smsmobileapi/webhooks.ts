import { createHmac, randomUUID } from 'node:crypto';
import { pushBytes } from '../../http';
import type { ReceivedSms, SentMessage, SmsMobileApiState, WebhookAttempt } from './state';

/** The `api_version` of the V2 envelope (specs §6.2's vector). */
export const API_VERSION = '2026-09-22';
/** How far back `…/webhook/stale` dates an event: well outside the receivers' ±300 s. */
export const STALE_SECONDS = 600;

/** `v1=` + hex HMAC-SHA256 over `timestamp + "." + body` (specs §6.1), over the bytes as sent. */
export function webhookSignature(secret: string, timestamp: string, body: Buffer | string): string {
	return `v1=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/** A V2 event serialised once: these bytes are signed and sent, and a replay sends them again. */
export interface WebhookEvent {
	readonly id: string;
	readonly type: string;
	readonly body: Buffer;
}

const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function buildEvent(type: string, data: Record<string, unknown>, occurredAt: number, now: number): WebhookEvent {
	const id = randomUUID();
	const envelope = { id, type, api_version: API_VERSION, created_at: isoSeconds(now), occurred_at: isoSeconds(occurredAt), data };
	return { id, type, body: Buffer.from(JSON.stringify(envelope)) };
}

/** `sms.received` data (specs §6.1). */
export function receivedData(sms: ReceivedSms): Record<string, unknown> {
	return {
		guid: sms.guid,
		from: sms.number,
		message: sms.message,
		received_at: isoSeconds(sms.receivedAt),
		alias: sms.alias,
		device_id: sms.sIdentifiantPhone,
	};
}

/** `sms.sent` / `sms.failed` (and the WhatsApp ones) data: not documented, so the fields of the sent log. */
export function statusEvent(message: SentMessage): { type: string; data: Record<string, unknown> } {
	const prefix = message.channel === 'whatsapp' ? 'whatsapp' : 'sms';
	return {
		type: `${prefix}.${message.status}`,
		data: {
			guid: message.guid,
			to: message.recipient,
			message: message.message,
			status: message.status,
			error: message.error,
			device_id: message.sIdentifiant,
			[message.status === 'sent' ? 'sent_at' : 'failed_at']: isoSeconds(message.updatedAt),
		},
	};
}

/** The unsigned legacy "SMS received" payload (specs §6.3). */
export function legacyPayload(sms: ReceivedSms): Record<string, string> {
	const stamp = isoSeconds(sms.receivedAt);
	return {
		date: stamp.slice(0, 10),
		hour: stamp.slice(11, 19),
		time_received: `${stamp.slice(0, 10)} ${stamp.slice(11, 19)}`,
		message: sms.message,
		number: sms.number,
		guid: sms.guid,
	};
}

/**
 * Pushes webhooks without holding up the answer that caused them, records every attempt in the
 * state, and lets tests wait until none is in flight. 2xx is accepted (202 new, 200 duplicate, §6.1);
 * no automatic retries: `…/webhook/replay` re-sends the last event by hand.
 */
export class WebhookPusher {
	private readonly inFlight = new Set<Promise<void>>();
	/** The last V2 event pushed with the headers it went with, for replays and forgeries. */
	private last: { event: WebhookEvent; timestamp: string } | null = null;

	constructor(private readonly now: () => number) {}

	/** Signs and pushes a V2 event, if a URL is set and legacy mode is off. */
	pushEvent(state: SmsMobileApiState, event: WebhookEvent): WebhookAttempt | null {
		const { url, secret, legacy } = state.webhook;
		if (url === null || legacy) return null;
		const timestamp = String(Math.floor(this.now() / 1000));
		this.last = { event, timestamp };
		return this.send(
			state,
			'original',
			event,
			url,
			this.v2Headers(event, timestamp, webhookSignature(secret, timestamp, event.body)),
		);
	}

	/** §6.3's unsigned JSON, when legacy mode is on: received SMS only. */
	pushLegacy(state: SmsMobileApiState, sms: ReceivedSms): WebhookAttempt | null {
		const { url, legacy } = state.webhook;
		if (url === null || !legacy) return null;
		const body = Buffer.from(JSON.stringify(legacyPayload(sms)));
		return this.send(state, 'legacy', { id: '', type: 'sms.received', body }, url, { 'Content-Type': 'application/json' });
	}

	/**
	 * The last V2 event again: `replay` byte for byte with the same headers (a retry the receiver must
	 * de-duplicate), `stale` signed correctly with a timestamp `STALE_SECONDS` old, `bad-signature`
	 * signed with another secret. Null when nothing was pushed yet or no URL is set.
	 */
	resend(state: SmsMobileApiState, variant: 'replay' | 'stale' | 'bad-signature'): WebhookAttempt | null {
		const url = state.webhook.url;
		if (this.last === null || url === null) return null;
		const { event } = this.last;
		let timestamp = this.last.timestamp;
		let secret = state.webhook.secret;
		if (variant === 'stale') timestamp = String(Math.floor(this.now() / 1000) - STALE_SECONDS);
		if (variant === 'bad-signature') secret = `${secret}-wrong`;
		return this.send(
			state,
			variant,
			event,
			url,
			this.v2Headers(event, timestamp, webhookSignature(secret, timestamp, event.body)),
		);
	}

	/** Forgets the last event, so that a reset leaves nothing to replay. */
	forget(): void {
		this.last = null;
	}

	/** Resolves once every push started so far has settled, or after `timeoutMs`. */
	async settled(timeoutMs: number): Promise<void> {
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
		await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
		clearTimeout(timer);
	}

	private v2Headers(event: WebhookEvent, timestamp: string, signature: string): Record<string, string> {
		return {
			'Content-Type': 'application/json',
			'X-SMSMobileAPI-Event': event.type,
			'X-SMSMobileAPI-Event-ID': event.id,
			'X-SMSMobileAPI-Timestamp': timestamp,
			'X-SMSMobileAPI-Signature': signature,
			// A guess (specs §0.1): the same UUID as the event.
			'Idempotency-Key': event.id,
		};
	}

	private send(
		state: SmsMobileApiState,
		variant: WebhookAttempt['variant'],
		event: WebhookEvent,
		url: string,
		headers: Record<string, string>,
	): WebhookAttempt {
		const attempt: WebhookAttempt = {
			id: state.nextAttemptId++,
			variant,
			eventId: event.id === '' ? null : event.id,
			type: event.type,
			url,
			headers,
			body: event.body.toString('utf8'),
			state: 'pending',
			httpStatus: null,
			response: null,
			error: null,
			sentAt: new Date(this.now()).toISOString(),
			settledAt: null,
		};
		state.attempts.push(attempt);
		const done = pushBytes(url, event.body, headers, (status) => status >= 200 && status < 300)
			.then((outcome) => {
				attempt.state = outcome.state;
				attempt.httpStatus = outcome.httpStatus;
				attempt.response = outcome.response;
				attempt.error = outcome.error;
				attempt.settledAt = new Date(this.now()).toISOString();
			})
			.finally(() => this.inFlight.delete(done));
		this.inFlight.add(done);
		return attempt;
	}
}
