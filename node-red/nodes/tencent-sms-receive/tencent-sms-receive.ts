import type { Node, NodeAPI, NodeDef } from 'node-red';
import type { Request, RequestHandler, Response } from 'express';
import { tencent } from '../../../core';
import { accountRunner } from '../../shared/account';
import { asSmsError, NodeRedSmsError } from '../../shared/errors';
import { pickText } from '../../shared/fields';
import type { OperationRunner } from '../../shared/runner';
import { addNodeRoute, httpNodeDisabled, routePath } from '../../shared/webhook';
import { tencentAccount } from '../tencent-sms-config/tencent-sms-config';
import { parseCallback, readJsonBody, RecentKeys, type CallbackEvent, type Received } from './callbacks';

export interface TencentSmsReceiveDef extends NodeDef {
	account: string;
	mode: 'webhook' | 'poll';
	/** Webhook route under httpNodeRoot; empty: /smskit/tencent/<node id>. */
	path: string;
	event: CallbackEvent;
	/** Poll mode: seconds between pulls. */
	interval: string;
	smsSdkAppId: string;
}

export const DEFAULT_INTERVAL_S = 60;
/** A queue pull returns at most this many items; a full page is followed by another pull at once. */
const PULL_LIMIT = 100;
const MAX_PAGES_PER_POLL = 10;

/** The webhook route of a node: its own path, or one made from its id. */
export function webhookPath(def: Pick<TencentSmsReceiveDef, 'id' | 'path'>): string {
	return routePath(def.path, `/smskit/tencent/${def.id}`);
}

export function registerTencentSmsReceive(RED: NodeAPI): void {
	function TencentSmsReceive(this: Node, def: TencentSmsReceiveDef): void {
		RED.nodes.createNode(this, def);
		const event: CallbackEvent = def.event || 'auto';
		let received = 0;
		const emit = (items: Received[]) => {
			for (const item of items) this.send({ topic: item.topic, payload: item.payload });
			if (items.length) {
				received += items.length;
				this.status({ fill: 'green', shape: 'dot', text: RED._('tencent-sms-receive.status.received', { count: received }) });
			}
		};
		if (def.mode === 'poll') startPolling(this, def, event, emit);
		else startWebhook(this, def, event, emit);
	}

	function startWebhook(node: Node, def: TencentSmsReceiveDef, event: CallbackEvent, emit: (items: Received[]) => void): void {
		if (httpNodeDisabled(RED)) {
			node.warn(RED._('tencent-sms-receive.error.noHttpNode'));
			node.status({ fill: 'red', shape: 'ring', text: RED._('tencent-sms-receive.status.noHttpNode') });
			return;
		}
		const path = webhookPath(def);
		const seen = new RecentKeys(1000);
		const handler: RequestHandler = (req: Request, res: Response) => {
			readJsonBody(req)
				.then((body) => parseCallback(body, event))
				.then(
					(items) => {
						res.json(tencent.TENCENT_CALLBACK_ANSWER);
						// A push Tencent repeats (no answer in time) carries the same keys: it makes no new message.
						emit(items.filter((item) => seen.add((item.payload as { dedupeKey: string }).dedupeKey)));
					},
					(caught: unknown) => {
						const error = asSmsError(caught, 'tencent');
						node.warn(error.describe());
						node.status({ fill: 'yellow', shape: 'dot', text: error.code });
						res.status(400).json({ result: 1, errmsg: error.message });
					},
				);
		};
		const remove = addNodeRoute(RED, node, ['post'], path, handler);
		node.status({ fill: 'green', shape: 'ring', text: path });
		node.on('close', remove);
	}

	function startPolling(node: Node, def: TencentSmsReceiveDef, event: CallbackEvent, emit: (items: Received[]) => void): void {
		const seconds = Number(def.interval) > 0 ? Number(def.interval) : DEFAULT_INTERVAL_S;
		type Pull = (runner: OperationRunner, input: unknown) => Promise<Received['payload'][]>;
		const pulls: Array<{ topic: Received['topic']; pull: Pull }> = [];
		if (event !== 'status') pulls.push({ topic: 'tencent/reply', pull: (r, i) => r.run(tencent.pullReplies, i) });
		if (event !== 'reply') pulls.push({ topic: 'tencent/status', pull: (r, i) => r.run(tencent.pullSendStatus, i) });
		let busy = false;
		let closed = false;
		const poll = async () => {
			const account = tencentAccount(RED, def.account);
			const runner = accountRunner(RED, def.account, 'tencent');
			const input = { smsSdkAppId: pickText(def.smsSdkAppId, account?.smsSdkAppId), limit: PULL_LIMIT };
			for (const { topic, pull } of pulls) {
				for (let page = 0; page < MAX_PAGES_PER_POLL && !closed; page++) {
					const items = await pull(runner, input);
					if (!closed) emit(items.map((payload) => ({ topic, payload })));
					if (items.length < PULL_LIMIT) break;
				}
			}
		};
		const tick = () => {
			if (busy || closed) return;
			busy = true;
			poll()
				.catch((caught: unknown) => {
					if (closed) return;
					const error = asSmsError(caught, 'tencent');
					node.status({ fill: 'red', shape: 'dot', text: error.code });
					node.error(new NodeRedSmsError(error), { topic: 'tencent/poll' });
				})
				.finally(() => {
					busy = false;
				});
		};
		const timer = setInterval(tick, seconds * 1000);
		node.status({ fill: 'green', shape: 'ring', text: RED._('tencent-sms-receive.status.polling', { seconds }) });
		node.on('close', () => {
			closed = true;
			clearInterval(timer);
		});
	}

	RED.nodes.registerType('tencent-sms-receive', TencentSmsReceive);
}
