import type { IncomingMessage } from 'node:http';
import { SmsError, tencent } from '../../../core';

export type CallbackEvent = 'auto' | 'reply' | 'status';
export type ReceivedTopic = 'tencent/reply' | 'tencent/status';

export interface Received {
	topic: ReceivedTopic;
	payload: tencent.TencentCallbackReply | tencent.TencentCallbackReport | tencent.TencentInbound | tencent.TencentReport;
}

/** Bodies larger than this are refused: a Tencent push is a few hundred bytes per receipt. */
export const MAX_CALLBACK_BYTES = 1024 * 1024;

/**
 * One pushed body as the messages it makes. Status callbacks are a JSON array (several receipts per push),
 * reply callbacks one object; `auto` tells them apart by that shape. Anything else throws INVALID_CALLBACK.
 */
export function parseCallback(body: unknown, event: CallbackEvent): Received[] {
	const status = event === 'status' || (event === 'auto' && Array.isArray(body));
	if (status) return tencent.parseTencentStatusCallback(body).map((payload) => ({ topic: 'tencent/status', payload }));
	return [{ topic: 'tencent/reply', payload: tencent.parseTencentReplyCallback(body) }];
}

/** The last `max` keys seen: Tencent pushes again when it gets no answer in time, and those repeats are dropped. */
export class RecentKeys {
	private readonly keys = new Set<string>();

	constructor(private readonly max = 1000) {}

	/** True the first time a key is seen (among the last `max`). */
	add(key: string): boolean {
		if (this.keys.has(key)) return false;
		this.keys.add(key);
		if (this.keys.size > this.max) this.keys.delete(this.keys.values().next().value as string);
		return true;
	}

	get size(): number {
		return this.keys.size;
	}
}

/** The request body as JSON: already parsed by a middleware in front of the route, or read here. */
export async function readJsonBody(req: IncomingMessage & { body?: unknown; _body?: boolean }): Promise<unknown> {
	if (req._body || req.readableEnded) return parseJson(req.body);
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer | string>) {
		const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		size += buffer.length;
		if (size > MAX_CALLBACK_BYTES) throw invalid(`The body is larger than ${MAX_CALLBACK_BYTES} bytes.`);
		chunks.push(buffer);
	}
	return parseJson(Buffer.concat(chunks));
}

function parseJson(body: unknown): unknown {
	if (body === undefined || body === null) throw invalid('The body is empty.');
	if (typeof body !== 'string' && !Buffer.isBuffer(body)) return body;
	const text = body.toString();
	if (text.trim() === '') throw invalid('The body is empty.');
	try {
		return JSON.parse(text);
	} catch {
		throw invalid('The body is not JSON.');
	}
}

function invalid(message: string): SmsError {
	return new SmsError({ provider: 'tencent', code: 'INVALID_CALLBACK', message });
}
