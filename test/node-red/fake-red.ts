/**
 * A small stand-in for Node-RED's runtime API, enough to run the SMS Kit node constructors in unit tests:
 * nodes created from their saved fields, input messages with send/done, statuses, context, http routes.
 */
import type { ApiRequest, ApiResponse } from '../../core';
import smskit from '../../node-red';
import type { AccountNode } from '../../node-red/shared/account';

type Handler = (...args: never[]) => unknown;

export interface FakeNode {
	id: string;
	type: string;
	handlers: Record<string, Handler[]>;
	statuses: Array<{ fill?: string; text?: string }>;
	sent: unknown[];
	errors: Array<{ error: unknown; msg: unknown }>;
	warnings: unknown[];
	store: Map<string, unknown>;
	[key: string]: unknown;
}

export interface FakeRed {
	RED: never;
	types: Map<string, { ctor: Handler; options: Record<string, unknown> }>;
	routes: Array<{ method: string; path: string; handlers: Handler[] }>;
	create(def: Record<string, unknown>): FakeNode;
	/** Replaces an account node's transport: `answer` gets each request (signing is the module's). */
	stubAccount(id: string, answer: (request: ApiRequest) => unknown, status?: number): ApiRequest[];
	/** Sends a message into a node; resolves with what it sent and the done() error, once done() is called. */
	input(node: FakeNode, msg: Record<string, unknown>): Promise<{ sent: Array<Record<string, unknown>>; error: unknown }>;
}

export function fakeRed(): FakeRed {
	const nodes = new Map<string, FakeNode>();
	const types = new Map<string, { ctor: Handler; options: Record<string, unknown> }>();
	const routes: FakeRed['routes'] = [];
	const route =
		(method: string) =>
		(path: string, ...handlers: Handler[]) =>
			routes.push({ method, path, handlers });
	const RED = {
		_: (key: string, params?: Record<string, unknown>) => (params ? `${key} ${JSON.stringify(params)}` : key),
		settings: {},
		httpNode: { get: route('get'), post: route('post') },
		httpAdmin: { get: route('admin-get'), post: route('admin-post') },
		auth: { needsPermission: () => () => undefined },
		nodes: {
			registerType: (type: string, ctor: Handler, options: Record<string, unknown> = {}) => types.set(type, { ctor, options }),
			getNode: (id: string) => nodes.get(id) ?? null,
			getCredentials: (id: string) => nodes.get(id)?.credentials,
			createNode(node: FakeNode, def: Record<string, unknown>) {
				Object.assign(node, { id: def.id, type: def.type, credentials: def.credentials ?? {} });
				node.handlers = {};
				node.statuses = [];
				node.sent = [];
				node.errors = [];
				node.warnings = [];
				node.store = new Map();
				node.on = (event: string, handler: Handler) => (node.handlers[event] ??= []).push(handler);
				node.status = (status: { fill?: string; text?: string }) => node.statuses.push(status);
				node.send = (msg: unknown) => node.sent.push(msg);
				node.error = (error: unknown, msg: unknown) => node.errors.push({ error, msg });
				node.warn = (warning: unknown) => node.warnings.push(warning);
				node.context = () => ({ get: (k: string) => node.store.get(k), set: (k: string, v: unknown) => node.store.set(k, v) });
				nodes.set(def.id as string, node);
			},
		},
	};
	smskit(RED as never);

	return {
		RED: RED as never,
		types,
		routes,
		create(def) {
			const type = types.get(def.type as string);
			if (!type) throw new Error(`no type ${String(def.type)}`);
			const node = {} as FakeNode;
			(type.ctor as unknown as (this: FakeNode, d: unknown) => void).call(node, def);
			return node;
		},
		stubAccount(id, answer, status = 200) {
			const requests: ApiRequest[] = [];
			const account = (nodes.get(id) as unknown as AccountNode).smskit;
			const deps = account.deps.bind(account);
			account.deps = (cache) => ({
				...deps(cache),
				send: async (request): Promise<ApiResponse> => {
					requests.push(request);
					return { status, headers: {}, body: answer(request) };
				},
				sleep: async () => undefined,
			});
			return requests;
		},
		input(node, msg) {
			return new Promise((resolve) => {
				const sent: Array<Record<string, unknown>> = [];
				const message = { _msgid: 'm1', ...msg };
				for (const handler of node.handlers.input ?? []) {
					(handler as unknown as (m: unknown, s: (m: unknown) => void, d: (e?: unknown) => void) => void)(
						message,
						(m) => sent.push(m as Record<string, unknown>),
						(error) => resolve({ sent, error }),
					);
				}
			});
		},
	};
}
