import { createHash, createHmac } from 'node:crypto';
import { request } from 'node:http';
import { TENCENT_DEFAULT_CREDENTIALS } from '../../sandbox/providers';

export const TENCENT = TENCENT_DEFAULT_CREDENTIALS;

export interface TencentKeys {
	secretId: string;
	secretKey: string;
}

export interface TencentCall {
	action?: string;
	/** Serialised as compact JSON for POST, flattened into the query for GET. */
	params?: Record<string, unknown>;
	/** Raw body bytes, instead of `params`. */
	body?: string;
	/** Bytes actually sent, when they differ from the ones signed. */
	sentBody?: string;
	method?: 'POST' | 'GET' | 'PUT';
	keys?: TencentKeys;
	/** Seconds; defaults to the real clock. */
	timestamp?: number;
	/** The Host value signed: as sent (`with-port`, Python SDK) or without its port (`without-port`, Node SDK). */
	signedHost?: 'with-port' | 'without-port';
	service?: string;
	/** Header names to sign besides content-type and host, e.g. `x-tc-action`. */
	extraSigned?: string[];
	contentType?: string;
	unsignedPayload?: boolean;
	/** Replaces or (with `undefined`) removes the default headers. */
	headers?: Record<string, string | undefined>;
	/** Resolves with `text` (and an empty `response`) when the answer is not JSON, rather than rejecting. */
	anyBody?: boolean;
}

export interface TencentAnswer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	/** `Response` of the JSON body. */
	response: Record<string, unknown> & { RequestId: string; Error?: { Code: string; Message: string } };
	/** The body as received. */
	text: string;
}

/**
 * A raw API 3.0 request over node:http (so the Host header is ours to set), signed here with its
 * own few lines of TC3 rather than the sandbox's signer, so a verifier bug cannot hide behind the
 * same bug in the test.
 */
export function tencentCall(baseUrl: string, call: TencentCall = {}): Promise<TencentAnswer> {
	const url = new URL(baseUrl);
	const method = call.method ?? 'POST';
	const keys = call.keys ?? TENCENT;
	const timestamp = call.timestamp ?? Math.floor(Date.now() / 1000);
	const query = method === 'GET' ? flatten(call.params ?? {}) : '';
	const body = method === 'GET' ? '' : (call.body ?? JSON.stringify(call.params ?? {}));
	const headers: Record<string, string | undefined> = {
		Host: url.host,
		'Content-Type': call.contentType ?? (method === 'GET' ? 'application/x-www-form-urlencoded' : 'application/json'),
		'X-TC-Action': call.action ?? 'DescribeSmsSignList',
		'X-TC-Version': '2021-01-11',
		'X-TC-Region': 'ap-guangzhou',
		'X-TC-Timestamp': String(timestamp),
		...(call.unsignedPayload ? { 'X-TC-Content-SHA256': 'UNSIGNED-PAYLOAD' } : {}),
	};
	const signedNames = ['content-type', 'host', ...(call.extraSigned ?? [])].sort();
	const valueOf = (name: string) => {
		if (name === 'host' && call.signedHost === 'without-port') return url.hostname;
		const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
		return key === undefined ? '' : (headers[key] ?? '');
	};
	const canonical = [
		method,
		'/',
		query,
		signedNames.map((name) => `${name}:${valueOf(name).trim().toLowerCase()}\n`).join(''),
		signedNames.join(';'),
		sha256(call.unsignedPayload ? 'UNSIGNED-PAYLOAD' : body),
	].join('\n');
	const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
	const service = call.service ?? 'sms';
	const scope = `${date}/${service}/tc3_request`;
	const key = hmac(hmac(hmac(`TC3${keys.secretKey}`, date), service), 'tc3_request');
	const signature = hmac(key, `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha256(canonical)}`).toString('hex');
	headers.Authorization = `TC3-HMAC-SHA256 Credential=${keys.secretId}/${scope}, SignedHeaders=${signedNames.join(';')}, Signature=${signature}`;
	Object.assign(headers, call.headers);
	return send(url, method, query, call.sentBody ?? body, headers, call.anyBody ?? false);
}

function send(
	url: URL,
	method: string,
	query: string,
	body: string,
	headers: Record<string, string | undefined>,
	anyBody: boolean,
): Promise<TencentAnswer> {
	const defined = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<string, string>;
	return new Promise((resolve, reject) => {
		const req = request(
			{ host: url.hostname, port: url.port, method, path: query === '' ? '/' : `/?${query}`, headers: defined, agent: false },
			(res) => {
				let text = '';
				res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
				res.on('end', () => {
					const answer = { status: res.statusCode ?? 0, headers: res.headers, text };
					try {
						const json = JSON.parse(text) as { Response: TencentAnswer['response'] };
						resolve({ ...answer, response: json.Response });
					} catch (error: unknown) {
						if (anyBody) resolve({ ...answer, response: { RequestId: '' } });
						else reject(new Error(`Not JSON: ${text} (${String(error)})`));
					}
				});
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}

/** §2.2: nested values as dot paths with 0-based list indexes, encoded as the Node SDK does. */
export function flatten(params: Record<string, unknown>): string {
	const pairs: string[] = [];
	const walk = (value: unknown, path: string) => {
		if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}.${i}`));
		else if (typeof value === 'object' && value !== null) {
			for (const [k, v] of Object.entries(value)) walk(v, path === '' ? k : `${path}.${k}`);
		} else pairs.push(`${encodeURIComponent(path)}=${encodeURIComponent(String(value))}`);
	};
	walk(params, '');
	return pairs.join('&');
}

function sha256(data: string): string {
	return createHash('sha256').update(data, 'utf8').digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
	return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** Asserts a successful answer and returns its `Response`. */
export function ok(answer: TencentAnswer): TencentAnswer['response'] {
	if (answer.response.Error)
		throw new Error(`Expected success, got ${answer.response.Error.Code}: ${answer.response.Error.Message}`);
	return answer.response;
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
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	return { status: response.status, json: (await response.json()) as T };
}
