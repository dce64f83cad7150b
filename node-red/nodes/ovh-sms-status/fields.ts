import type { NodeMessageInFlow } from 'node-red';
import { pick, pickFlag, pickNumber, pickText } from '../../shared/fields';
import type { ActionInput, ClientRole, Fields } from '../../shared/provider';

/** With details and no limit, lists read at most this many items (one request each). */
export const DEFAULT_DETAILS_LIMIT = 100;

/**
 * The ids an id-based action works on: the node's ID, else msg.messageId, else msg.payload — an id, or the
 * results of an ovh send node (one run per receiver with a messageId; rejected receivers have none).
 */
export function targets(def: Fields, msg: NodeMessageInFlow): ActionInput | ActionInput[] {
	const service = pick(def.service, msg.service);
	const scalar = typeof msg.payload === 'string' || typeof msg.payload === 'number' ? msg.payload : undefined;
	const single = pick(def.itemId, msg.messageId, scalar);
	if (single !== undefined) return { service: service ?? '', id: single };
	if (Array.isArray(msg.payload)) {
		return msg.payload
			.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null && r.messageId != null)
			.map((r) => ({ service: service ?? r.service ?? '', id: r.messageId }));
	}
	return { service: service ?? '', id: '' };
}

/** Details (one request per id) or not, and how many at most: the newest. */
export function listOptions(def: Fields, msg: NodeMessageInFlow): { details: boolean; limit: unknown } {
	const details = pickFlag(def.details, msg.details) ?? false;
	return { details, limit: pickNumber(def.limit, msg.limit) ?? (details ? DEFAULT_DETAILS_LIMIT : undefined) };
}

export const ovhStatus: ClientRole = {
	defaultAction: 'outgoing.get',
	renamed: {
		getOutgoing: 'outgoing.get',
		listOutgoing: 'outgoing.getMany',
		hlr: 'outgoing.hlr',
		listJobs: 'job.getMany',
		getJob: 'job.get',
		cancelJob: 'job.cancel',
	},
	actions: {
		'outgoing.get': { one: true },
		'outgoing.getMany': {},
		'outgoing.hlr': { one: true },
		'job.getMany': {},
		'job.get': { one: true },
		'job.cancel': { one: true },
	},
	input(action, def, msg) {
		const service = pickText(def.service, msg.service);
		if (action === 'outgoing.getMany') {
			return {
				service,
				receiver: pick(def.receiver, msg.receiver),
				sender: pick(def.sender, msg.sender),
				tag: pick(def.tag, msg.tag),
				deliveryReceipt: pickNumber(undefined, msg.deliveryReceipt),
				ptt: pickNumber(undefined, msg.ptt),
				from: pick(def.since, msg.since),
				to: pick(def.until, msg.until),
				...listOptions(def, msg),
			};
		}
		if (action === 'job.getMany') return { service, ...listOptions(def, msg) };
		return targets(def, msg);
	},
};
