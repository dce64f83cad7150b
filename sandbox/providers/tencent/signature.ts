import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * TC3-HMAC-SHA256, one function per step of specs/tencent.md §3.1, written from the spec (never
 * from the core's signer or an SDK) so that the sandbox checks clients independently.
 */

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';
/** §3.1 step 1.6: what is hashed instead of the body when `X-TC-Content-SHA256: UNSIGNED-PAYLOAD` is sent. */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

/** Step 1.6: SHA-256 of the raw body bytes (never of a re-serialisation). */
export function hashedPayload(body: string | Buffer, unsigned = false): string {
	return sha256Hex(unsigned ? UNSIGNED_PAYLOAD : body);
}

/**
 * Step 1.4: `name:value\n` per signed header, in the order the SignedHeaders list gives (clients
 * sort it), names and trimmed values lower-cased. `headers` maps lower-case names to values.
 */
export function canonicalHeaders(headers: Readonly<Record<string, string>>, signedHeaders: string): string {
	return signedHeaders
		.split(';')
		.map((name) => `${name}:${(headers[name] ?? '').trim().toLowerCase()}\n`)
		.join('');
}

export interface CanonicalRequestParts {
	readonly method: string;
	/** Always `/` for Tencent Cloud. */
	readonly uri: string;
	/** The query string exactly as sent, without `?`; empty for POST. */
	readonly query: string;
	readonly canonicalHeaders: string;
	readonly signedHeaders: string;
	readonly hashedPayload: string;
}

/** Step 1: the six parts joined with `\n` (the header block's own final `\n` leaves an empty line). */
export function canonicalRequest(parts: CanonicalRequestParts): string {
	return [
		parts.method.toUpperCase(),
		parts.uri,
		parts.query,
		parts.canonicalHeaders,
		parts.signedHeaders,
		parts.hashedPayload,
	].join('\n');
}

/** Step 2: the UTC calendar date of the timestamp, never local time. */
export function utcDate(timestamp: number): string {
	return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

/** Step 3. */
export function credentialScope(date: string, service: string): string {
	return `${date}/${service}/tc3_request`;
}

/** Step 4. */
export function stringToSign(timestamp: number | string, scope: string, canonical: string): string {
	return `${TC3_ALGORITHM}\n${timestamp}\n${scope}\n${sha256Hex(canonical)}`;
}

/** Step 5: the chained binary HMACs. */
export function signingKeys(
	secretKey: string,
	date: string,
	service: string,
): { kDate: Buffer; kService: Buffer; kSigning: Buffer } {
	const kDate = hmac(`TC3${secretKey}`, date);
	const kService = hmac(kDate, service);
	const kSigning = hmac(kService, 'tc3_request');
	return { kDate, kService, kSigning };
}

/** Step 6. */
export function signature(kSigning: Buffer, toSign: string): string {
	return hmac(kSigning, toSign).toString('hex');
}

/** Step 7. */
export function authorization(secretId: string, scope: string, signedHeaders: string, sig: string): string {
	return `${TC3_ALGORITHM} Credential=${secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${sig}`;
}

export interface Tc3Input {
	readonly method: string;
	readonly uri?: string;
	readonly query?: string;
	/** Lower-case name → value, as received. */
	readonly headers: Readonly<Record<string, string>>;
	readonly signedHeaders: string;
	readonly body: string | Buffer;
	readonly unsignedPayload?: boolean;
	readonly timestamp: number;
	readonly service: string;
	readonly secretKey: string;
}

/** Every step at once, intermediates included, for the verifier and the vector tests. */
export function tc3Sign(input: Tc3Input) {
	const payloadHash = hashedPayload(input.body, input.unsignedPayload);
	const headerBlock = canonicalHeaders(input.headers, input.signedHeaders);
	const canonical = canonicalRequest({
		method: input.method,
		uri: input.uri ?? '/',
		query: input.query ?? '',
		canonicalHeaders: headerBlock,
		signedHeaders: input.signedHeaders,
		hashedPayload: payloadHash,
	});
	const date = utcDate(input.timestamp);
	const scope = credentialScope(date, input.service);
	const toSign = stringToSign(input.timestamp, scope, canonical);
	const keys = signingKeys(input.secretKey, date, input.service);
	return {
		hashedRequestPayload: payloadHash,
		canonicalHeaders: headerBlock,
		canonicalRequest: canonical,
		canonicalRequestSha256: sha256Hex(canonical),
		credentialScope: scope,
		stringToSign: toSign,
		kDate: keys.kDate.toString('hex'),
		kService: keys.kService.toString('hex'),
		kSigning: keys.kSigning.toString('hex'),
		signature: signature(keys.kSigning, toSign),
	};
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

function hmac(key: string | Buffer, data: string): Buffer {
	return createHmac('sha256', key).update(data, 'utf8').digest();
}
