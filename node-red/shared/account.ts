import type { Node, NodeAPI, NodeDef } from 'node-red';
import {
	Pacer,
	paceFrom,
	PROVIDER_NAMES,
	SmsError,
	type ApiRequest,
	type ApiResponse,
	type ProviderModule,
	type RunDeps,
} from '../../core';
import type { NodeRedProvider } from './provider';
import { nodeTransport, DEFAULT_TIMEOUT_S } from './transport';

/** An account as its client nodes use it: the settings, one signed session, and what runAction needs. */
export interface Account {
	module: ProviderModule;
	/** The account node's fields and credentials, as the module's connection reads them. */
	settings: Record<string, unknown>;
	/** Where the stored keys may be sent (undefined while the endpoint is incomplete). */
	baseUrl: string | undefined;
	/** RunDeps with the calling node's cache; throws (MISSING_CREDENTIALS…) when the account is incomplete. */
	deps(cache: Map<string, unknown>): RunDeps;
	/** Cancels pending retries and waits for requests on the wire, so a redeploy never cuts a send in half. */
	close(): Promise<void>;
	/** The account's one queue: every request of every node using it waits for a slot and its start time. */
	pacer: Pacer;
}

/** The config node: it owns the account every client node pointing at it shares. */
export interface AccountNode extends Node {
	smskit: Account;
}

export const accountType = (module: ProviderModule) => `${module.id}-sms-config`;

/** Node-RED's rule for exported settings: their names start with the node type in camelCase. */
export const settingsPrefix = (type: string) => type.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/** An account from its settings: deployed, or (for the editor's buttons) as it stands in a dialog. */
export function openAccount(module: ProviderModule, settings: Record<string, unknown>): Account {
	const connection = module.connection as unknown as ProviderModule<Record<string, unknown>>['connection'];
	let session: ((request: ApiRequest) => Promise<ApiResponse>) | undefined;
	const inFlight = new Set<Promise<unknown>>();
	const timers = new Map<NodeJS.Timeout, () => void>();
	let closed = false;
	let baseUrl: string | undefined;
	try {
		baseUrl = connection.baseUrl(settings as { endpoint?: string; customUrl?: string });
	} catch {
		baseUrl = undefined;
	}

	const sleep = (ms: number) =>
		new Promise<void>((resolve, reject) => {
			const cancel = () => reject(stopped(module));
			if (closed) return cancel();
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.set(timer, cancel);
		});

	// However many messages arrive at once, the account never has more requests in flight than its pace allows.
	const pacer = new Pacer(paceFrom(settings, module.connection.pace), sleep, Date.now);

	return {
		module,
		settings,
		baseUrl,
		pacer,
		deps(cache) {
			const credentials = connection.credentials(settings);
			const seconds = Number(settings.timeout);
			const timeout = (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_TIMEOUT_S) * 1000;
			session ??= connection.session(credentials, nodeTransport(timeout), Date.now);
			const signed = session;
			return {
				send: (request) => {
					const work = signed(request);
					inFlight.add(work);
					return work.finally(() => inFlight.delete(work));
				},
				sleep,
				now: Date.now,
				cache,
				defaultCountry: typeof settings.defaultCountry === 'string' ? settings.defaultCountry.trim() : undefined,
				secrets: connection.secrets(credentials),
				pacer,
			};
		},
		async close() {
			closed = true;
			for (const [timer, cancel] of timers) {
				clearTimeout(timer);
				cancel();
			}
			timers.clear();
			await Promise.allSettled([...inFlight]);
		},
	};
}

function stopped(module: ProviderModule): SmsError {
	return new SmsError({
		provider: module.id,
		code: 'STOPPED',
		message: 'The flow was stopped or redeployed before the request could be sent again; it was not sent again.',
	});
}

/** The deployed account a node points at, or undefined. */
export function findAccount(RED: NodeAPI, configId: unknown): Account | undefined {
	const node = typeof configId === 'string' && configId ? (RED.nodes.getNode(configId) as AccountNode | null) : null;
	return node?.smskit;
}

/** The account a client node needs; a missing one fails each message plainly. */
export function requireAccount(RED: NodeAPI, configId: unknown, module: ProviderModule): Account {
	const account = findAccount(RED, configId);
	if (account?.module.id === module.id) return account;
	throw noAccount(module);
}

export function noAccount(module: ProviderModule): SmsError {
	const name = PROVIDER_NAMES[module.id];
	return new SmsError({
		provider: module.id,
		code: 'NO_ACCOUNT',
		message: `This node has no ${name} account.`,
		hint: `Open the node, choose or add ${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name} account, and deploy.`,
	});
}

/** `<id>-sms-config`: the fields and credentials of the provider's account, a default country, the endpoint list. */
export function registerAccount(RED: NodeAPI, provider: NodeRedProvider): void {
	const { module, account } = provider;
	const type = accountType(module);
	function SmsAccount(this: AccountNode, def: NodeDef & Record<string, unknown>): void {
		RED.nodes.createNode(this, def);
		const settings: Record<string, unknown> = {
			defaultCountry: def.defaultCountry,
			timeout: def.timeout,
			parallel: def.parallel,
			perSecond: def.perSecond,
			...this.credentials,
		};
		for (const field of account.fields) settings[field] = def[field];
		this.smskit = openAccount(module, settings);
		this.on('close', (done: () => void) => {
			this.smskit.close().then(done, done);
		});
	}
	const prefix = settingsPrefix(type);
	const exported: Record<string, unknown> = { [`${prefix}Endpoints`]: module.connection.endpoints, ...account.exported };
	RED.nodes.registerType(
		type,
		SmsAccount as never,
		{
			credentials: account.credentials,
			settings: Object.fromEntries(Object.entries(exported).map(([key, value]) => [key, { value, exportable: true }])),
		} as never,
	);
	account.routes?.(RED);
}
