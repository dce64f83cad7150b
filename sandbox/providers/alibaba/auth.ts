import type { IncomingHttpHeaders } from 'node:http';
import { GATEWAY, missingParameter } from './errors';
import { ACS3_ALGORITHM, acs3Sign, parsePairs, sha256Hex, signaturesEqual, v1Sign, type Pairs } from './signature';

export interface AlibabaRequest {
	readonly method: string;
	/** Path and query exactly as received. */
	readonly requestTarget: string;
	/** Every value of each header, by lower-case name (Node's `headersDistinct`). */
	readonly headers: Readonly<Record<string, readonly string[] | undefined>>;
	readonly body: Buffer;
}

export interface Authenticated {
	readonly scheme: 'v1' | 'v3';
	readonly accessKeyId: string;
	readonly action: string;
	readonly version: string;
	/** Query ∪ form body, decoded; the first of a repeated name wins. */
	readonly params: ReadonlyMap<string, string>;
	/** V1 answers XML unless `Format=JSON` (any case); V3 always JSON. */
	readonly format: 'JSON' | 'XML';
}

export interface AuthContext {
	readonly now: number;
	readonly secretOf: (accessKeyId: string) => string | undefined;
	/** `<key id>\n<nonce>` → when it was first accepted (epoch ms); pruned here. */
	readonly nonces: Map<string, number>;
}

/** §3.1 and §4.1: fifteen minutes either way. */
export const WINDOW_MS = 15 * 60 * 1000;
const V1_REQUIRED = [
	'AccessKeyId',
	'Action',
	'Version',
	'Signature',
	'SignatureMethod',
	'SignatureVersion',
	'SignatureNonce',
	'Timestamp',
];
/** Headers whose absence from SignedHeaders would leave the action, the time or the body unsigned. */
const V3_MUST_SIGN = ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-content-sha256'];

/**
 * The checks of specs/aliyun.md §12 in order — required parts, key, timestamp window, nonce,
 * signature — each failure with its gateway code. `ACS3-HMAC-SHA256` in Authorization selects V3.
 */
export function authenticate(request: AlibabaRequest, context: AuthContext): Authenticated {
	const authorization = first(request.headers, 'authorization');
	const [, query = ''] = splitTarget(request.requestTarget);
	const pairs = [...parsePairs(query), ...formPairs(request)];
	if (authorization?.startsWith(`${ACS3_ALGORITHM} `)) return verifyV3(request, authorization, pairs, context);
	return verifyV1(request, pairs, context);
}

function verifyV1(request: AlibabaRequest, pairs: Pairs, context: AuthContext): Authenticated {
	const params = toMap(pairs);
	for (const name of V1_REQUIRED) if (!params.get(name)) throw missingParameter(name);
	if (params.get('SignatureMethod') !== 'HMAC-SHA1') throw GATEWAY.signatureMethod();
	const accessKeyId = params.get('AccessKeyId')!;
	const secret = context.secretOf(accessKeyId);
	if (secret === undefined) throw GATEWAY.accessKeyNotFound();
	checkTimestamp(params.get('Timestamp')!, context.now);
	const nonceKey = `${accessKeyId}\n${params.get('SignatureNonce')}`;
	checkNonce(nonceKey, context);

	const { stringToSign, signature } = v1Sign({ method: request.method, params: pairs, accessKeySecret: secret });
	if (!signaturesEqual(signature, params.get('Signature')!)) {
		throw GATEWAY.signatureMismatch(`server string to sign is:${stringToSign}`);
	}
	context.nonces.set(nonceKey, context.now);
	return {
		scheme: 'v1',
		accessKeyId,
		action: params.get('Action')!,
		version: params.get('Version')!,
		params,
		format: params.get('Format')?.toUpperCase() === 'JSON' ? 'JSON' : 'XML',
	};
}

function verifyV3(request: AlibabaRequest, authorization: string, pairs: Pairs, context: AuthContext): Authenticated {
	const auth = parseAcs3Authorization(authorization);
	const signed = auth.signedHeaders.split(';');
	const nonce = first(request.headers, 'x-acs-signature-nonce');
	const mustSign = nonce === undefined ? V3_MUST_SIGN : [...V3_MUST_SIGN, 'x-acs-signature-nonce'];
	if (!mustSign.every((name) => signed.includes(name)) || !signed.every((name) => request.headers[name]?.length)) {
		throw GATEWAY.incompleteSignature();
	}
	const secret = context.secretOf(auth.accessKeyId);
	if (secret === undefined) throw GATEWAY.accessKeyNotFound();
	checkTimestamp(first(request.headers, 'x-acs-date')!, context.now);
	const nonceKey = nonce === undefined ? undefined : `${auth.accessKeyId}\n${nonce}`;
	if (nonceKey !== undefined) checkNonce(nonceKey, context);

	const contentSha256 = first(request.headers, 'x-acs-content-sha256')!;
	if (contentSha256 !== sha256Hex(request.body)) {
		throw GATEWAY.signatureMismatch('The x-acs-content-sha256 header is not the SHA-256 of the body received.');
	}
	const [uri, query = ''] = splitTarget(request.requestTarget);
	const host = first(request.headers, 'host')!;
	// §12: a signature over the Host header as received, or over it without its port.
	const attempts = [...new Set([host, hostWithoutPort(host)])].map((signedHost) =>
		acs3Sign({
			method: request.method,
			uri,
			query: parsePairs(query),
			headers: { ...request.headers, host: [signedHost] },
			signedHeaders: auth.signedHeaders,
			hashedPayload: contentSha256,
			accessKeySecret: secret,
		}),
	);
	if (!attempts.some((attempt) => signaturesEqual(attempt.signature, auth.signature))) {
		throw GATEWAY.signatureMismatch(`server StringToSign is [${attempts[0].stringToSign}]`);
	}
	if (nonceKey !== undefined) context.nonces.set(nonceKey, context.now);
	return {
		scheme: 'v3',
		accessKeyId: auth.accessKeyId,
		action: first(request.headers, 'x-acs-action')!,
		version: first(request.headers, 'x-acs-version')!,
		params: toMap(pairs),
		format: 'JSON',
	};
}

/** `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>`; anything else → IncompleteSignature. */
export function parseAcs3Authorization(value: string): {
	accessKeyId: string;
	signedHeaders: string;
	signature: string;
} {
	const fields = new Map<string, string>();
	for (const part of value.slice(ACS3_ALGORITHM.length + 1).split(',')) {
		const separator = part.indexOf('=');
		if (separator === -1) throw GATEWAY.incompleteSignature();
		fields.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
	}
	const accessKeyId = fields.get('Credential') ?? '';
	const signedHeaders = fields.get('SignedHeaders') ?? '';
	const signature = fields.get('Signature') ?? '';
	if (fields.size !== 3 || accessKeyId === '' || signedHeaders === '' || signature === '') {
		throw GATEWAY.incompleteSignature();
	}
	return { accessKeyId, signedHeaders, signature };
}

/** ISO 8601 UTC, `yyyy-MM-ddTHH:mm:ssZ` (fractions tolerated); unparsable → Format, skewed → Expired. */
function checkTimestamp(value: string, now: number): void {
	const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value) ? Date.parse(value) : NaN;
	if (Number.isNaN(time)) throw GATEWAY.timestampFormat();
	if (Math.abs(now - time) > WINDOW_MS) throw GATEWAY.timestampExpired();
}

/**
 * A nonce is refused while a request carrying it could still be in the window: a timestamp may be
 * up to 15 minutes ahead, so nonces are kept twice the window.
 */
function checkNonce(key: string, context: AuthContext): void {
	for (const [seen, at] of context.nonces) if (context.now - at > 2 * WINDOW_MS) context.nonces.delete(seen);
	if (context.nonces.has(key)) throw GATEWAY.nonceUsed();
}

/** The form body's parameters; other bodies carry none (§6: the SDKs send forms only). */
function formPairs(request: AlibabaRequest): [string, string][] {
	const type = first(request.headers, 'content-type') ?? '';
	if (request.body.length === 0 || !/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) return [];
	return parsePairs(request.body.toString('utf8'));
}

function toMap(pairs: Pairs): Map<string, string> {
	const map = new Map<string, string>();
	for (const [name, value] of pairs) if (!map.has(name)) map.set(name, value);
	return map;
}

export function first(headers: Readonly<Record<string, readonly string[] | undefined>>, name: string): string | undefined {
	return headers[name]?.[0];
}

/** Node's `headersDistinct`, or the same built from plain headers (for tests). */
export function distinctHeaders(headers: IncomingHttpHeaders): Record<string, string[]> {
	const result: Record<string, string[]> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined) result[name.toLowerCase()] = Array.isArray(value) ? value : [value];
	}
	return result;
}

export function hostWithoutPort(host: string): string {
	if (host.startsWith('[')) {
		const end = host.indexOf(']');
		return end === -1 ? host : host.slice(0, end + 1);
	}
	return host.replace(/:\d*$/, '');
}

export function splitTarget(target: string): [string, string?] {
	const index = target.indexOf('?');
	return index === -1 ? [target] : [target.slice(0, index), target.slice(index + 1)];
}
