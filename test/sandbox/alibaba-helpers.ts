import { createHash, createHmac, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { ALIBABA_DEFAULT_CREDENTIALS } from '../../sandbox/providers';

export const ALIBABA = ALIBABA_DEFAULT_CREDENTIALS;

export interface AlibabaKeys {
	accessKeyId: string;
	accessKeySecret: string;
}

export interface AlibabaAnswer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	/** The JSON body; empty for XML. */
	json: Record<string, unknown>;
}

/** POP encoding, written again here so that a verifier bug cannot hide behind the same bug in the test. */
const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const join = (params: Record<string, string>) =>
	Object.keys(params)
		.sort()
		.map((k) => `${enc(k)}=${enc(params[k])}`)
		.join('&');
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface V1Call {
	action?: string;
	version?: string;
	params?: Record<string, string>;
	method?: 'GET' | 'POST';
	/** Where the parameters travel on POST: the form body (pop-core) or the query. */
	placement?: 'body' | 'query';
	keys?: AlibabaKeys;
	/** Epoch ms; defaults to the real clock. */
	time?: number;
	nonce?: string;
	format?: string | null;
	/** Replaces the computed signature. */
	signature?: string;
}

/** A V1 (HMAC-SHA1) request, signed as §3.3 says. */
export function v1Call(baseUrl: string, call: V1Call = {}): Promise<AlibabaAnswer> {
	const keys = call.keys ?? ALIBABA;
	const method = call.method ?? 'GET';
	const params: Record<string, string> = {
		AccessKeyId: keys.accessKeyId,
		Action: call.action ?? 'QuerySmsSignList',
		Version: call.version ?? '2017-05-25',
		SignatureMethod: 'HMAC-SHA1',
		SignatureVersion: '1.0',
		SignatureNonce: call.nonce ?? randomUUID(),
		Timestamp: isoSeconds(call.time ?? Date.now()),
		...(call.format === null ? {} : { Format: call.format ?? 'JSON' }),
		...call.params,
	};
	const stringToSign = `${method}&${enc('/')}&${enc(join(params))}`;
	params.Signature = call.signature ?? createHmac('sha1', `${keys.accessKeySecret}&`).update(stringToSign).digest('base64');
	const encoded = join(params);
	if (method === 'POST' && (call.placement ?? 'body') === 'body') {
		return send(baseUrl, 'POST', '/', encoded, { 'content-type': 'application/x-www-form-urlencoded' });
	}
	return send(baseUrl, method, `/?${encoded}`, '', {});
}

export interface V3Call {
	action?: string;
	version?: string;
	query?: Record<string, string>;
	/** Sent as a form body. */
	form?: Record<string, string>;
	keys?: AlibabaKeys;
	time?: number;
	nonce?: string | null;
	/** The Host value signed: as sent, or without its port. */
	signedHost?: 'with-port' | 'without-port';
	/** Replaces the x-acs-content-sha256 value sent (and signed). */
	contentSha256?: string;
	/** Bytes sent instead of the signed form. */
	sentBody?: string;
	/** Extra headers, signed when they are x-acs-*. */
	headers?: Record<string, string>;
}

/** A V3 (ACS3-HMAC-SHA256) request, signed as §4.2 says. */
export function v3Call(baseUrl: string, call: V3Call = {}): Promise<AlibabaAnswer> {
	const keys = call.keys ?? ALIBABA;
	const url = new URL(baseUrl);
	const body = call.form === undefined ? '' : join(call.form);
	const headers: Record<string, string> = {
		host: url.host,
		'x-acs-action': call.action ?? 'QuerySmsSignList',
		'x-acs-version': call.version ?? '2017-05-25',
		'x-acs-date': isoSeconds(call.time ?? Date.now()),
		'x-acs-content-sha256': call.contentSha256 ?? createHash('sha256').update(body).digest('hex'),
		...(call.nonce === null ? {} : { 'x-acs-signature-nonce': call.nonce ?? randomUUID().replace(/-/g, '') }),
		...(call.form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
		...call.headers,
	};
	const signed = Object.keys(headers)
		.filter((n) => n === 'host' || n === 'content-type' || n.startsWith('x-acs-'))
		.sort();
	const value = (n: string) => (n === 'host' && call.signedHost === 'without-port' ? url.hostname : headers[n]);
	const query = join(call.query ?? {});
	const canonical = [
		'POST',
		'/',
		query,
		signed.map((n) => `${n}:${value(n).trim()}\n`).join(''),
		signed.join(';'),
		headers['x-acs-content-sha256'],
	].join('\n');
	const toSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonical).digest('hex')}`;
	const signature = createHmac('sha256', keys.accessKeySecret).update(toSign).digest('hex');
	headers.authorization = `ACS3-HMAC-SHA256 Credential=${keys.accessKeyId},SignedHeaders=${signed.join(';')},Signature=${signature}`;
	return send(baseUrl, 'POST', query === '' ? '/' : `/?${query}`, call.sentBody ?? body, headers);
}

function send(
	baseUrl: string,
	method: string,
	path: string,
	body: string,
	headers: Record<string, string>,
): Promise<AlibabaAnswer> {
	const url = new URL(baseUrl);
	return new Promise((resolve, reject) => {
		const req = request({ host: url.hostname, port: url.port, method, path, headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json: Record<string, unknown> = {};
				try {
					json = JSON.parse(text) as Record<string, unknown>;
				} catch {
					// XML
				}
				resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
			});
		});
		req.on('error', reject);
		req.end(body);
	});
}

/** JSON to or from the control API on the main port; `T` is what the test expects back. */
export async function control<T = Record<string, unknown>>(
	origin: string,
	method: string,
	path: string,
	body?: unknown,
): Promise<{ status: number; json: T }> {
	const response = await fetch(`${origin}/_sandbox${path}`, {
		method,
		headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, json: (await response.json()) as T };
}
