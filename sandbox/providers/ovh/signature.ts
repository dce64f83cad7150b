import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * OVH `$1$` request signature, written from specs/ovh.md §3.3 independently of any client:
 * `"$1$" + hex(sha1(AS + "+" + CK + "+" + METHOD + "+" + URL + "+" + BODY + "+" + TIMESTAMP))`.
 */
export interface SignatureInput {
	readonly applicationSecret: string;
	readonly consumerKey: string;
	readonly method: string;
	/** Full URL as signed by the client: scheme, host, request target (query included). */
	readonly url: string;
	/** Raw body bytes; a string is taken as its UTF-8 bytes. */
	readonly body: Buffer | string;
	readonly timestamp: string;
}

/** Bytes hashed: the body is spliced in raw so a client's own JSON escaping survives untouched (§3.5). */
export function canonicalBytes(input: SignatureInput): Buffer {
	const head = [input.applicationSecret, input.consumerKey, input.method, input.url, ''].join('+');
	const body = typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : input.body;
	return Buffer.concat([Buffer.from(head, 'utf8'), body, Buffer.from(`+${input.timestamp}`, 'utf8')]);
}

export function ovhSignature(input: SignatureInput): string {
	return '$1$' + createHash('sha1').update(canonicalBytes(input)).digest('hex');
}

/** Constant-time comparison so the response time reveals nothing about how much of a guess matched. */
export function signaturesEqual(expected: string, received: string): boolean {
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(received, 'utf8');
	if (a.length !== b.length) {
		timingSafeEqual(a, a);
		return false;
	}
	return timingSafeEqual(a, b);
}
