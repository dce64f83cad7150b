import { createHash, createHmac } from 'node:crypto';

const RESERVED = /[!'()*]/;
const RESERVED_ALL = /[!'()*]/g;

/** POP encoding (spec aliyun.md §3.2): RFC 3986 on UTF-8 bytes, so also ! ' ( ) * are escaped. */
export function popEncode(value: string): string {
	const encoded = encodeURIComponent(value);
	return RESERVED.test(encoded)
		? encoded.replace(RESERVED_ALL, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
		: encoded;
}

const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');

// ---- V1 (RPC, HMAC-SHA1, §3) ----

/** `METHOD&%2F&enc(sorted name=value pairs)`, over every parameter but Signature. */
export function rpcStringToSign(method: string, params: Record<string, string>): string {
	const canonical = Object.keys(params)
		.filter((k) => k !== 'Signature')
		.sort()
		.map((k) => `${popEncode(k)}=${popEncode(params[k])}`)
		.join('&');
	return `${method.toUpperCase()}&${popEncode('/')}&${popEncode(canonical)}`;
}

export function rpcSignature(accessKeySecret: string, stringToSign: string): string {
	return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}

// ---- V3 (ACS3-HMAC-SHA256, §4) ----

export interface Acs3Input {
	method: string;
	/** The query as name → decoded value. */
	query: Record<string, string>;
	/** Lower-case names; only host, content-type and x-acs-* are signed. */
	headers: Record<string, string>;
	body: string;
}

export const EMPTY_SHA256 = sha256('');

export function acs3HashedPayload(body: string): string {
	return sha256(body);
}

export function acs3SignedHeaders(headers: Record<string, string>): string[] {
	return Object.keys(headers)
		.map((h) => h.toLowerCase())
		.filter((h) => h === 'host' || h === 'content-type' || h.startsWith('x-acs-'))
		.sort();
}

export function acs3CanonicalRequest(input: Acs3Input, signed = acs3SignedHeaders(input.headers)): string {
	const query = Object.keys(input.query)
		.sort()
		.map((k) => `${popEncode(k)}=${popEncode(input.query[k])}`)
		.join('&');
	const headers = signed.map((h) => `${h}:${(input.headers[h] ?? '').trim()}\n`).join('');
	return [input.method.toUpperCase(), '/', query, headers, signed.join(';'), acs3HashedPayload(input.body)].join('\n');
}

export function acs3StringToSign(canonicalRequest: string): string {
	return `ACS3-HMAC-SHA256\n${sha256(canonicalRequest)}`;
}

export function acs3Signature(accessKeySecret: string, stringToSign: string): string {
	return createHmac('sha256', accessKeySecret).update(stringToSign, 'utf8').digest('hex');
}

export function acs3Authorization(accessKeyId: string, signed: string[], signature: string): string {
	return `ACS3-HMAC-SHA256 Credential=${accessKeyId},SignedHeaders=${signed.join(';')},Signature=${signature}`;
}

export interface AlibabaKeys {
	accessKeyId: string;
	accessKeySecret: string;
	/** STS only. */
	securityToken?: string;
}

// The last date made: requests within one second share it.
let lastSecond = Number.NaN;
let lastDate = '';

/** `yyyy-MM-ddTHH:mm:ssZ` */
export function acs3Date(nowMs: number): string {
	const second = Math.floor(nowMs / 1000);
	if (second !== lastSecond) {
		lastDate = new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
		lastSecond = second;
	}
	return lastDate;
}

/**
 * The headers that sign one wire request with V3, what the current SDK sends: the request's own x-acs-action
 * and x-acs-version, the date, a nonce, the body hash, the host as sent, and Authorization.
 */
export function acs3Headers(
	keys: AlibabaKeys,
	wire: { method: string; url: string; headers: Record<string, string>; body?: string },
	nowMs: number,
	nonce: string,
): Record<string, string> {
	const url = new URL(wire.url);
	const headers: Record<string, string> = {};
	for (const [k, v] of Object.entries(wire.headers)) headers[k.toLowerCase()] = v;
	headers.host = url.host;
	headers['x-acs-date'] = acs3Date(nowMs);
	headers['x-acs-signature-nonce'] = nonce;
	headers['x-acs-content-sha256'] = acs3HashedPayload(wire.body ?? '');
	if (keys.securityToken) headers['x-acs-security-token'] = keys.securityToken;
	const query = Object.fromEntries(url.searchParams);
	const signed = acs3SignedHeaders(headers);
	const canonical = acs3CanonicalRequest({ method: wire.method, query, headers, body: wire.body ?? '' }, signed);
	const signature = acs3Signature(keys.accessKeySecret, acs3StringToSign(canonical));
	const out: Record<string, string> = { authorization: acs3Authorization(keys.accessKeyId, signed, signature) };
	for (const h of signed) if (h !== 'host') out[h] = headers[h];
	return out;
}
