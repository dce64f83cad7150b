import type { IncomingHttpHeaders } from 'node:http';
import { isRecord, parseJsonBody } from '../../http';
import { badRequest } from './errors';

/**
 * Query and body together (specs §1, §0.5): GET reads the query, POST a form body and its query too
 * (`POST /sendsms/?waonly=yes`, or every parameter in the query as the Odoo plugin sends them). A body
 * value wins over the same name in the query. A JSON object body is read too, as a courtesy.
 */
export function mergedParams(query: string, headers: IncomingHttpHeaders, body: Buffer): Map<string, string> {
	const params = new Map(new URLSearchParams(query));
	if (body.length === 0) return params;
	if (/json/i.test(headers['content-type'] ?? '')) {
		const parsed = parseJsonBody(body);
		if (!parsed.ok || !isRecord(parsed.value)) throw badRequest('The JSON body must be an object');
		for (const [key, value] of Object.entries(parsed.value)) {
			if (value !== null && value !== undefined) params.set(key, typeof value === 'string' ? value : JSON.stringify(value));
		}
		return params;
	}
	for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params.set(key, value);
	return params;
}

/** A present, non-blank parameter, or undefined. */
export function param(params: Map<string, string>, name: string): string | undefined {
	const value = params.get(name);
	return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * A recipient as the service reads it. The CLI posts with `curl -d`, which does not encode a leading
 * `+`, so a form decoder hands us a space: put the `+` back (specs §7, §8). Spaces, dots, dashes and
 * brackets inside the number are dropped; the rest must be an optional `+` (or `00`) and 6–15 digits.
 */
export function normaliseNumber(raw: string): string | null {
	const restored = /^\s+\d/.test(raw) ? `+${raw.trim()}` : raw.trim();
	const compact = restored.replace(/[\s.()-]/g, '');
	return /^(\+|00)?\d{6,15}$/.test(compact) ? compact : null;
}

/** `YYYY-MM-DD`, e.g. for `/deletesms/`'s `date_start`; undefined when absent. */
export function dateParam(params: Map<string, string>, name: string): string | undefined {
	const value = param(params, name);
	if (value === undefined) return undefined;
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
		throw badRequest(`${name} must be a date YYYY-MM-DD`);
	}
	return value;
}

/** A non-negative integer parameter (a Unix time, a SIM slot); undefined when absent. */
export function integerParam(params: Map<string, string>, name: string): number | undefined {
	const value = param(params, name);
	if (value === undefined) return undefined;
	if (!/^\d{1,15}$/.test(value.trim())) throw badRequest(`${name} must be a whole number`);
	return Number(value.trim());
}
