import type { Node, NodeAPI, NodeDef } from 'node-red';
import type { Request, RequestHandler, Response } from 'express';
import {
	actionContext,
	dedupe,
	guardCallback,
	PUSH_RETRY_WINDOW_MS,
	TOKEN_FIELD,
	withToken,
	type CallbackAnswer,
	type InboundEvent,
	type PollState,
	type ProviderModule,
	type Received,
	type SavedRegistration,
	type Seen,
	pollOf,
	SmsError,
} from '../../core';
import { findAccount, requireAccount } from './account';
import { asSmsError, NodeRedSmsError } from './errors';
import type { Fields, NodeRedProvider } from './provider';
import { nodeStore, type NodeStore } from './store';
import {
	addNodeRoute,
	BodyTooLargeError,
	callbackUrl,
	httpNodeDisabled,
	MAX_CALLBACK_BYTES,
	readBody,
	routePath,
} from './webhook';

export type EventChoice = InboundEvent | 'both';

/** Event names saved by earlier versions (OVHcloud report; Tencent auto, reply, status). */
const OLD_EVENTS: Record<string, EventChoice> = { report: 'delivery', auto: 'both', reply: 'incoming', status: 'delivery' };

export const DEFAULT_INTERVAL_S = 60;
/** Keys of the node's store (store.ts): what the node took over on the account, webhook keys, poll cursors. */
const REGISTRATION = 'registration';
const SEEN = 'seen';
const pollStateKey = (event: InboundEvent) => `poll-${event}`;
/** Where earlier versions kept them: the node context, which survives a restart with a persistent context store. */
const LEGACY_KEYS: Record<string, string> = {
	[REGISTRATION]: 'smskit-registration',
	[pollStateKey('incoming')]: 'smskit-poll-incoming',
	[pollStateKey('delivery')]: 'smskit-poll-delivery',
};

/** Takes over what an earlier version left in the node context, once (the store then has it). */
function adoptLegacy(node: Node, store: NodeStore): void {
	const context = node.context();
	for (const [key, old] of Object.entries(LEGACY_KEYS)) {
		const value: unknown = context.get(old);
		if (value === undefined) continue;
		if (store.get(key) === undefined) store.set(key, value);
		context.set(old, undefined);
	}
}

/** The events a module pushes to a webhook (its inbound methods); `both` in webhook mode means all of them. */
export function pushedEvents(module: ProviderModule): InboundEvent[] {
	return Object.keys(module.inbound.methods) as InboundEvent[];
}

/** The events a poll step reads; `both` in poll mode means these two. */
const POLLED_EVENTS: InboundEvent[] = ['incoming', 'delivery'];

/** The saved event choice: one the module pushes (incoming and delivery without a module), `both`, or an older name. */
export function eventOf(fields: Fields, module?: ProviderModule): EventChoice {
	const saved = String(fields.event ?? '');
	const known: string[] = module ? pushedEvents(module) : POLLED_EVENTS;
	if (saved === 'both' || known.includes(saved)) return saved as EventChoice;
	return OLD_EVENTS[saved] ?? 'both';
}

/** Webhook mode for a saved `webhook`, and always for a module that has no poll step (it only pushes). */
export function isWebhookMode(module: ProviderModule, fields: Fields): boolean {
	return fields.mode === 'webhook' || !module.poll;
}

export const receiveType = (module: ProviderModule) => `${module.id}-sms-receive`;

/** The webhook route of a node: its own path, or one made from its id. */
export function webhookPath(module: ProviderModule, fields: { id: string; path?: unknown }): string {
	return routePath(typeof fields.path === 'string' ? fields.path : '', `/smskit/${module.id}/${fields.id}`);
}

/** What a receive node sends: the normalised event as the payload, `<id>/<event>` (incoming, delivery, review) as the topic. */
export function receivedMessage(module: ProviderModule, item: Received): { topic: string; payload: object } {
	return { topic: `${module.id}/${item.event}`, payload: item.payload };
}

/** The token of an unsigned provider's webhook: a credential the editor makes (oneditprepare). */
export const TOKEN_CREDENTIAL = { token: { type: 'password' } } as const;

/** Lower-case header names, one string per header, as the guard and signed parsers read them. */
function headersOf(req: Request): Record<string, string | undefined> {
	return Object.fromEntries(
		Object.entries(req.headers ?? {}).map(([name, value]) => [
			name.toLowerCase(),
			Array.isArray(value) ? value.join(', ') : value,
		]),
	);
}

/** A request the guard refused after the body was read (its real size, or a body too large to read). */
class Refused extends Error {
	constructor(readonly answer: CallbackAnswer) {
		super(answer.body);
	}
}

/**
 * `<id>-sms-receive`: webhook mode guards each call (size, content type, source ranges, the node's token
 * where the provider does not sign), parses it with the module's inbound (de-duplicated, answered as the
 * provider expects, optionally registered on the account); poll mode runs the module's poll step. Both emit
 * the same normalised events, and keep what they must not forget (cursors, keys, the registration) in the
 * node's store, so a redeploy or a restart neither repeats nor misses anything. A module without a poll
 * step only has webhook mode, whatever the node saved.
 */
export function registerReceive(RED: NodeAPI, provider: NodeRedProvider): void {
	const { module, receive: role } = provider;
	const type = receiveType(module);

	function SmsReceive(this: Node, def: NodeDef & Fields): void {
		RED.nodes.createNode(this, def);
		const event = eventOf(def, module);
		const webhook = isWebhookMode(module, def);
		const events: InboundEvent[] = event !== 'both' ? [event] : webhook ? pushedEvents(module) : POLLED_EVENTS;
		const store = nodeStore(RED.settings.userDir as string | undefined, this.id);
		if (store.problem) this.warn(store.problem);
		adoptLegacy(this, store);
		let received = 0;
		const emit = (items: Received[]) => {
			for (const item of items) this.send(receivedMessage(module, item));
			if (!items.length) return;
			received += items.length;
			this.status({ fill: 'green', shape: 'dot', text: RED._('smskit.status.received', { count: received }) });
		};
		const stop = webhook ? startWebhook(this, def, store, event, events, emit) : startPolling(this, def, store, events, emit);
		// A redeploy or a stop keeps the store for the next start; only a node deleted from the flows loses it.
		this.on('close', (removed: boolean, done: () => void) => {
			stop()
				.then(() => store.flush())
				.then(() => (removed ? store.remove() : undefined))
				.then(() => store.problem && this.warn(store.problem))
				.catch((caught: unknown) => this.warn(String(caught)))
				.finally(done);
		});
	}

	/** A background failure (a poll, the registration): red status, and a Catch node gets it. */
	function fail(node: Node, caught: unknown, topic: string, secrets: Array<string | undefined> = []): void {
		const error = asSmsError(caught, module, secrets);
		node.status({ fill: 'red', shape: 'dot', text: error.code });
		node.error(new NodeRedSmsError(error), { topic });
	}

	/** Listens on the node's route; returns what takes it down (and puts the account's callbacks back). */
	function startWebhook(
		node: Node,
		def: NodeDef & Fields,
		store: NodeStore,
		event: EventChoice,
		events: InboundEvent[],
		emit: (items: Received[]) => void,
	): () => Promise<void> {
		if (httpNodeDisabled(RED)) {
			node.warn(RED._('smskit.error.noHttpNode'));
			node.status({ fill: 'red', shape: 'ring', text: RED._('smskit.status.noHttpNode') });
			return async () => undefined;
		}
		const path = webhookPath(module, def);
		const account = role.account(def, findAccount(RED, def.account));
		const credentials = ((node as Node & { credentials?: Record<string, unknown> }).credentials ?? {}) as Record<string, unknown>;
		const token = !module.inbound.signed && typeof credentials.token === 'string' ? credentials.token : '';
		const guard = { token: token || undefined, allowedIps: typeof def.allowedIps === 'string' ? def.allowedIps : '' };
		/** Signed pushes: the secret (the node's, else its account's), and whether the user turned the check off. */
		const signature = (): { secret?: string; verify?: boolean } =>
			module.inbound.signed
				? { secret: role.secret?.(credentials, findAccount(RED, def.account)) || undefined, verify: def.checkSignature !== false }
				: {};
		/** Signed pushes are checked over the exact bytes: a body a middleware already parsed cannot be. */
		const signedParts = (
			headers: Record<string, string | undefined>,
			body: unknown,
		): { headers?: Record<string, string | undefined>; rawBody?: Uint8Array } => {
			if (!module.inbound.signed) return {};
			if (Buffer.isBuffer(body)) return { headers, rawBody: body };
			if (def.checkSignature !== false) throw parsedBody(module);
			return { headers };
		};
		/** The query the parser sees: without the token, which must never reach an event's `raw`. */
		const queryOf = (req: Request): Record<string, unknown> => {
			const query = { ...((req.query ?? {}) as Record<string, unknown>) };
			if (!module.inbound.signed) delete query[TOKEN_FIELD];
			return query;
		};
		const refused = (status: number) =>
			node.status({ fill: 'yellow', shape: 'ring', text: RED._(`${type}.status.refused`, { status }) });
		// Kept in the store: a push repeated after a redeploy or a restart makes no new message either.
		let seen: Seen = store.get<Seen>(SEEN) ?? {};
		/** Check-and-add in one synchronous step, so two concurrent deliveries of an event emit it once. */
		const admit = (items: Received[]) => {
			// Providers push again when they get no answer in time: a repeat makes no new message.
			const now = Date.now();
			const fresh = dedupe(
				items,
				(i) => i.key,
				() => now,
				seen,
				now - PUSH_RETRY_WINDOW_MS,
			);
			seen = fresh.seen;
			if (fresh.fresh.length) store.set(SEEN, seen);
			emit(fresh.fresh);
		};
		const handler: RequestHandler = (req: Request, res: Response) => {
			const reply = (answer: CallbackAnswer) => res.status(answer.status).type(answer.contentType).send(answer.body);
			const refuse = (answer: CallbackAnswer) => {
				// The unread rest of a refused body is dropped, and the connection not kept for more.
				req.resume?.();
				res.set?.('Connection', 'close');
				reply(answer);
				refused(answer.status);
			};
			const headers = headersOf(req);
			const request = {
				method: req.method,
				headers,
				query: (req.query ?? {}) as Record<string, unknown>,
				ip: req.ip ?? req.socket?.remoteAddress,
			};
			const early = guardCallback(module, request, guard);
			if (early) return refuse(early);
			readBody(req, MAX_CALLBACK_BYTES)
				.catch((caught: unknown) => {
					if (!(caught instanceof BodyTooLargeError)) throw caught;
					throw new Refused(guardCallback(module, { ...request, bodyBytes: caught.max + 1 }, guard)!);
				})
				.then((body) => {
					// A body sent without Content-Length is checked once its size is known.
					const late = Buffer.isBuffer(body) ? guardCallback(module, { ...request, bodyBytes: body.length }, guard) : undefined;
					if (late) throw new Refused(late);
					return module.inbound.parse(
						{ method: req.method, query: queryOf(req), body, ...signedParts(headers, body) },
						{ event: event === 'both' ? undefined : event, account, now: Date.now(), ...signature() },
					);
				})
				.then(
					(items) => {
						reply(module.inbound.answer());
						admit(items);
					},
					(caught: unknown) => {
						if (caught instanceof Refused) return refuse(caught.answer);
						const error = asSmsError(caught, module);
						node.warn(error.describe());
						node.status({ fill: 'yellow', shape: 'dot', text: error.code });
						reply(module.inbound.answer(error));
					},
				);
		};
		const methods = [...new Set(events.map((e) => module.inbound.methods[e]))].map((m) => (m === 'GET' ? 'get' : 'post'));
		const remove = addNodeRoute(RED, node, methods, path, handler);
		if (!module.inbound.signed && !token) {
			// A flow saved before tokens existed: refuse everything until the editor makes one.
			node.warn(RED._(`${type}.error.noToken`));
			node.status({ fill: 'red', shape: 'ring', text: RED._(`${type}.status.noToken`) });
			return async () => remove();
		}
		node.status({ fill: 'green', shape: 'ring', text: path });
		const webhook = module.webhook;
		if (!def.register || !webhook) return async () => remove();

		// Registered on the account while deployed: what it had is kept in the store (a crash does not lose it)
		// and put back on close, when the route goes too. The registered URL carries the token.
		let secrets: Array<string | undefined> = [];
		const registering = (async () => {
			const deps = requireAccount(RED, def.account, module).deps(new Map());
			secrets = [...(deps.secrets ?? []), token];
			const ctx = actionContext(module, deps);
			const base = callbackUrl(module, String(def.publicUrl ?? ''), path);
			const url = token ? withToken(base, token) : base;
			const saved = store.get<SavedRegistration>(REGISTRATION);
			store.set(REGISTRATION, await webhook.register(ctx, { account, event, url, saved }));
			node.status({ fill: 'green', shape: 'dot', text: RED._('smskit.status.registered', { path }) });
			return ctx;
		})().catch((caught: unknown) => fail(node, caught, `${module.id}/register`, secrets));
		return async () => {
			remove();
			await registering
				.then(async (ctx) => {
					const saved = store.get<SavedRegistration>(REGISTRATION);
					if (!ctx || !saved) return;
					await webhook.restore(ctx, saved);
					store.set(REGISTRATION, undefined);
				})
				.catch((caught: unknown) =>
					node.warn(RED._('smskit.error.restore', { error: asSmsError(caught, module, secrets).describe() })),
				);
		};
	}

	/** Polls every `interval` seconds from the stored cursors; returns what stops it. */
	function startPolling(
		node: Node,
		def: NodeDef & Fields,
		store: NodeStore,
		events: InboundEvent[],
		emit: (items: Received[]) => void,
	): () => Promise<void> {
		const seconds = Number(def.interval) > 0 ? Number(def.interval) : DEFAULT_INTERVAL_S;
		const cache = new Map<string, unknown>();
		let busy: Promise<void> | undefined;
		let closed = false;
		/** Whether the status shows something else than "polling": starting, or the last poll failed. */
		let stale = true;
		let secrets: Array<string | undefined> = [];

		const poll = async () => {
			const account = requireAccount(RED, def.account, module);
			const deps = account.deps(cache);
			secrets = deps.secrets ?? [];
			const ctx = actionContext(module, deps);
			for (const event of events) {
				const options = { event, account: role.account(def, account), lookbackMs: 0, deleteRead: def.deleteRead === true };
				const result = await pollOf(module).step(ctx, options, store.get<PollState>(pollStateKey(event)));
				// Closed meanwhile: nothing emitted and the cursor unchanged, so the next start reads these again.
				if (closed) return;
				emit(result.items);
				store.set(pollStateKey(event), result.state);
				if (result.ack) {
					// Deleting what was read only once the cursor that skips it is on disk.
					await store.flush();
					await result.ack();
				}
			}
		};
		const tick = () => {
			if (busy || closed) return;
			busy = poll()
				.then(() => {
					if (!stale || closed) return;
					stale = false;
					node.status({ fill: 'green', shape: 'ring', text: RED._('smskit.status.polling', { seconds }) });
				})
				.catch((caught: unknown) => {
					if (closed) return;
					stale = true;
					fail(node, caught, `${module.id}/poll`, secrets);
				})
				.finally(() => {
					busy = undefined;
				});
		};
		node.status({ fill: 'grey', shape: 'ring', text: RED._('smskit.status.starting') });
		// The first poll runs at once: it marks where polling starts, or catches up from the stored cursor.
		const first = setTimeout(tick, 0);
		const timer = setInterval(tick, seconds * 1000);
		return async () => {
			closed = true;
			clearTimeout(first);
			clearInterval(timer);
		};
	}

	// The editor shows the deployed token in the dialog (the callback URL to paste); a password credential
	// never reaches the editor otherwise. Only users who may change the node may read it.
	if (!module.inbound.signed) {
		RED.httpAdmin.get(`/${type}/:id/token`, RED.auth.needsPermission(`${type}.write`), (req: Request, res: Response) => {
			const id = String(req.params.id);
			const credentials =
				RED.nodes.getNode(id)?.type === type ? (RED.nodes.getCredentials(id) as { token?: unknown }) : undefined;
			res.set('Cache-Control', 'no-store');
			if (typeof credentials?.token !== 'string' || !credentials.token) return void res.status(404).json({});
			res.json({ token: credentials.token });
		});
	}

	const credentials = { ...role.credentials, ...(module.inbound.signed ? {} : TOKEN_CREDENTIAL) };
	RED.nodes.registerType(type, SmsReceive as never, { credentials } as never);
}

/** A signed push whose body a middleware in front of the route (httpNodeMiddleware) already parsed. */
export function parsedBody(module: ProviderModule): SmsError {
	return new SmsError({
		provider: module.id,
		code: 'RAW_BODY_UNAVAILABLE',
		message: `A middleware in front of this route parsed the body, so ${module.name}'s signature over its exact bytes cannot be checked; nothing was emitted.`,
		hint: 'Leave the body of this route unparsed in httpNodeMiddleware (the receive node reads it itself).',
		kind: 'input',
	});
}
