import { createHmac, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMSMOBILEAPI_DEFAULT_CREDENTIALS, type Sandbox } from '../../sandbox/server';
import { rawCall, type RawResponse } from './helpers';

export const KEYS = SMSMOBILEAPI_DEFAULT_CREDENTIALS;

/** A GET with the parameters in the query, or a POST with a form body (and an optional query). */
export function api(
	sandbox: Sandbox,
	path: string,
	params: Record<string, string> = {},
	init: { method?: 'GET' | 'POST'; query?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
	const method = init.method ?? 'GET';
	const query = new URLSearchParams(method === 'GET' ? { ...init.query, ...params } : init.query).toString();
	const url = `${sandbox.urls.smsmobileapi}${path}${query === '' ? '' : `?${query}`}`;
	if (method === 'GET') return rawCall(url, { headers: init.headers });
	return rawCall(url, {
		method,
		body: new URLSearchParams(params).toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...init.headers },
	});
}

/** With the default API key. */
export const keyed = (params: Record<string, string> = {}) => ({ apikey: KEYS.apikey, ...params });

export function control(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<RawResponse> {
	return rawCall(`${sandbox.origin}/_sandbox/smsmobileapi${path}`, {
		method,
		body: body === undefined ? undefined : JSON.stringify(body),
		headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
	});
}

export async function sendOne(sandbox: Sandbox, params: Record<string, string> = {}): Promise<string> {
	const answer = await api(sandbox, '/sendsms/', keyed({ recipients: '+15551230001', message: 'Hello', ...params }), {
		method: 'POST',
	});
	if (answer.status !== 200) throw new Error(`sendsms answered ${answer.status}: ${answer.text}`);
	return (answer.json as { result: { id: string } }).result.id;
}

/** What the receiver saw of one request, and what it answered. */
export interface Delivery {
	method: string;
	headers: http.IncomingHttpHeaders;
	raw: Buffer;
	status: number;
	reason: string;
}

/**
 * A webhook receiver written from the vendor's documented checks (specs §6.1, §0.2), not from the
 * sandbox's signer: POST only (405), a secret configured (500), `Content-Length` required (411),
 * timestamp within ±300 s (401), `v1=` HMAC-SHA256 of `timestamp + "." + raw body` compared in constant
 * time (401), a JSON envelope (400), then de-duplication on the body's `id`: 202 new, 200 duplicate.
 */
export class Receiver {
	readonly deliveries: Delivery[] = [];
	/** Event ids processed, once each. */
	readonly processed: string[] = [];
	secret: string | null;
	now: () => number = () => Math.floor(Date.now() / 1000);
	private server: http.Server | null = null;
	url = '';

	constructor(secret: string | null) {
		this.secret = secret;
	}

	async start(): Promise<void> {
		this.server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const raw = Buffer.concat(chunks);
				const [status, reason] = this.verdict(req, raw);
				this.deliveries.push({ method: req.method ?? '', headers: req.headers, raw, status, reason });
				res.writeHead(status, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ ok: status < 300, reason }));
			});
		});
		this.server.listen(0, '127.0.0.1');
		await once(this.server, 'listening');
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/smsmobileapi`;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise((resolve) => this.server?.close(resolve));
	}

	/** The checks, in the order of the vendor's examples. */
	verdict(req: { method?: string; headers: http.IncomingHttpHeaders }, raw: Buffer): [number, string] {
		if (req.method !== 'POST') return [405, 'method'];
		if (this.secret === null) return [500, 'no secret'];
		if (req.headers['content-length'] === undefined) return [411, 'no content-length'];
		const timestamp = String(req.headers['x-smsmobileapi-timestamp'] ?? '');
		if (!/^\d+$/.test(timestamp) || Math.abs(this.now() - Number(timestamp)) > 300) return [401, 'stale'];
		const expected = Buffer.from(`v1=${createHmac('sha256', this.secret).update(`${timestamp}.`).update(raw).digest('hex')}`);
		const given = Buffer.from(String(req.headers['x-smsmobileapi-signature'] ?? ''));
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) return [401, 'signature'];
		let event: unknown;
		try {
			event = JSON.parse(raw.toString('utf8'));
		} catch {
			return [400, 'json'];
		}
		const keys = ['id', 'type', 'api_version', 'created_at', 'occurred_at', 'data'];
		if (typeof event !== 'object' || event === null || !keys.every((key) => key in event)) return [400, 'envelope'];
		const id = String((event as { id: unknown }).id);
		if (this.processed.includes(id)) return [200, 'duplicate'];
		this.processed.push(id);
		return [202, 'accepted'];
	}
}
