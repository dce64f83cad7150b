import { SmsError, type ProviderId } from './errors';

/**
 * The fields of a callback: the query, then the body (a form or JSON, as bytes, text or already parsed)
 * on top. Both editors hand what they have; providers read fields from the result.
 */
export function callbackFields(query: Record<string, unknown>, body: unknown, provider: ProviderId): Record<string, unknown> {
	return { ...flat(query), ...flat(readBody(body, provider)) };
}

/** A callback body as data: JSON when it looks like JSON, else a form; parsed bodies pass through. */
export function readBody(body: unknown, provider: ProviderId): unknown {
	if (body === undefined || body === null) return {};
	const bytes = body instanceof Uint8Array;
	if (!bytes && typeof body !== 'string') return body;
	const text = bytes ? new TextDecoder().decode(body) : (body as string);
	const trimmed = text.trim();
	if (trimmed === '') return {};
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
		try {
			return JSON.parse(trimmed);
		} catch {
			throw invalidCallback(provider, 'The body is not valid JSON.');
		}
	}
	return Object.fromEntries(new URLSearchParams(trimmed));
}

function flat(value: unknown): Record<string, unknown> {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
	const out: Record<string, unknown> = {};
	for (const [key, v] of Object.entries(value)) out[key] = Array.isArray(v) ? v[0] : v;
	return out;
}

export function invalidCallback(provider: ProviderId, message: string): SmsError {
	return new SmsError({ provider, code: 'INVALID_CALLBACK', message, kind: 'input' });
}
