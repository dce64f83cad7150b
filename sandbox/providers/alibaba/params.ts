import type { CallbackPusher } from './callbacks';
import { BusinessError, invalidParameter, missingParameter } from './errors';
import type { AlibabaState } from './state';

/** What an action gets: the account, the request's parameters (query ∪ form body) and the clock. */
export interface Call {
	readonly state: AlibabaState;
	readonly params: ReadonlyMap<string, string>;
	readonly accessKeyId: string;
	readonly version: string;
	readonly now: number;
	readonly pusher: CallbackPusher;
}

/** The action's fields, merged into the `{RequestId, Code, Message}` envelope. */
export type Action = (call: Call) => Record<string, unknown>;

/** Step 7 of §12: an absent or empty required parameter is the gateway's `Missing<Name>` (400). */
export function required(call: Call, name: string): string {
	const value = call.params.get(name);
	if (value === undefined || value === '') throw missingParameter(name);
	return value;
}

export function optional(call: Call, name: string): string | undefined {
	const value = call.params.get(name);
	return value === undefined || value === '' ? undefined : value;
}

/** An integer parameter; one that is no integer is the gateway's InvalidParameter (400). */
export function integer(call: Call, name: string, isRequired: true): number;
export function integer(call: Call, name: string, isRequired?: false): number | undefined;
export function integer(call: Call, name: string, isRequired = false): number | undefined {
	const value = isRequired ? required(call, name) : optional(call, name);
	if (value === undefined) return undefined;
	if (!/^-?\d{1,15}$/.test(value)) throw invalidParameter(name);
	return Number(value);
}

/** `true`/`false` as the SDKs send booleans. */
export function boolean(call: Call, name: string): boolean | undefined {
	const value = optional(call, name);
	if (value === undefined) return undefined;
	if (value !== 'true' && value !== 'false') throw invalidParameter(name);
	return value === 'true';
}

/** Page number and size within bounds, else isv.INVALID_PARAMETERS. */
export function page(call: Call, indexName: string, sizeName: string, isRequired: boolean): { index: number; size: number } {
	const index = isRequired ? integer(call, indexName, true) : (integer(call, indexName) ?? 1);
	const size = isRequired ? integer(call, sizeName, true) : (integer(call, sizeName) ?? 10);
	if (index < 1) throw new BusinessError('isv.INVALID_PARAMETERS', `${indexName} must be 1 or more.`);
	if (size < 1 || size > 50) throw new BusinessError('isv.INVALID_PARAMETERS', `${sizeName} must be between 1 and 50.`);
	return { index, size };
}

export function paginate<T>(items: readonly T[], { index, size }: { index: number; size: number }): T[] {
	return items.slice((index - 1) * size, index * size);
}

/** JSON text, or undefined when it is not JSON. */
export function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/** A JSON object of strings (TemplateParam), else isv.INVALID_JSON_PARAM. */
export function stringRecord(value: unknown, name: string): Record<string, string> {
	const valid =
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		Object.values(value).every((v) => typeof v === 'string');
	if (!valid) throw new BusinessError('isv.INVALID_JSON_PARAM', `${name} must be a JSON object whose values are strings.`);
	return value as Record<string, string>;
}

/** A JSON array of strings (PhoneNumberJson, SignNameJson…), else isv.INVALID_PARAMETERS. */
export function stringArray(text: string, name: string): string[] {
	const value = parseJson(text);
	if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
		throw new BusinessError('isv.INVALID_PARAMETERS', `${name} must be a JSON array of strings.`);
	}
	return value as string[];
}
