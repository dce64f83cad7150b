import type { Node, NodeAPI, NodeDef } from 'node-red';
import type { Request, RequestHandler, Response } from 'express';
import { keepFresh, ovh } from '../../../core';
import { accountRunner } from '../../shared/account';
import { mapLimit } from '../../shared/each';
import { asSmsError, NodeRedSmsError } from '../../shared/errors';
import type { OperationRunner } from '../../shared/runner';
import { addNodeRoute, httpNodeDisabled, readBody, routePath } from '../../shared/webhook';
import { callbackFields, MAX_CALLBACK_BYTES, parseOvhCallback, wanted, type OvhEvent, type OvhReceived } from './callbacks';
import {
	idsToCheck,
	listFrom,
	markRead,
	reportChanges,
	startCursor,
	startTracker,
	unseenIds,
	type IncomingCursor,
	type ReportTracker,
} from './poll-state';
import { callbackUrl, previousSettings, registration, type SavedRegistration } from './register';

export interface OvhSmsReceiveDef extends NodeDef {
	account: string;
	service: string;
	mode: 'poll' | 'webhook';
	event: OvhEvent;
	/** Poll mode: seconds between polls. */
	interval: string;
	/** Poll mode: delete each received SMS from the account once emitted. */
	deleteRead: boolean;
	/** Poll mode: minutes during which a sent message's delivery is followed. */
	window: string;
	/** Webhook route under httpNodeRoot; empty: /smskit/ovh/<node id>. */
	path: string;
	/** Webhook mode: set the account's callBack / smsResponse to this node's URL while deployed. */
	register: boolean;
	/** Where OVHcloud reaches Node-RED's HTTP endpoints (httpNodeRoot included), for `register`. */
	publicUrl: string;
}

export const DEFAULT_INTERVAL_S = 60;
export const DEFAULT_WINDOW_MIN = 60;
/** Sent messages looked at per poll, at most (the newest first); the others wait for the next poll. */
const CHECKS_PER_POLL = 500;
const CONCURRENCY = 4;
/** Webhook mode: callbacks remembered to drop OVHcloud's repeats. */
const MAX_CALLBACK_KEYS = 1000;
const POLL_STATE = 'smskit-ovh-poll';
const REGISTRATION = 'smskit-ovh-registration';

/** The webhook route of a node: its own path, or one made from its id. */
export function webhookPath(def: Pick<OvhSmsReceiveDef, 'id' | 'path'>): string {
	return routePath(def.path, `/smskit/ovh/${def.id}`);
}

interface PollState {
	service: string;
	incoming?: IncomingCursor;
	reports?: ReportTracker;
}

export function registerOvhSmsReceive(RED: NodeAPI): void {
	function OvhSmsReceive(this: Node, def: OvhSmsReceiveDef): void {
		RED.nodes.createNode(this, def);
		const event: OvhEvent = def.event || 'both';
		let received = 0;
		const emit = (items: OvhReceived[]) => {
			for (const item of items) this.send({ topic: item.topic, payload: item.payload });
			if (items.length) {
				received += items.length;
				this.status({ fill: 'green', shape: 'dot', text: RED._('ovh-sms-receive.status.received', { count: received }) });
			}
		};
		if (def.mode === 'webhook') startWebhook(this, def, event, emit);
		else startPolling(this, def, event, emit);
	}

	/** Reports a background failure (a poll, the registration) like a message failure: red status, and a Catch node. */
	function fail(node: Node, caught: unknown, topic: string): void {
		const error = asSmsError(caught, 'ovh');
		node.status({ fill: 'red', shape: 'dot', text: error.code });
		node.error(new NodeRedSmsError(error), { topic });
	}

	function startWebhook(node: Node, def: OvhSmsReceiveDef, event: OvhEvent, emit: (items: OvhReceived[]) => void): void {
		if (httpNodeDisabled(RED)) {
			node.warn(RED._('ovh-sms-receive.error.noHttpNode'));
			node.status({ fill: 'red', shape: 'ring', text: RED._('ovh-sms-receive.status.noHttpNode') });
			return;
		}
		const path = webhookPath(def);
		const service = (def.service ?? '').trim();
		let seen: string[] = [];
		const handler: RequestHandler = (req: Request, res: Response) => {
			const target = req.originalUrl ?? req.url ?? '';
			const query = target.includes('?') ? target.slice(target.indexOf('?') + 1) : '';
			readBody(req, MAX_CALLBACK_BYTES)
				.then((body) => parseOvhCallback(callbackFields(query, body, req.headers['content-type']), service))
				.then(
					(item) => {
						res.status(200).type('text/plain').send('OK');
						if (!wanted(event, item.topic)) return;
						// OVHcloud calls again when it gets no answer in time: the same callback makes no new message.
						const fresh = keepFresh([item], (i) => i.payload.dedupeKey, seen, MAX_CALLBACK_KEYS);
						seen = fresh.seen;
						emit(fresh.fresh);
					},
					(caught: unknown) => {
						const error = asSmsError(caught, 'ovh');
						node.warn(error.describe());
						node.status({ fill: 'yellow', shape: 'dot', text: error.code });
						res.status(400).type('text/plain').send(error.message);
					},
				);
		};
		const remove = addNodeRoute(RED, node, ['get', 'post'], path, handler);
		node.status({ fill: 'green', shape: 'ring', text: path });
		if (!def.register) {
			node.on('close', remove);
			return;
		}

		// Register on the account: remember what it had (in the node context, so a crash does not lose it),
		// and put it back on close, when the route is removed too.
		const context = node.context();
		const runner = accountRunner(RED, def.account, 'ovh');
		const registering = (async () => {
			const url = callbackUrl(def.publicUrl ?? '', path);
			const saved = context.get(REGISTRATION) as SavedRegistration | undefined;
			let previous = saved?.service === service ? saved.previous : undefined;
			if (!previous) {
				const account = await runner.run(ovh.getService, { service });
				previous = previousSettings(account, event, url);
			}
			context.set(REGISTRATION, { service, url, previous } satisfies SavedRegistration);
			await runner.run(ovh.updateService, { service, ...registration(event, url) });
			node.status({ fill: 'green', shape: 'dot', text: RED._('ovh-sms-receive.status.registered', { path }) });
		})().catch((caught: unknown) => fail(node, caught, 'ovh/register'));
		node.on('close', (done: () => void) => {
			remove();
			registering
				.then(async () => {
					const saved = context.get(REGISTRATION) as SavedRegistration | undefined;
					if (!saved) return;
					await runner.run(ovh.updateService, { service: saved.service, ...saved.previous });
					context.set(REGISTRATION, undefined);
				})
				.catch((caught: unknown) =>
					node.warn(RED._('ovh-sms-receive.error.restore', { error: asSmsError(caught, 'ovh').describe() })),
				)
				.finally(done);
		});
	}

	function startPolling(node: Node, def: OvhSmsReceiveDef, event: OvhEvent, emit: (items: OvhReceived[]) => void): void {
		const seconds = Number(def.interval) > 0 ? Number(def.interval) : DEFAULT_INTERVAL_S;
		const windowMs = (Number(def.window) > 0 ? Number(def.window) : DEFAULT_WINDOW_MIN) * 60_000;
		const service = (def.service ?? '').trim();
		const context = node.context();
		// Kept in the node context: a redeploy (or a restart, with a persistent context store) carries on from where it was.
		const stored = context.get(POLL_STATE) as PollState | undefined;
		const state: PollState = stored?.service === service ? stored : { service };
		const save = () => context.set(POLL_STATE, state);
		let busy = false;
		let closed = false;
		/** Whether the status shows something else than "polling" to be replaced: starting, or the last poll failed. */
		let stale = true;

		const pollIncoming = async (runner: OperationRunner) => {
			const starting = !state.incoming;
			let cursor = state.incoming ?? startCursor(Date.now());
			const ids = await runner.run(ovh.listIncomingIds, { service, from: listFrom(cursor) });
			const unseen = unseenIds(ids, cursor);
			if (starting) {
				// What was there before the node started is not news: noted, not emitted.
				state.incoming = markRead(
					cursor,
					unseen.map((id) => ({ id })),
				);
				return save();
			}
			for (const id of unseen) {
				if (closed) return;
				const item = ovh.ovhIncomingItem(await runner.run(ovh.getIncoming, { service, id }));
				if (closed) return;
				emit([{ topic: 'ovh/incoming', payload: item }]);
				cursor = markRead(cursor, [item]);
				state.incoming = cursor;
				save();
				if (def.deleteRead) await runner.run(ovh.deleteIncoming, { service, id });
			}
		};

		const pollReports = async (runner: OperationRunner) => {
			const tracker = state.reports ?? startTracker();
			const ids = await runner.run(ovh.listOutgoingIds, { service, from: new Date(Date.now() - windowMs).toISOString() });
			const check = idsToCheck(ids, tracker, CHECKS_PER_POLL);
			const read = await mapLimit(check, CONCURRENCY, async (id) =>
				ovh.ovhDeliveryItem(await runner.run(ovh.getOutgoing, { service, id })),
			);
			if (closed) return;
			const { changed, tracker: next } = reportChanges(tracker, ids, read);
			state.reports = next;
			save();
			emit(changed.map((payload) => ({ topic: 'ovh/report', payload })));
		};

		const tick = () => {
			if (busy || closed) return;
			busy = true;
			const runner = accountRunner(RED, def.account, 'ovh');
			(async () => {
				if (event !== 'report') await pollIncoming(runner);
				if (event !== 'incoming') await pollReports(runner);
			})()
				.then(() => {
					if (!stale || closed) return;
					stale = false;
					node.status({ fill: 'green', shape: 'ring', text: RED._('ovh-sms-receive.status.polling', { seconds }) });
				})
				.catch((caught: unknown) => {
					if (closed) return;
					stale = true;
					fail(node, caught, 'ovh/poll');
				})
				.finally(() => {
					busy = false;
				});
		};
		node.status({ fill: 'grey', shape: 'ring', text: RED._('ovh-sms-receive.status.starting') });
		// The first poll runs at once: it notes what is already there (or catches up after a redeploy).
		const first = setTimeout(tick, 0);
		const timer = setInterval(tick, seconds * 1000);
		node.on('close', () => {
			closed = true;
			clearTimeout(first);
			clearInterval(timer);
		});
	}

	RED.nodes.registerType('ovh-sms-receive', OvhSmsReceive);
}
