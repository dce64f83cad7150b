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

export function requiredString(body: Record<string, unknown>, key: string): string {
	const value = optionalString(body, key);
	if (value === undefined) throw badRequest(`[${key}] Property is mandatory`);
	return value;
}

export function requiredBoolean(body: Record<string, unknown>, key: string): boolean {
	const value = optionalBoolean(body, key);
	if (value === undefined) throw badRequest(`[${key}] Property is mandatory`);
	return value;
}

export function requiredEnum<T extends string>(body: Record<string, unknown>, key: string, allowed: readonly T[]): T {
	const value = optionalEnum(body, key, allowed);
	if (value === undefined) throw badRequest(`[${key}] Property is mandatory`);
	return value;
}

/** A `double`. */
export function optionalNumber(body: Record<string, unknown>, key: string): number | undefined {
	const value = body[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number' || !Number.isFinite(value)) throw badRequest(`[${key}] Invalid double`);
	return value;
}

/** For PUT bodies: `undefined` when the key is absent (leave as is), `null` when it is null (clear). */
export function nullableString(body: Record<string, unknown>, key: string): string | null | undefined {
	if (!(key in body)) return undefined;
	if (body[key] === null) return null;
	return optionalString(body, key);
}

/** A `long` path parameter such as `{id}`. */
export function pathLong(value: string, key = 'id'): number {
	if (!/^\d{1,15}$/.test(value)) throw badRequest(`[${key}] Invalid long`);
	return Number(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function queryUuid(query: URLSearchParams, key: string): string | undefined {
	const value = query.get(key);
	if (value === null) return undefined;
	if (!UUID.test(value)) throw badRequest(`[${key}] Invalid uuid`);
	return value;
}
