import { isRecord } from '../../http';
import { badRequest } from './errors';

/** Readers for JSON body fields and query filters; a wrong type answers 400 as OVH does. */

export function bodyObject(body: unknown): Record<string, unknown> {
	if (body === undefined) return {};
	if (!isRecord(body)) throw badRequest('Invalid JSON body: an object is expected');
	return body;
}

export function optionalString(body: Record<string, unknown>, key: string): string | undefined {
	const value = body[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw badRequest(`[${key}] Invalid string`);
	return value;
}

export function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
	const value = body[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'boolean') throw badRequest(`[${key}] Invalid boolean`);
	return value;
}

export function optionalInteger(body: Record<string, unknown>, key: string): number | undefined {
	const value = body[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number' || !Number.isInteger(value)) throw badRequest(`[${key}] Invalid long`);
	return value;
}

export function optionalEnum<T extends string>(body: Record<string, unknown>, key: string, allowed: readonly T[]): T | undefined {
	const value = optionalString(body, key);
	if (value === undefined) return undefined;
	if (!(allowed as readonly string[]).includes(value)) {
		throw badRequest(`[${key}] Invalid value: expected one of ${allowed.join(', ')}`);
	}
	return value as T;
}

export function optionalStringArray(body: Record<string, unknown>, key: string): string[] | undefined {
	const value = body[key];
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
		throw badRequest(`[${key}] Invalid string[]`);
	}
	return value as string[];
}

export function queryLong(query: URLSearchParams, key: string): number | undefined {
	const value = query.get(key);
	if (value === null) return undefined;
	if (!/^-?\d+$/.test(value)) throw badRequest(`[${key}] Invalid long`);
	return Number(value);
}

export function queryDatetime(query: URLSearchParams, key: string): number | undefined {
	const value = query.get(key);
	if (value === null) return undefined;
	const ms = Date.parse(value);
	if (Number.isNaN(ms)) throw badRequest(`[${key}] Invalid datetime`);
	return ms;
}

/** OVH datetimes carry an explicit offset (§8 conventions); the sandbox answers in UTC. */
export function ovhDatetime(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
