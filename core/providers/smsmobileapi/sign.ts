import { createHmac, timingSafeEqual } from 'node:crypto';

/** Webhook V2 signature (spec smsmobileapi.md §6.1): "v1=" + hex HMAC-SHA256(secret, timestamp + "." + raw body). */
export function webhookSignature(secret: string, timestamp: string | number, rawBody: string | Uint8Array): string {
	const hmac = createHmac('sha256', secret).update(`${timestamp}.`);
	hmac.update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody);
	return `v1=${hmac.digest('hex')}`;
}

/** How far the sender's clock may be from ours (the vendor's receivers allow 300 s). */
export const WEBHOOK_SKEW_SECONDS = 300;

export type WebhookCheck = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

/** The vendor's receiver checks: headers present, timestamp within the skew, signature compared in constant time. */
export function checkWebhookSignature(
	secret: string,
	headers: { timestamp?: string; signature?: string },
	rawBody: string | Uint8Array,
	nowMs: number,
): WebhookCheck {
	const { timestamp, signature } = headers;
	if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return { ok: false, reason: 'missing' };
	if (Math.abs(nowMs / 1000 - Number(timestamp)) > WEBHOOK_SKEW_SECONDS) return { ok: false, reason: 'stale' };
	const expected = Buffer.from(webhookSignature(secret, timestamp, rawBody));
	const received = Buffer.from(signature.trim());
	return expected.length === received.length && timingSafeEqual(expected, received)
		? { ok: true }
		: { ok: false, reason: 'mismatch' };
}
