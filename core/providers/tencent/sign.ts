import { createHash, createHmac } from 'node:crypto';

/** TC3-HMAC-SHA256, one function per step of spec tencent.md §3.1. */
export interface Tc3Input {
	method: string;
	/** Raw query string after "?" (empty for POST). */
	query: string;
	/** Header values by lower-case name; the signed ones must include content-type and host. */
	headers: Record<string, string>;
	/** Lower-case names, sorted, e.g. ["content-type", "host"]. */
	signedHeaders: string[];
	/** Exact body bytes sent (empty for GET). */
	body: string;
	/** X-TC-Timestamp, Unix seconds. */
	timestamp: number;
	/** First DNS label of the endpoint host: "sms". */
	service: string;
	secretId: string;
	secretKey: string;
}

const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

export function tc3HashedPayload(body: string): string {
	return sha256(body);
}

export function tc3CanonicalRequest(input: Tc3Input): string {
	const headers = input.signedHeaders.map((name) => `${name}:${(input.headers[name] ?? '').trim().toLowerCase()}\n`).join('');
	return [
		input.method.toUpperCase(),
		'/',
		input.query,
		headers,
		input.signedHeaders.join(';'),
		tc3HashedPayload(input.body),
	].join('\n');
}

let lastDay = Number.NaN;
let lastDate = '';

/** The UTC calendar date of the timestamp: never local time. (The last one is kept: it changes once a day.) */
export function tc3Date(timestamp: number): string {
	const day = Math.floor(timestamp / 86400);
	if (day !== lastDay) {
		lastDate = new Date(timestamp * 1000).toISOString().slice(0, 10);
		lastDay = day;
	}
	return lastDate;
}

export function tc3CredentialScope(input: Pick<Tc3Input, 'timestamp' | 'service'>): string {
	return `${tc3Date(input.timestamp)}/${input.service}/tc3_request`;
}

export function tc3StringToSign(input: Tc3Input): string {
	return ['TC3-HMAC-SHA256', String(input.timestamp), tc3CredentialScope(input), sha256(tc3CanonicalRequest(input))].join('\n');
}

/** Derived keys by date, service and secret: three HMACs saved per request, as the key only changes once a day. */
const signingKeys = new Map<string, Buffer>();

export function tc3SigningKey(secretKey: string, date: string, service: string): Buffer {
	const id = `${date}\n${service}\n${secretKey}`;
	let key = signingKeys.get(id);
	if (!key) {
		key = hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request');
		if (signingKeys.size >= 32) signingKeys.clear(); // a day's keys of a few accounts; old days go
		signingKeys.set(id, key);
	}
	return key;
}

export function tc3Signature(input: Tc3Input): string {
	const key = tc3SigningKey(input.secretKey, tc3Date(input.timestamp), input.service);
	return createHmac('sha256', key).update(tc3StringToSign(input), 'utf8').digest('hex');
}

/** tc3StringToSign and tc3Signature in one pass: the date and scope are worked out once. */
export function tc3Authorization(input: Tc3Input): string {
	const date = tc3Date(input.timestamp);
	const scope = `${date}/${input.service}/tc3_request`;
	const stringToSign = `TC3-HMAC-SHA256\n${input.timestamp}\n${scope}\n${sha256(tc3CanonicalRequest(input))}`;
	const signature = createHmac('sha256', tc3SigningKey(input.secretKey, date, input.service))
		.update(stringToSign, 'utf8')
		.digest('hex');
	return `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=${input.signedHeaders.join(';')}, Signature=${signature}`;
}

/**
 * Authorization and X-TC-Timestamp for a POST to the given URL. The host is signed as the Host header is
 * sent (with its port, if any), which the service and the sandbox both accept.
 */
export function tencentAuthHeaders(
	keys: { secretId: string; secretKey: string },
	request: { method: string; url: string; headers: Record<string, string>; body?: string },
	timestamp: number,
): Record<string, string> {
	const url = new URL(request.url);
	const contentType = Object.entries(request.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
	const authorization = tc3Authorization({
		method: request.method,
		query: url.search.replace(/^\?/, ''),
		headers: { 'content-type': contentType, host: url.host },
		signedHeaders: ['content-type', 'host'],
		body: request.body ?? '',
		timestamp,
		service: 'sms',
		secretId: keys.secretId,
		secretKey: keys.secretKey,
	});
	return { Authorization: authorization, 'X-TC-Timestamp': String(timestamp) };
}
