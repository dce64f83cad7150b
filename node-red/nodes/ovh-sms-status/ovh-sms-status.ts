import type { Node, NodeAPI, NodeDef, NodeMessageInFlow } from 'node-red';
import { ovh, SmsError } from '../../../core';
import { accountRunner } from '../../shared/account';
import { mapLimit } from '../../shared/each';
import { failMessage } from '../../shared/errors';
import { pick, pickFlag, pickNumber, pickText } from '../../shared/fields';
import type { OperationRunner } from '../../shared/runner';

export const STATUS_OPERATIONS = ['getOutgoing', 'listOutgoing', 'hlr', 'listJobs', 'getJob', 'cancelJob'] as const;
export type StatusOperation = (typeof STATUS_OPERATIONS)[number];

/** With details and no limit, lists read at most this many items (one request each). */
export const DEFAULT_DETAILS_LIMIT = 100;
const CONCURRENCY = 4;

export interface OvhSmsStatusDef extends NodeDef {
	account: string;
	operation: StatusOperation;
	service: string;
	/** The sent message's (or job's) id; the node's own `id` is taken. */
	itemId: string;
	receiver: string;
	sender: string;
	tag: string;
	since: string;
	until: string;
	details: boolean;
	limit: string;
}

/** One id to look at, and the service it belongs to when the message says (a send result carries it). */
export interface Target {
	service: unknown;
	id: unknown;
}

/**
 * The ids an id-based operation works on: the node's ID, else msg.messageId, else msg.payload — an id, or the
 * results of an ovh send node (one per receiver with a messageId; rejected receivers have none). `many` is true
 * for a list, and the output is then a list too.
 */
export function targets(def: OvhSmsStatusDef, msg: NodeMessageInFlow): { many: boolean; targets: Target[] } {
	const service = pick(def.service, msg.service);
	const single = pick(def.itemId, msg.messageId, scalar(msg.payload));
	if (single !== undefined) return { many: false, targets: [{ service: service ?? '', id: single }] };
	if (Array.isArray(msg.payload)) {
		const results = msg.payload.filter(
			(r): r is Record<string, unknown> =>
				typeof r === 'object' && r !== null && (r as { messageId?: unknown }).messageId != null,
		);
		return { many: true, targets: results.map((r) => ({ service: service ?? r.service ?? '', id: r.messageId })) };
	}
	return { many: false, targets: [{ service: service ?? '', id: '' }] };
}

function scalar(payload: unknown): unknown {
	return typeof payload === 'string' || typeof payload === 'number' ? payload : undefined;
}

/** The filters of "list sent messages", each from the node or msg; since/until are the creation date range. */
export function outgoingFilters(def: OvhSmsStatusDef, msg: NodeMessageInFlow): Record<string, unknown> {
	return {
		service: pickText(def.service, msg.service),
		receiver: pick(def.receiver, msg.receiver),
		sender: pick(def.sender, msg.sender),
		tag: pick(def.tag, msg.tag),
		deliveryReceipt: pickNumber(undefined, msg.deliveryReceipt),
		ptt: pickNumber(undefined, msg.ptt),
		from: pick(def.since, msg.since),
		to: pick(def.until, msg.until),
	};
}

/** Details (one request per id) or not, and how many ids at most: the newest ones, as ids only grow. */
export function listOptions(def: OvhSmsStatusDef, msg: NodeMessageInFlow): { details: boolean; limit: number | undefined } {
	const details = pickFlag(def.details, msg.details) ?? false;
	const limit = pickNumber(def.limit, msg.limit);
	if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)) {
		throw new SmsError({
			provider: 'ovh',
			code: 'INVALID_INPUT',
			message: `limit: "${String(limit)}" is not a positive whole number`,
		});
	}
	return { details, limit: (limit as number | undefined) ?? (details ? DEFAULT_DETAILS_LIMIT : undefined) };
}

/** The newest `limit` ids, newest first. */
export function newest(ids: readonly number[], limit: number | undefined): number[] {
	const sorted = [...ids].sort((a, b) => b - a);
	return limit === undefined ? sorted : sorted.slice(0, limit);
}

export async function runStatus(runner: OperationRunner, operation: string, def: OvhSmsStatusDef, msg: NodeMessageInFlow) {
	switch (operation) {
		case 'getOutgoing':
			return each(def, msg, (t) => runner.run(ovh.getOutgoing, t));
		case 'hlr':
			return each(def, msg, (t) => runner.run(ovh.getOutgoingHlr, t));
		case 'getJob':
			return each(def, msg, (t) => runner.run(ovh.getJob, t));
		case 'cancelJob':
			return each(def, msg, (t) => runner.run(ovh.cancelJob, t));
		case 'listOutgoing': {
			const filters = outgoingFilters(def, msg);
			const { details, limit } = listOptions(def, msg);
			const ids = newest(await runner.run(ovh.listOutgoingIds, filters), limit);
			if (!details) return ids;
			return mapLimit(ids, CONCURRENCY, (id) => runner.run(ovh.getOutgoing, { service: filters.service, id }));
		}
		case 'listJobs': {
			const service = pickText(def.service, msg.service);
			const { details, limit } = listOptions(def, msg);
			const ids = newest(await runner.run(ovh.listJobIds, { service }), limit);
			if (!details) return ids;
			return mapLimit(ids, CONCURRENCY, (id) => runner.run(ovh.getJob, { service, id }));
		}
		default:
			throw new SmsError({ provider: 'ovh', code: 'INVALID_INPUT', message: `Unknown operation "${operation}".` });
	}
}

async function each(def: OvhSmsStatusDef, msg: NodeMessageInFlow, work: (target: Target) => Promise<unknown>): Promise<unknown> {
	const { many, targets: list } = targets(def, msg);
	if (!many) return work(list[0]);
	return mapLimit(list, CONCURRENCY, work);
}

export function registerOvhSmsStatus(RED: NodeAPI): void {
	function OvhSmsStatus(this: Node, def: OvhSmsStatusDef): void {
		RED.nodes.createNode(this, def);
		const operation = def.operation || 'getOutgoing';
		this.on('input', (msg, send, done) => {
			this.status({ fill: 'blue', shape: 'dot', text: RED._('ovh-sms-status.status.running') });
			const finished = (result: unknown) => {
				this.status({ fill: 'green', shape: 'dot', text: statusText(RED, operation, result) });
				msg.payload = result;
				send(msg);
				done();
			};
			runStatus(accountRunner(RED, def.account, 'ovh'), operation, { ...def, operation }, msg).then(finished, (caught: unknown) =>
				failMessage(this, done, caught, 'ovh'),
			);
		});
	}

	RED.nodes.registerType('ovh-sms-status', OvhSmsStatus);
}

/** The green status: the delivery status of one message, how many of a list, or "done". */
function statusText(RED: NodeAPI, operation: string, result: unknown): string {
	if (Array.isArray(result)) {
		if (operation === 'getOutgoing') {
			const counts = new Map<string, number>();
			for (const r of result as Array<{ status: string }>) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
			return [...counts].map(([status, n]) => `${n} ${status}`).join(', ') || RED._('ovh-sms-status.status.listed', { count: 0 });
		}
		return RED._('ovh-sms-status.status.listed', { count: result.length });
	}
	if (operation === 'getOutgoing') return String((result as { status?: unknown }).status ?? '');
	if (operation === 'cancelJob') return RED._('ovh-sms-status.status.cancelled');
	return RED._('ovh-sms-status.status.done');
}
