import { mapLimit, newestFirst } from '../../batching';
import { SmsError } from '../../errors';
import { applyDefaultCountry } from '../../phone';
import { callAction, defineAction, type Action, type ActionContext } from '../../provider';
import type { Operation } from '../../operation';
import type { z } from 'zod';
import * as op from './operations';

/** Detail reads run a few at a time: list routes answer ids only, one request per record. */
const DETAIL_CONCURRENCY = 4;

const labels = {
	service: 'Service',
	receivers: 'Receivers',
	message: 'Message',
	sender: 'Sender',
	from: 'Created After',
	to: 'Created Before',
	id: 'ID',
	name: 'Name',
	limit: 'Limit',
};

/**
 * "Get Many": list the ids, then read the newest `limit` of them (all with no limit); `details: false`
 * answers the ids alone.
 */
function getMany<L extends z.ZodType, D extends z.ZodType, Out>(
	name: string,
	list: Operation<L, Array<number | string>>,
	detail: Operation<D, Out>,
	detailInput: (service: string, id: number | string) => object,
): Action {
	return defineAction({
		name,
		sends: false,
		labels,
		async run(input, ctx) {
			const { limit, details, ...filters } = input as { limit?: unknown; details?: unknown; service: string };
			const count = limit === undefined || limit === null || limit === '' ? undefined : Number(limit);
			if (count !== undefined && !(Number.isInteger(count) && count >= 1)) {
				throw new SmsError({
					provider: 'ovh',
					code: 'INVALID_INPUT',
					message: `Limit: "${String(limit)}" is not a whole number of 1 or more`,
					kind: 'input',
				});
			}
			const ids = newestFirst(await ctx.call(list, filters), count);
			if (details === false) return ids.map((id) => ({ id, service: filters.service }));
			return mapLimit(ids, DETAIL_CONCURRENCY, (id) => ctx.call(detail, detailInput(filters.service, id)) as Promise<object>);
		},
	});
}

const send = defineAction({
	name: 'message.send',
	sends: true,
	labels,
	run: (input, ctx: ActionContext) =>
		ctx.call(op.sendMessage, { ...input, receivers: applyDefaultCountry(input.receivers, ctx.defaultCountry) }),
});

/** Every OVHcloud action, keyed by the one vocabulary both editors use. */
export const ovhActions: Record<string, Action> = Object.fromEntries(
	[
		callAction(op.listServices, labels),
		callAction(op.getService, labels),
		send,
		callAction(op.estimateMessage, labels),
		getMany('job.getMany', op.listJobIds, op.getJob, (service, id) => ({ service, id })),
		callAction(op.getJob, labels),
		callAction(op.cancelJob, labels),
		getMany('outgoing.getMany', op.listOutgoingIds, op.getOutgoing, (service, id) => ({ service, id })),
		callAction(op.getOutgoing, labels),
		callAction(op.getOutgoingHlr, labels),
		getMany('incoming.getMany', op.listIncomingIds, op.getIncoming, (service, id) => ({ service, id })),
		callAction(op.getIncoming, labels),
		callAction(op.deleteIncoming, labels),
		callAction(op.addTemplate, labels),
		getMany('template.getMany', op.listTemplateNames, op.getTemplate, (service, name) => ({ service, name })),
		callAction(op.getTemplate, labels),
		callAction(op.deleteTemplate, labels),
		callAction(op.relaunchTemplate, labels),
		getMany('sender.getMany', op.listSenderNames, op.getSender, (service, sender) => ({ service, sender })),
	].map((action) => [action.name, action]),
);
