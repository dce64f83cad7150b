import type { Encoding } from './segments';
import type { ProviderId } from './errors';

/** One recipient of a send, the same shape for every provider (provider-specific fields may follow). */
export interface SendResult {
	provider: ProviderId;
	/**
	 * queued: accepted; rejected: refused (by the provider, or our check of the number); not_sent: provably never
	 * reached the provider; unknown: may have been accepted (never sent again); already_sent: an earlier run
	 * with the same Idempotency Key reached this recipient (see core/send.ts).
	 */
	status: 'queued' | 'rejected' | 'not_sent' | 'unknown' | 'already_sent';
	to: string;
	messageId: string | null;
	encoding: Encoding | null;
	segments: number | null;
	characters: number | null;
	error: { code: string; message: string; hint?: string } | null;
}

/** A delivery report, pulled or pushed. */
export interface DeliveryReport {
	provider: ProviderId;
	/** `sent`: the sending phone or gateway sent it, and no handset receipt will follow (SMSMobileAPI). */
	status: 'delivered' | 'sent' | 'failed' | 'pending' | 'unknown';
	to: string;
	messageId: string;
	/** ISO 8601, when the handset received it (or the report was made). */
	at: string | null;
	description: string;
}

/** An SMS received from a phone (a reply, or a message to a virtual number). */
export interface InboundSms {
	provider: ProviderId;
	from: string;
	text: string;
	/** ISO 8601, UTC */
	receivedAt: string;
}

/**
 * What triggers emit, the same in webhook and polling mode and for every provider: the normalised fields,
 * and the provider's own fields under `raw` only.
 */
export interface IncomingEvent extends InboundSms {
	event: 'incoming';
	/** The provider's id of the message, when it has one. */
	id: string | null;
	/** The account or application that received it. */
	account: string;
	raw: Record<string, unknown>;
}

export interface DeliveryEvent extends DeliveryReport {
	event: 'delivery';
	account: string;
	raw: Record<string, unknown>;
}

/** A review result the provider pushes (Alibaba: a template approved or rejected). */
export interface ReviewEvent {
	provider: ProviderId;
	event: 'review';
	kind: 'template' | 'sign';
	/** The template code or sign name. */
	id: string;
	name: string;
	status: 'approved' | 'rejected' | 'pending';
	reason: string;
	at: string | null;
	account: string;
	raw: Record<string, unknown>;
}

export function isoFromUnix(seconds: number | undefined): string | null {
	return seconds ? new Date(seconds * 1000).toISOString() : null;
}
