import type { Node, NodeAPI, NodeDef } from 'node-red';
import type { Request, RequestHandler, Response } from 'express';
import {
	actionContext,
	dedupe,
	invalidCallback,
	PUSH_RETRY_WINDOW_MS,
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
const REGISTRATION = 'smskit-registration';
const pollStateKey = (event: InboundEvent) => `smskit-poll-${event}`;

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

/**
 * `<id>-sms-receive`: webhook mode parses callbacks with the module's inbound (de-duplicated, answered as the
 * provider expects, optionally registered on the account); poll mode runs the module's poll step, its state
 * kept in the node context. Both emit the same normalised events. A module without a poll step only has
 * webhook mode, whatever the node saved.
 */
export function registerReceive(RED: NodeAPI, provider: NodeRedProvider): void {
	const { module, receive: role } = provider;

	function SmsReceive(this: Node, def: NodeDef & Fields): void {
		RED.nodes.createNode(this, def);
		const event = eventOf(def, module);
		const webhook = isWebhookMode(module, def);
		const events: InboundEvent[] = event !== 'both' ? [event] : webhook ? pushedEvents(module) : POLLED_EVENTS;
		let received = 0;
		const emit = (items: Received[]) => {
			for (const item of items) this.send(receivedMessage(module, item));
			if (!items.length) return;
			received += items.length;
			this.status({ fill: 'green', shape: 'dot', text: RED._('smskit.status.received', { count: received }) });
		};
		if (webhook) startWebhook(this, def, event, events, emit);
		else startPolling(this, def, events, emit);
	}

	/** A background failure (a poll, the registration): red status, and a Catch node gets it. */
	function fail(node: Node, caught: unknown, topic: string, secrets: Array<string | undefined> = []): void {
		const error = asSmsError(caught, module, secrets);
		node.status({ fill: 'red', shape: 'dot', text: error.code });
		node.error(new NodeRedSmsError(error), { topic });
	}

	function startWebhook(
		node: Node,
		def: NodeDef & Fields,
		event: EventChoice,
		events: InboundEvent[],
		emit: (items: Received[]) => void,
	): void {
		if (httpNodeDisabled(RED)) {
			node.warn(RED._('smskit.error.noHttpNode'));
			node.status({ fill: 'red', shape: 'ring', text: RED._('smskit.status.noHttpNode') });
			return;
		}
		const path = webhookPath(module, def);
		const account = role.account(def, findAccount(RED, def.account));
		const credentials = ((node as Node & { credentials?: Record<string, unknown> }).credentials ?? {}) as Record<string, unknown>;
		/** Signed pushes: the secret (the node's, else its account's), and whether the user turned the check off. */
		const signature = (): { secret?: string; verify?: boolean } =>
			module.inbound.signed
				? { secret: role.secret?.(credentials, findAccount(RED, def.account)) || undefined, verify: def.checkSignature !== false }
				: {};
		/** Signed pushes are checked over the exact bytes: a body a middleware already parsed cannot be. */
		const signedParts = (req: Request, body: unknown): { headers?: Record<string, string | undefined>; rawBody?: Uint8Array } => {
			if (!module.inbound.signed) return {};
			const headers = Object.fromEntries(
				Object.entries(req.headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value]),
			);
			if (Buffer.isBuffer(body)) return { headers, rawBody: body };
			if (def.checkSignature !== false) throw parsedBody(module);
			return { headers };
		};
		let seen: Seen = {};
		const handler: RequestHandler = (req: Request, res: Response) => {
			const answer = (error?: Parameters<typeof module.inbound.answer>[0]) => {
				const reply = module.inbound.answer(error);
				res.status(reply.status).type(reply.contentType).send(reply.body);
			};
			readBody(req, MAX_CALLBACK_BYTES)
				.then((body) =>
					module.inbound.parse(
						{ method: req.method, query: req.query as Record<string, unknown>, body, ...signedParts(req, body) },
						{ event: event === 'both' ? undefined : event, account, now: Date.now(), ...signature() },
					),
				)
				.then(
					(items) => {
						answer();
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
						emit(fresh.fresh);
					},
					(caught: unknown) => {
						const error = asSmsError(
							caught instanceof BodyTooLargeError ? invalidCallback(module.id, caught.message) : caught,
							module,
						);
						node.warn(error.describe());
						node.status({ fill: 'yellow', shape: 'dot', text: error.code });
						answer(error);
					},
				);
		};
		const methods = [...new Set(events.map((e) => module.inbound.methods[e]))].map((m) => (m === 'GET' ? 'get' : 'post'));
		const remove = addNodeRoute(RED, node, methods, path, handler);
		node.status({ fill: 'green', shape: 'ring', text: path });
		const webhook = module.webhook;
		if (!def.register || !webhook) {
			node.on('close', remove);
			return;
		}

		// Registered on the account while deployed: what it had is kept in the node context (a crash does not
		// lose it) and put back on close, when the route goes too.
		const context = node.context();
		let secrets: Array<string | undefined> = [];
		const registering = (async () => {
			const deps = requireAccount(RED, def.account, module).deps(new Map());
			secrets = deps.secrets ?? [];
			const ctx = actionContext(module, deps);
			const url = callbackUrl(module, String(def.publicUrl ?? ''), path);
			const saved = context.get(REGISTRATION) as SavedRegistration | undefined;
			context.set(REGISTRATION, await webhook.register(ctx, { account, event, url, saved }));
			node.status({ fill: 'green', shape: 'dot', text: RED._('smskit.status.registered', { path }) });
			return ctx;
		})().catch((caught: unknown) => fail(node, caught, `${module.id}/register`, secrets));
		node.on('close', (done: () => void) => {
			remove();
			registering
				.then(async (ctx) => {
					const saved = context.get(REGISTRATION) as SavedRegistration | undefined;
					if (!ctx || !saved) return;
					await webhook.restore(ctx, saved);
					context.set(REGISTRATION, undefined);
				})
				.catch((caught: unknown) =>
					node.warn(RED._('smskit.error.restore', { error: asSmsError(caught, module, secrets).describe() })),
				)
				.finally(done);
		});
	}

	function startPolling(node: Node, def: NodeDef & Fields, events: InboundEvent[], emit: (items: Received[]) => void): void {
		const seconds = Number(def.interval) > 0 ? Number(def.interval) : DEFAULT_INTERVAL_S;
		// Kept in the node context: a redeploy (or a restart, with a persistent context store) carries on from where it was.
		const context = node.context();
		const cache = new Map<string, unknown>();
		let busy = false;
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
				const result = await pollOf(module).step(ctx, options, context.get(pollStateKey(event)) as PollState | undefined);
				if (closed) return;
				emit(result.items);
				context.set(pollStateKey(event), result.state);
				await result.ack?.();
			}
		};
		const tick = () => {
			if (busy || closed) return;
			busy = true;
			poll()
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
					busy = false;
				});
		};
		node.status({ fill: 'grey', shape: 'ring', text: RED._('smskit.status.starting') });
		// The first poll runs at once: it marks where polling starts (or catches up after a redeploy).
		const first = setTimeout(tick, 0);
		const timer = setInterval(tick, seconds * 1000);
		node.on('close', () => {
			closed = true;
			clearTimeout(first);
			clearInterval(timer);
		});
	}

	RED.nodes.registerType(
		receiveType(module),
		SmsReceive as never,
		(role.credentials ? { credentials: role.credentials } : {}) as never,
	);
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
