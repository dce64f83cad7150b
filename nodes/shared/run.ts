import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
	type IPollFunctions,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';
import { inEditorWords, SmsError } from '../../core/errors';
import { lowerCaseHeaders, parseBody } from '../../core/http';
import { internalError } from '../../core/operation';
import { runAction, type RunDeps } from '../../core/run';
import { ACCOUNT_WORD, type N8nProvider } from './provider';
import { joinedFailure, Pacer, type Pace } from '../../core/bulk';
import type { SendResult } from '../../core/normalised';
import { DEFAULT_TIMEOUT_S, defaultKey, paceOf, timeoutMs } from './sending';

export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions | IWebhookFunctions;

/** One operation of an action node: its own fields, and how they become the action's input. */
export interface N8nOperation {
	description: INodeProperties[];
	input(this: IExecuteFunctions, itemIndex: number, credentials: ICredentialDataDecryptedObject): Record<string, unknown>;
	/** For lists paged by offset/limit: the largest page; Return All reads pages until a short one. */
	pageSize?: number;
	/**
	 * How the action asks for page `index` (0-based) of `size`, for lists paged otherwise than by offset/limit
	 * (e.g. page number and page size); with it, Limit also reads pages until it is reached. Needs `pageSize`.
	 */
	page?(index: number, size: number): Record<string, unknown>;
	/**
	 * For actions that take many items' worth at once (e.g. one recipient per item): the inputs of all the
	 * items, in item order, become one action input; the action runs once, and its result i is paired to
	 * item i. Items whose inputs share a key (default: one group) run together.
	 */
	acrossItems?: {
		combine(inputs: Array<Record<string, unknown>>): Record<string, unknown>;
		key?(input: Record<string, unknown>): string;
		/** The field holding an item's recipients (what may differ between joined items). */
		recipientsField?: string;
		/** The results of each item, when an item may have several (its recipients); default: one per item. */
		split?(results: object[], inputs: Array<Record<string, unknown>>): object[][] | undefined;
	};
}

/** The node's operations, keyed `resource.operation` like the module's actions. */
export type N8nOperations = Record<string, N8nOperation>;

export function credentialType(ctx: RequestContext, provider: N8nProvider): string {
	const types = Object.values(provider.credentials);
	const chosen = ctx.getNode().parameters.authentication as string | undefined;
	return (chosen && provider.credentials[chosen]) || types[0];
}

/**
 * What the core needs to run actions from n8n, for one execution: requests go out through n8n's helper with
 * the credential signing them in `authenticate` (HTTP errors come back as responses, for the core to read the
 * provider's error body); anything the helper throws is a transport failure, which the core classifies.
 */
export async function connect(
	ctx: RequestContext,
	provider: N8nProvider,
	timeout = DEFAULT_TIMEOUT_S * 1000,
	pace: Pace = provider.module.connection.pace,
): Promise<RunDeps & { credentials: ICredentialDataDecryptedObject }> {
	const type = credentialType(ctx, provider);
	const credentials = await ctx.getCredentials(type);
	const baseUrl = provider.baseUrl(type, credentials);
	return {
		credentials,
		async send(request) {
			const wire = provider.module.connection.wire(baseUrl, request);
			const options: IHttpRequestOptions = {
				method: wire.method,
				url: wire.url,
				headers: wire.headers,
				body: wire.body,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				// n8n's own default is 300 s; a send that times out is reported unknown, never sent again.
				timeout,
			};
			let response = (await ctx.helpers.httpRequestWithAuthentication
				.call(ctx, type, options)
				.catch(unwrapped)) as IN8nHttpFullResponse;
			if (response.statusCode === 401 && provider.oAuth2?.includes(type)) response = await refreshed(ctx, type, options);
			return { status: response.statusCode, headers: lowerCaseHeaders(response.headers), body: parseBody(response.body) };
		},
		sleep,
		now: Date.now,
		cache: new Map(),
		defaultCountry: String(credentials.defaultCountry ?? '').trim() || undefined,
		secrets: provider.module.connection.secrets(credentials),
		pacer: new Pacer(pace, sleep, Date.now),
	};
}

/**
 * A 401 on an OAuth2 credential, sent again so that n8n sees it: it then fetches a new token (client
 * credentials) and sends the request with it. A 401 provably sent nothing, so this never sends twice. n8n
 * throws for an HTTP error here; its status, headers and body are read back into a response.
 */
async function refreshed(ctx: RequestContext, type: string, options: IHttpRequestOptions): Promise<IN8nHttpFullResponse> {
	try {
		return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, type, {
			...options,
			ignoreHttpStatusErrors: false,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		const cause = httpCause(error);
		// The helper's own errors (network, token refused) are NodeApiErrors already; the core classifies them.
		if (!cause) throw error instanceof NodeApiError ? error : new NodeApiError(ctx.getNode(), error as JsonObject);
		return { statusCode: cause.statusCode, headers: cause.response?.headers ?? {}, body: cause.error ?? '' };
	}
}

/**
 * n8n wraps a transport failure in a NodeApiError whose message is its own ("The service refused the
 * connection…") and keeps the original ("connect ECONNREFUSED …") only in `messages`, where the core cannot
 * find the system code: a refused connection would read as "may have been sent". Those messages go along, and
 * so does the system code n8n keeps as `httpCode` (the wrapped error's `cause` is not kept): a reset ("socket
 * hang up") or a timeout ("timeout of 30000ms exceeded") names it in no message, and would otherwise read as
 * NETWORK_ERROR, a timeout as a lost connection.
 */
function unwrapped(error: unknown): never {
	const messages = (error as { messages?: unknown }).messages;
	const httpCode = (error as { httpCode?: unknown }).httpCode;
	const code = typeof httpCode === 'string' && /^E[A-Z_]+$/.test(httpCode) ? httpCode : undefined;
	if ((!Array.isArray(messages) || !messages.length) && !code) throw error;
	const message = [...new Set([(error as Error).message, ...(Array.isArray(messages) ? messages.map(String) : [])])].join(': ');
	const wrapped = new NodeApiError((error as NodeApiError).node, { message });
	// Set after construction: n8n maps known messages back to its own words.
	wrapped.message = message;
	throw code ? Object.assign(wrapped, { code }) : wrapped;
}

type HttpCause = { statusCode: number; response?: { headers?: Record<string, string> }; error?: unknown };

/** The HTTP error n8n's helper wraps in a NodeApiError: `statusCode`, `response.headers`, `error` (the body). */
function httpCause(error: unknown): HttpCause | undefined {
	for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
		if (typeof (e as HttpCause).statusCode === 'number') return e as HttpCause;
		e = (e as { cause?: unknown }).cause;
	}
	return undefined;
}

/** Any failure as the core's SmsError, in n8n's words. */
export function asSmsError(provider: N8nProvider, error: unknown): SmsError {
	return inEditorWords(error instanceof SmsError ? error : internalError(provider.module.id, error), ACCOUNT_WORD);
}

/** At the edge: what the provider answered is an API error, the rest (input, network, bugs) operation errors. */
export function toNodeError(
	node: INode,
	provider: N8nProvider,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const sms = asSmsError(provider, error);
	if (sms.httpStatus === undefined) {
		return new NodeOperationError(node, sms.describe(), { itemIndex, description: sms.hint });
	}
	return new NodeApiError(node, sms.toJSON() as unknown as JsonObject, {
		itemIndex,
		message: sms.describe(),
		description: sms.hint,
		httpCode: String(sms.httpStatus),
	});
}

/** The item a failed input gives under "continue on fail". */
export function errorItem(provider: N8nProvider, error: unknown): IDataObject {
	const sms = asSmsError(provider, error);
	return {
		error: sms.describe(),
		code: sms.code,
		kind: sms.kind,
		hint: sms.hint ?? null,
		provider: sms.provider,
		httpStatus: sms.httpStatus ?? null,
		requestId: sms.requestId ?? null,
	};
}

/**
 * The one run path of every action node: for each input item, its parameters become the action's input, the
 * module runs it, and every result is paired to the item. A failing item stops the node with an error naming
 * it, or (continue on fail) becomes an error item while the others go on. Operations that act across items
 * (`acrossItems`) collect every item first and run once per group; their output keeps the items' order.
 */
export async function runNode(
	this: IExecuteFunctions,
	provider: N8nProvider,
	operations: N8nOperations,
): Promise<INodeExecutionData[][]> {
	return runItems.call(readOnce(this), provider, operations);
}

async function runItems(
	this: IExecuteFunctions,
	provider: N8nProvider,
	operations: N8nOperations,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const perItem: INodeExecutionData[][] = items.map(() => []);
	const groups = new Map<
		string,
		{ name: string; operation: N8nOperation; items: number[]; inputs: Array<Record<string, unknown>> }
	>();
	let deps: Awaited<ReturnType<typeof connect>> | undefined;
	const failed = (itemIndex: number | number[], error: unknown) => {
		const indexes = Array.isArray(itemIndex) ? itemIndex : [itemIndex];
		if (!this.continueOnFail()) throw toNodeError(this.getNode(), provider, error, indexes.length === 1 ? indexes[0] : undefined);
		for (const i of indexes) perItem[i] = [{ json: errorItem(provider, error), pairedItem: { item: i } }];
	};
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			deps ??= await connect(this, provider, timeoutMs(this), paceOf(this, provider.module.connection.pace));
			const name = `${this.getNodeParameter('resource', itemIndex)}.${this.getNodeParameter('operation', itemIndex)}`;
			const operation = operations[name];
			// An operation n8n does not know is still asked of the module, which answers UNKNOWN_OPERATION.
			const { batchAcrossItems, ...input } = operation ? operation.input.call(this, itemIndex, deps.credentials) : {};
			const across = operation?.acrossItems;
			if ('idempotencyKey' in input && !input.idempotencyKey) {
				input.idempotencyKey = defaultKey(this, itemIndex, input, across?.recipientsField);
			}
			// An item that must fail alone on a bad number, or asked not to be joined, is sent by itself.
			if (across && (batchAcrossItems === false || input.onInvalidNumber === 'fail')) {
				const results = await runAction(provider.module, name, across.combine([input]), deps);
				perItem[itemIndex] = results.map((json) => ({ json: json as IDataObject, pairedItem: { item: itemIndex } }));
				continue;
			}
			if (across) {
				const key = `${name}\u0000${across.key?.(input) ?? ''}`;
				const group = groups.get(key) ?? { name, operation, items: [], inputs: [] };
				group.items.push(itemIndex);
				group.inputs.push(input);
				groups.set(key, group);
				continue;
			}
			const results = await run(this, provider, name, input, deps, itemIndex, operation);
			perItem[itemIndex] = results.map((json) => ({ json: json as IDataObject, pairedItem: { item: itemIndex } }));
		} catch (error) {
			failed(itemIndex, error);
		}
	}
	for (const group of groups.values()) {
		try {
			const across = group.operation.acrossItems!;
			const results = await runAction(provider.module, group.name, across.combine(group.inputs), deps!);
			// Each item's own results (one per recipient, or one per item); if they cannot be told apart, every
			// result is paired to every item of the group.
			const split =
				across.split?.(results, group.inputs) ?? (results.length === group.items.length ? results.map((r) => [r]) : undefined);
			if (split) {
				split.forEach((own, i) => {
					const item = group.items[i];
					// An item none of whose recipients was reached fails as it would have on its own.
					const failure = joinedFailure(provider.module.id, own as SendResult[]);
					if (failure) return failed(item, failure);
					perItem[item].push(...own.map((json) => ({ json: json as IDataObject, pairedItem: { item } })));
				});
			} else {
				const pairedItem = group.items.map((item) => ({ item }));
				perItem[group.items[0]].push(...results.map((json) => ({ json: json as IDataObject, pairedItem })));
			}
		} catch (error) {
			failed(group.items, error);
		}
	}
	return [perItem.flat()];
}

async function run(
	ctx: IExecuteFunctions,
	provider: N8nProvider,
	name: string,
	input: Record<string, unknown>,
	deps: RunDeps,
	itemIndex: number,
	operation: N8nOperation | undefined,
): Promise<object[]> {
	const pageSize = operation?.pageSize;
	if (!pageSize) return runAction(provider.module, name, input, deps);
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
	if (!operation.page && !returnAll) return runAction(provider.module, name, { ...input, limit }, deps);
	const ask = operation.page ?? ((index: number, size: number) => ({ offset: index * size, limit: size }));
	const all: object[] = [];
	for (let index = 0; ; index++) {
		const results = await runAction(provider.module, name, { ...input, ...ask(index, pageSize) }, deps);
		all.push(...results);
		if (all.length >= limit) return all.slice(0, limit);
		if (results.length < pageSize) return all;
	}
}

/**
 * The context with parameters read the cheap way. n8n resolves every parameter anew for each item (a data proxy
 * and a sandboxed evaluation per expression, defaults, a deep copy): for a send's fields about 100 µs an item,
 * several times what the send itself costs when 10,000 items share twenty requests. So:
 * - a parameter without an expression (no string in it starts with "=") has the same value for every item: the
 *   first reading serves them all, frozen so that no item can change it for the next;
 * - a parameter that is exactly `={{ $json.field }}` (or `$json.a.b`, `$json["a b"]`, `$json[0]`) whose value is
 *   a string, number, boolean or null is read from the item's JSON, which is what n8n's evaluation returns;
 * - any other expression is n8n's to evaluate, item by item.
 */
export function readOnce(ctx: IExecuteFunctions): IExecuteFunctions {
	const raw = ctx.getNode().parameters;
	const cache = new Map<string, unknown>();
	let items: INodeExecutionData[] | undefined;
	// How each parameter is read depends on its name only: worked out on its first reading, not per item.
	const kinds = new Map<string, { field?: string[]; expression: boolean }>();
	const kindOf = (name: string) => {
		let kind = kinds.get(name);
		if (!kind) {
			const value = valueAt(raw, name);
			kind = { field: typeof value === 'string' ? jsonField(value) : undefined, expression: hasExpression(value) };
			kinds.set(name, kind);
		}
		return kind;
	};
	const getNodeParameter = (name: string, itemIndex: number, fallback?: unknown, options?: object) => {
		const { field, expression } = kindOf(name);
		if (field) {
			items ??= ctx.getInputData();
			const read = valueAt(items[itemIndex]?.json, field);
			if (read === null || typeof read === 'string' || typeof read === 'number' || typeof read === 'boolean') return read;
		}
		if (expression) return ctx.getNodeParameter(name, itemIndex, fallback as never, options);
		const key =
			fallback === undefined && options === undefined
				? name
				: `${name}\u0000${JSON.stringify(fallback) ?? ''}\u0000${JSON.stringify(options) ?? ''}`;
		if (!cache.has(key)) cache.set(key, deepFreeze(ctx.getNodeParameter(name, itemIndex, fallback as never, options)));
		return cache.get(key);
	};
	const bound = new Map<PropertyKey, unknown>();
	return new Proxy(ctx, {
		get(target, property) {
			if (property === 'getNodeParameter') return getNodeParameter;
			const value: unknown = Reflect.get(target, property, target);
			if (typeof value !== 'function') return value;
			if (!bound.has(property)) bound.set(property, (value as (...args: unknown[]) => unknown).bind(target));
			return bound.get(property);
		},
	});
}

const JSON_FIELD = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[(?:"[^"\\]*"|'[^'\\]*'|\d+)\])+)\s*\}\}$/;
const JSON_STEP = /\.([A-Za-z_$][\w$]*)|\["([^"\\]*)"\]|\['([^'\\]*)'\]|\[(\d+)\]/g;

/** The path of `={{ $json.a["b"][0] }}` (["a", "b", "0"]), or undefined for any other text. */
function jsonField(expression: string): string[] | undefined {
	const match = JSON_FIELD.exec(expression);
	return match ? [...match[1].matchAll(JSON_STEP)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]) : undefined;
}

/** A value by path: n8n's dotted parameter path ("options.idempotencyKey"), or a JSON field's parts. */
function valueAt(value: unknown, path: string | string[]): unknown {
	for (const part of typeof path === 'string' ? path.split('.') : path)
		value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
	return value;
}

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (value && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value)) deepFreeze(child);
	}
	return value;
}
