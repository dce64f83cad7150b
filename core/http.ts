/** Transport-neutral request and response shapes: the core builds these, the editor adapters send them. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type QueryValue = string | number | boolean | undefined;

/** A provider call before it is put on the wire: path relative to the provider's base URL. */
export interface ApiRequest {
	method: HttpMethod;
	path: string;
	query?: Record<string, QueryValue>;
	/** Headers that select the call, e.g. Tencent's X-TC-Action. */
	headers?: Record<string, string>;
	body?: unknown;
}

/** Exactly what goes on the wire; signatures are computed over these bytes. */
export interface WireRequest {
	method: HttpMethod;
	url: string;
	headers: Record<string, string>;
	body?: string;
}

export interface ApiResponse {
	status: number;
	headers: Record<string, string | undefined>;
	body: unknown;
}

export type Transport = (request: WireRequest) => Promise<ApiResponse>;

/** Like Node's querystring.stringify, which the official clients use: keys in order, undefined dropped. */
export function encodeQuery(query: Record<string, QueryValue> | undefined): string {
	if (!query) return '';
	return Object.entries(query)
		.filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
		.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
		.join('&');
}

/** Response bodies arrive as text or already parsed, depending on the HTTP client. */
export function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	if (body === '') return null;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

/** How long a `Retry-After` header (seconds, or an HTTP date) asks to wait, in ms. */
export function retryAfterMs(headers: Record<string, string | undefined>, now = Date.now()): number | undefined {
	const value = headers['retry-after']?.trim();
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const at = Date.parse(value);
	return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function lowerCaseHeaders(headers: Record<string, unknown> | undefined): Record<string, string | undefined> {
	const out: Record<string, string | undefined> = {};
	for (const [k, v] of Object.entries(headers ?? {})) {
		out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v === undefined ? undefined : String(v);
	}
	return out;
}
