import { createHash } from 'node:crypto';
import http, { request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PhoneMessage } from '../../sandbox/provider';
import { OVH_DEFAULT_CREDENTIALS } from '../../sandbox/providers';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';

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

/**
 * The sandbox of a test file: started before its tests, reset before each test (after `beforeReset`, for a file
 * that sets the clock the reset reads), closed after them. The object returned is filled in when the sandbox has
 * started, so a file holds it from the start: `const sandbox = useSandbox();`.
 */
export function useSandbox(options: SandboxOptions = {}, hooks: { beforeReset?: () => void } = {}): Sandbox {
	const sandbox = {} as Sandbox;
	beforeAll(async () => {
		Object.assign(sandbox, await startSandbox(options));
	});
	afterAll(() => sandbox.close());
	beforeEach(() => {
		hooks.beforeReset?.();
		sandbox.reset();
	});
	return sandbox;
}

/** A request the sandbox pushed to a `useReceiver` server, body read whole. */
export interface Push {
	method: string;
	/** Path and query, as requested. */
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface PushAnswer {
	/** 200 by default. */
	status?: number;
	headers?: OutgoingHttpHeaders;
	body?: string;
}

/**
 * A local HTTP server on 127.0.0.1 for what the sandbox pushes (receipts, replies, webhooks), for a test file's
 * tests: started before them, closed after them. `answer` sees each request and says what goes back; `url` is
 * the server's origin once it listens.
 */
export function useReceiver(answer: (push: Push) => PushAnswer): { readonly url: string } {
	let server: http.Server;
	const receiver = { url: '' };
	beforeAll(async () => {
		server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const body = Buffer.concat(chunks).toString('utf8');
				const reply = answer({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
				res.writeHead(reply.status ?? 200, reply.headers).end(reply.body);
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	});
	return receiver;
}

/** A message of the phone page's list (`GET /_sandbox/phone/messages`): a phone line's, with its provider. */
export type ListedMessage = PhoneMessage & { provider: string };

/** What a phone page route answered; `T` is what the test expects back (the JSON unchecked, as `RawResponse.json`). */
export interface PhoneAnswer<T> {
	status: number;
	json: T;
}

/**
 * One provider's line on the virtual phone, over HTTP as the phone page uses it: `messages` lists that provider's
 * messages (and checks the page lists the provider), `post` settles or replies, `provider` filled in unless the
 * body names one.
 */
export function phoneLine(sandbox: Sandbox, provider: string) {
	const messages = async (): Promise<ListedMessage[]> => {
		const answer = await rawCall(`${sandbox.origin}/_sandbox/phone/messages`);
		expect(answer.status).toBe(200);
		const list = answer.json as { providers: string[]; messages: ListedMessage[] };
		expect(list.providers).toContain(provider);
		return list.messages.filter((m) => m.provider === provider);
	};
	const post = async <T = unknown>(route: 'settle' | 'reply', body: Record<string, unknown>): Promise<PhoneAnswer<T>> => {
		const answer = await rawCall(`${sandbox.origin}/_sandbox/phone/${route}`, {
			method: 'POST',
			body: JSON.stringify({ provider, ...body }),
			headers: { 'Content-Type': 'application/json' },
		});
		return { status: answer.status, json: answer.json as T };
	};
	return { messages, post };
}
