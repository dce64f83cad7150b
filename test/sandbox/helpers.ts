import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { OVH_DEFAULT_CREDENTIALS } from '../../sandbox/providers';

export const DEFAULT = OVH_DEFAULT_CREDENTIALS;

export interface Keys {
	applicationKey: string;
	applicationSecret: string;
	consumerKey: string;
}

export interface SignedCall {
	method: string;
	/** Relative to the provider base, e.g. `/sms?x=1`. */
	path: string;
	body?: string | Buffer;
	keys?: Keys;
	/** Seconds; defaults to the real clock. */
	timestamp?: number;
	/** The URL to sign; defaults to exactly the URL requested. */
	signedUrl?: string;
	headers?: Record<string, string>;
}

export interface RawResponse {
	status: number;
	headers: Headers;
	text: string;
	json: unknown;
}

/**
 * A raw OVH call over plain HTTP, signed here with its own few lines rather than the sandbox's
 * signer, so a bug in the verifier cannot hide behind the same bug in the test.
 */
export async function signedCall(base: string, call: SignedCall, transport = rawCall): Promise<RawResponse> {
	const keys = call.keys ?? DEFAULT;
	const url = base + call.path;
	const body = call.body === undefined ? Buffer.alloc(0) : Buffer.from(call.body);
	const timestamp = String(call.timestamp ?? Math.floor(Date.now() / 1000));
	const signature =
		'$1$' +
		createHash('sha1')
			.update(`${keys.applicationSecret}+${keys.consumerKey}+${call.method}+${call.signedUrl ?? url}+`)
			.update(body)
			.update(`+${timestamp}`)
			.digest('hex');
	return transport(url, {
		method: call.method,
		body: body.length > 0 ? body : undefined,
		headers: {
			'X-Ovh-Application': keys.applicationKey,
			'X-Ovh-Consumer': keys.consumerKey,
			'X-Ovh-Timestamp': timestamp,
			'X-Ovh-Signature': signature,
			...call.headers,
		},
	});
}

export async function rawCall(
	url: string,
	init: { method?: string; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
	// A copy typed as a plain Uint8Array, which fetch's typings accept where they refuse Buffer.
	const body = typeof init.body === 'string' || init.body === undefined ? init.body : new Uint8Array(init.body);
	const response = await fetch(url, { method: init.method ?? 'GET', body, headers: init.headers });
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

/**
 * `rawCall` over node:http on a fresh connection, for tests of connection faults: a dropped socket
 * rejects with Node's own `ECONNRESET` / "socket hang up", not fetch's wrapped "fetch failed".
 */
export function httpCall(
	url: string,
	init: { method?: string; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const req = request(url, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json: unknown;
				try {
					json = JSON.parse(text);
				} catch {
					json = undefined;
				}
				const headers = new Headers();
				for (const [name, value] of Object.entries(res.headers)) {
					for (const item of Array.isArray(value) ? value : [value ?? '']) headers.append(name, item);
				}
				resolve({ status: res.statusCode ?? 0, headers, text, json });
			});
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(init.body);
	});
}

export function originOf(base: string): string {
	return new URL(base).origin;
}
