import { isRecord } from '../../http';
import { invalidParameter, missingParameter, TencentError } from './errors';

/** Parameter types of tencent-api.json, as far as the emulated actions use them. */
export type FieldType = 'String' | 'Integer' | 'Array of String' | 'Array of Integer';

export interface Field<T extends FieldType = FieldType, R extends boolean = boolean> {
	readonly type: T;
	readonly required: R;
}

export const required = <T extends FieldType>(type: T): Field<T, true> => ({ type, required: true });
export const optional = <T extends FieldType>(type: T): Field<T, false> => ({ type, required: false });

/** An action's request parameters by name (specs/tencent.md §6, "Req" from the API metadata). */
export type Schema = Readonly<Record<string, Field>>;

type ValueOf<T extends FieldType> = T extends 'String'
	? string
	: T extends 'Integer'
		? number
		: T extends 'Array of String'
			? string[]
			: number[];

export type Params<S extends Schema> = {
	[K in keyof S]: S[K] extends Field<infer T, true> ? ValueOf<T> : ValueOf<S[K]['type']> | undefined;
};

/**
 * The parameters as sent: the JSON body of a POST, or for a GET the query string with its
 * flattened names (`PhoneNumberSet.0=…`, 0-based, §2.2) folded back into lists. Query values stay
 * strings until `readParams` knows their types.
 */
export function rawParams(method: string, body: Buffer, query: string): Record<string, unknown> {
	if (method === 'GET') return unflatten(query);
	const text = body.toString('utf8');
	if (text.trim() === '') return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new TencentError('InvalidParameter', 'The request body is not valid JSON.');
	}
	if (!isRecord(parsed)) throw new TencentError('InvalidParameter', 'The request body must be a JSON object.');
	return parsed;
}

const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

function unflatten(query: string): Record<string, unknown> {
	const root: Record<string, unknown> = {};
	for (const [key, value] of new URLSearchParams(query)) {
		const path = key.split('.');
		if (path.some((segment) => segment === '' || FORBIDDEN_NAMES.has(segment))) {
			throw invalidParameter(`The parameter \`${key}\` is not a valid name.`);
		}
		let node: Record<string, unknown> = root;
		for (let i = 0; i < path.length - 1; i++) {
			const next = node[path[i]] ?? (/^\d+$/.test(path[i + 1]) ? [] : {});
			if (typeof next !== 'object' || next === null) throw invalidParameter(`The parameter \`${key}\` is malformed.`);
			node[path[i]] = next;
			node = next as Record<string, unknown>;
		}
		node[path[path.length - 1]] = value;
	}
	return root;
}

/**
 * Checks the parameters against the action's schema: missing ones (`MissingParameter`), wrong
 * types (`InvalidParameter`), then names the action does not define (`UnknownParameter`).
 * `fromQuery` accepts the decimal strings a GET carries for integers.
 */
export function readParams<S extends Schema>(raw: Record<string, unknown>, schema: S, fromQuery: boolean): Params<S> {
	const params: Record<string, unknown> = {};
	for (const [name, field] of Object.entries(schema)) {
		const value = raw[name];
		if (value === undefined || value === null) {
			if (field.required) throw missingParameter(name);
			continue;
		}
		params[name] = convert(name, field.type, value, fromQuery);
	}
	const unknown = Object.keys(raw).find((name) => !Object.hasOwn(schema, name));
	if (unknown !== undefined) {
		throw new TencentError('UnknownParameter', `The parameter \`${unknown}\` is not recognized.`);
	}
	return params as Params<S>;
}

function convert(name: string, type: FieldType, value: unknown, fromQuery: boolean): unknown {
	const wrongType = () => invalidParameter(`The parameter \`${name}\` must be of type ${type}.`);
	if (type === 'String') {
		if (typeof value !== 'string') throw wrongType();
		return value;
	}
	if (type === 'Integer') return integer(value, fromQuery) ?? throwError(wrongType());
	if (!Array.isArray(value) || Object.keys(value).length !== value.length) throw wrongType();
	if (type === 'Array of String') {
		if (!value.every((item) => typeof item === 'string')) throw wrongType();
		return value;
	}
	return value.map((item: unknown) => integer(item, fromQuery) ?? throwError(wrongType()));
}

function integer(value: unknown, fromQuery: boolean): number | undefined {
	if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
	if (fromQuery && typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value);
	return undefined;
}

function throwError(error: Error): never {
	throw error;
}
