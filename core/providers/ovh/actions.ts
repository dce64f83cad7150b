import { chunk, mapLimit, newestFirst } from '../../batching';
import { SmsError } from '../../errors';
import { validate } from '../../operation';
import { toE164 } from '../../phone';
import { keyForField, recipientsOf, sendChoices, sendToRecipients } from '../../send';
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

/** Receivers per job: OVHcloud documents no limit; 500 keeps each request small enough to fail alone. */
const OVH_JOB_RECEIVERS = 500;

/** OVHcloud's tag is short: a longer Idempotency Key travels as a hash of it. */
const TAG_LENGTH = 20;

/**
 * The receivers an earlier send with this tag reached: sent messages listed by tag, and pending jobs (a
 * deferred job waits there; jobs carry no tag, so the same text to the same receiver counts), each read for
 * its receiver.
 */
async function alreadySent(
	ctx: ActionContext,
	service: string,
	tag: string,
	message: string,
): Promise<Map<string, string | null>> {
	const found = new Map<string, string | null>();
	const sent = await ctx.call(op.listOutgoingIds, { service, tag });
	await mapLimit(sent, DETAIL_CONCURRENCY, async (id) => {
		const record = (await ctx.call(op.getOutgoing, { service, id })) as { to?: string; receiver?: string };
		const to = toE164(String(record.to ?? record.receiver ?? ''));
		if (to) found.set(to, String(id));
	});
	const jobs = await ctx.call(op.listJobIds, { service });
	await mapLimit(jobs, DETAIL_CONCURRENCY, async (id) => {
		const job = (await ctx.call(op.getJob, { service, id })) as { message?: string; receiver?: string };
		const to = toE164(String(job.receiver ?? ''));
		if (job.message === message && to && !found.has(to)) found.set(to, String(id));
	});
	return found;
}

/** Jobs of up to 500 receivers; each receiver gets its own outcome (core/send.ts). */
const send = defineAction({
	name: 'message.send',
	sends: true,
	recipients: 'receivers',
	batchSize: OVH_JOB_RECEIVERS,
	labels,
	async run(input, ctx: ActionContext) {
		// A tag of the user's own is the key; else the Idempotency Key travels as the tag.
		const given = typeof input.tag === 'string' && input.tag.trim() ? input.tag.trim() : undefined;
		const choices = sendChoices(input);
		const tag = given ?? (choices.idempotencyKey && keyForField(choices.idempotencyKey, TAG_LENGTH));
		choices.idempotencyKey = tag || undefined;
		// Everything but the receivers is checked before anything is sent, with one stand-in receiver.
		validate('ovh', op.sendMessage.input, { ...input, tag, receivers: ['+33601020304'] }, labels);
		return sendToRecipients({
			provider: 'ovh',
			parallel: ctx.parallel,
			label: labels.receivers,
			recipients: recipientsOf(input.receivers),
			choices,
			defaultCountry: ctx.defaultCountry,
			alreadySent: () => alreadySent(ctx, String(input.service ?? ''), tag!, String(input.message)),
			batches: (valid) => chunk(valid, OVH_JOB_RECEIVERS),
			send: (batch) => ctx.call(op.sendMessage, { ...input, tag, receivers: batch.map((r) => r.to) }),
			result: (to, status, error, messageId = null) =>
				op.unsentResult(String(input.service ?? ''), tag ?? '', to, status, error, messageId),
		});
	},
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
