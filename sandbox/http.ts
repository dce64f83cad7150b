import type { IncomingMessage, ServerResponse } from 'node:http';

/** Larger bodies are refused: no SMS request comes near it, and it bounds memory. */
export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {
	constructor() {
		super(`Request body exceeds ${MAX_BODY_BYTES} bytes`);
	}
}

/** The body exactly as received: signatures are checked over these bytes, never over a re-serialisation. */
export function readRawBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				req.destroy();
				reject(new BodyTooLargeError());
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = JSON.stringify(body === undefined ? null : body);
	res.writeHead(status, {
		...headers,
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
	});
	res.end(text);
}

/** Body parsed as JSON whatever the Content-Type (node-ovh in OAuth2 mode sends none); empty → undefined. */
export function parseJsonBody(body: Buffer): { ok: true; value: unknown } | { ok: false } {
	const text = body.toString('utf8');
	if (text.trim() === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false };
	}
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Scheme + Host header as received, for URLs that point back at the sandbox. */
export function requestOrigin(req: IncomingMessage, scheme: 'http' | 'https'): string {
	return `${scheme}://${req.headers.host ?? 'localhost'}`;
}

/** How a push ended: the receiver accepted it, answered something else, or could not be reached. */
export interface PushOutcome {
	state: 'accepted' | 'rejected' | 'failed';
	httpStatus: number | null;
	response: unknown;
	error: string | null;
}

const PUSH_TIMEOUT_MS = 5000;

/** Posts one JSON callback the way a provider does; `accepts` says which answers count as received. */
export function pushJson(
	url: string,
	payload: unknown,
	contentType: string,
	accepts: (status: number, body: unknown) => boolean,
): Promise<PushOutcome> {
	return pushBytes(url, Buffer.from(JSON.stringify(payload)), { 'Content-Type': contentType }, accepts);
}

/**
 * Posts exactly `body`, for callbacks signed over their bytes: a byte body gets a `Content-Length`
 * and is never chunked, so the receiver reads what was signed.
 */
export async function pushBytes(
	url: string,
	body: Buffer,
	headers: Readonly<Record<string, string>>,
	accepts: (status: number, body: unknown) => boolean,
): Promise<PushOutcome> {
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers,
			// A copy typed as a plain Uint8Array, which fetch's typings accept where they refuse Buffer.
			body: new Uint8Array(body),
			signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
		});
		const text = await response.text();
		let answer: unknown = text;
		try {
			answer = JSON.parse(text) as unknown;
		} catch {
			// answered with text: kept as it is
		}
		return {
			state: accepts(response.status, answer) ? 'accepted' : 'rejected',
			httpStatus: response.status,
			response: answer,
			error: null,
		};
	} catch (error: unknown) {
		return { state: 'failed', httpStatus: null, response: null, error: error instanceof Error ? error.message : String(error) };
	}
}
