import { createHash } from 'node:crypto';

/** Spec ovh.md §3.3: "$1$" + sha1(AS+CK+METHOD+URL+BODY+TIMESTAMP), over the exact URL and body bytes sent. */
export interface OvhSigningInput {
	applicationSecret: string;
	consumerKey: string;
	method: string;
	/** Full URL with the query string, byte for byte as sent. */
	url: string;
	/** Exact body sent; empty string when there is none. */
	body: string;
	timestamp: number | string;
}

export interface OvhKeys {
	applicationKey: string;
	applicationSecret: string;
	consumerKey: string;
}

export function ovhCanonicalString(input: OvhSigningInput): string {
	return `${input.applicationSecret}+${input.consumerKey}+${input.method.toUpperCase()}+${input.url}+${input.body}+${input.timestamp}`;
}

export function ovhSignature(input: OvhSigningInput): string {
	return `$1$${createHash('sha1').update(ovhCanonicalString(input), 'utf8').digest('hex')}`;
}

/** The four X-Ovh-* headers of a signed call (spec §3.2). */
export function ovhAuthHeaders(
	keys: OvhKeys,
	request: { method: string; url: string; body?: string },
	timestamp: number,
): Record<string, string> {
	return {
		'X-Ovh-Application': keys.applicationKey,
		'X-Ovh-Consumer': keys.consumerKey,
		'X-Ovh-Timestamp': String(timestamp),
		'X-Ovh-Signature': ovhSignature({
			applicationSecret: keys.applicationSecret,
			consumerKey: keys.consumerKey,
			method: request.method,
			url: request.url,
			body: request.body ?? '',
			timestamp,
		}),
	};
}

/**
 * Timestamp to send: local clock plus the delta measured against GET /auth/time (spec §3.8),
 * so a skewed local clock still signs inside the server's window.
 */
export function ovhTimestamp(nowMs: number, deltaSeconds: number): number {
	return Math.round(nowMs / 1000) + deltaSeconds;
}

export function ovhTimeDelta(serverTime: number, nowMs: number): number {
	return serverTime - Math.round(nowMs / 1000);
}
