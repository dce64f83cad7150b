import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Alibaba Cloud's two request signatures (specs/aliyun.md §3, §4), one function per step, written
 * from the spec (never from the core's signer or an SDK) so that the sandbox checks clients
 * independently. Parameters are `[name, value]` pairs of decoded text.
 */

export type Pairs = readonly (readonly [string, string])[];

export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

/** §3.2 "POP encoding": UTF-8 bytes, unreserved `A–Z a–z 0–9 - _ . ~` literal, everything else `%XX` upper-case. */
export function popEncode(text: string): string {
	return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Form and query decoding: `+` is a space, `%XX` are UTF-8 bytes; malformed escapes stay as sent. */
export function formDecode(text: string): string {
	const spaced = text.replace(/\+/g, ' ');
	try {
		return decodeURIComponent(spaced);
	} catch {
		return spaced;
	}
}

/** `a=1&b=2` → decoded pairs in the order sent; a name without `=` has an empty value. */
export function parsePairs(text: string): [string, string][] {
	return text
		.split('&')
		.filter((part) => part !== '')
		.map((part) => {
			const separator = part.indexOf('=');
			return separator === -1
				? [formDecode(part), '']
				: [formDecode(part.slice(0, separator)), formDecode(part.slice(separator + 1))];
		});
}

/** Byte order on the names, then on the values (duplicates, §4.2 step 1.3). */
function sortPairs(pairs: Pairs): (readonly [string, string])[] {
	const order = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
	return [...pairs].sort((a, b) => order(a[0], b[0]) || order(a[1], b[1]));
}

/** §3.3 steps 2–3 and §4.2 step 1.3: sorted, each name and value POP-encoded, `&`-joined. */
export function canonicalQuery(pairs: Pairs): string {
	return sortPairs(pairs)
		.map(([name, value]) => `${popEncode(name)}=${popEncode(value)}`)
		.join('&');
}

// --- V1 (RPC, HMAC-SHA1) ---

/** §3.3 step 4: the received method, the encoded `/`, and the canonical query encoded once more. */
export function v1StringToSign(method: string, pairs: Pairs): string {
	return `${method.toUpperCase()}&${popEncode('/')}&${popEncode(canonicalQuery(pairs))}`;
}

/** §3.3 step 5: the key is the secret followed by `&`. */
export function v1Signature(accessKeySecret: string, stringToSign: string): string {
	return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}

/** Every V1 step at once over all parameters but `Signature`, for the verifier and the vector tests. */
export function v1Sign(input: { method: string; params: Pairs; accessKeySecret: string }) {
	const pairs = input.params.filter(([name]) => name !== 'Signature');
	const stringToSign = v1StringToSign(input.method, pairs);
	return {
		canonicalQuery: canonicalQuery(pairs),
		stringToSign,
		signature: v1Signature(input.accessKeySecret, stringToSign),
	};
}

// --- V3 (ACS3-HMAC-SHA256) ---

export function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

/**
 * §4.2 step 1.4: `name:value\n` for each name of the received SignedHeaders list; values trimmed,
 * never lower-cased; a header sent several times has its trimmed values sorted and `,`-joined.
 */
export function canonicalHeaders(
	headers: Readonly<Record<string, readonly string[] | undefined>>,
	signedHeaders: string,
): string {
	return signedHeaders
		.split(';')
		.map(
			(name) =>
				`${name}:${[...(headers[name] ?? [])]
					.map((v) => v.trim())
					.sort()
					.join(',')}\n`,
		)
		.join('');
}

export interface Acs3Input {
	readonly method: string;
	readonly uri?: string;
	/** Decoded query parameters; they are re-encoded here. */
	readonly query: Pairs;
	/** Lower-case name → every value received. */
	readonly headers: Readonly<Record<string, readonly string[] | undefined>>;
	readonly signedHeaders: string;
	/** The `x-acs-content-sha256` value signed as the payload hash. */
	readonly hashedPayload: string;
	readonly accessKeySecret: string;
}

/** §4.2 steps 1–3, intermediates included. The key is the raw secret, without `&`. */
export function acs3Sign(input: Acs3Input) {
	const canonicalRequest = [
		input.method.toUpperCase(),
		input.uri ?? '/',
		canonicalQuery(input.query),
		canonicalHeaders(input.headers, input.signedHeaders),
		input.signedHeaders,
		input.hashedPayload,
	].join('\n');
	const stringToSign = `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
	const signature = createHmac('sha256', input.accessKeySecret).update(stringToSign, 'utf8').digest('hex');
	return { canonicalRequest, stringToSign, signature };
}

/** §4.2 step 4. */
export function acs3Authorization(accessKeyId: string, signedHeaders: string, signature: string): string {
	return `${ACS3_ALGORITHM} Credential=${accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
}

/** Constant-time comparison, so response times reveal nothing about how much of a guess matched. */
export function signaturesEqual(expected: string, received: string): boolean {
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(received, 'utf8');
	if (a.length !== b.length) {
		timingSafeEqual(a, a);
		return false;
	}
	return timingSafeEqual(a, b);
}
