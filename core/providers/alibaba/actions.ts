import { chunk, mapLimit } from '../../batching';
import { SmsError } from '../../errors';
import { validate } from '../../operation';
import { applyDefaultCountry, splitReceivers } from '../../phone';
import { callAction, defineAction, type Action, type ActionContext } from '../../provider';
import { keyForField, recipientsOf, resultError, sendChoices, sendToRecipients, type SendChoices } from '../../send';
import * as z from 'zod';
import * as op from './operations';

const labels = {
	phoneNumbers: 'Phone Numbers',
	phoneNumber: 'Phone Number',
	signName: 'Sign Name',
	templateCode: 'Template',
	templateParams: 'Template Parameters',
	recipients: 'Recipients',
	to: 'To',
	message: 'Message',
	sendDate: 'Send Date',
	startDate: 'Start Date',
	endDate: 'End Date',
	outId: 'Out ID',
	limit: 'Limit',
};

/** How long a template text that could not be read is forgotten before it is asked again. */
const RETRY_LOOKUP_MS = 10 * 60_000;

/** A template's text, read once (GetSmsTemplate) into the context's cache; best effort, never fails a send. */
export async function alibabaTemplateText(ctx: ActionContext, templateCode: string): Promise<string | undefined> {
	const key = `alibaba:template:${templateCode}`;
	const hit = ctx.cache.get(key) as { text: Promise<string | undefined>; expires: number } | undefined;
	if (hit && hit.expires > ctx.now()) return hit.text;
	const entry = {
		text: ctx.call(op.getTemplate, { templateCode }).then(
			(t) => t.TemplateContent,
			() => undefined,
		),
		expires: Infinity,
	};
	ctx.cache.set(key, entry);
	const text = await entry.text;
	if (text === undefined) entry.expires = ctx.now() + RETRY_LOOKUP_MS;
	return text;
}

/** The ${names} a template text needs. */
export function templateVariables(content: string): string[] {
	return [...new Set([...content.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]))];
}

function checkParams(templateCode: string, content: string | undefined, params: Record<string, string>, who = ''): void {
	if (content === undefined) return;
	const missing = templateVariables(content).filter((name) => params[name] === undefined || params[name] === '');
	if (!missing.length) return;
	throw new SmsError({
		provider: 'alibaba',
		code: 'INVALID_INPUT',
		message: `Template Parameters${who}: template ${templateCode} needs ${missing.map((m) => `\${${m}}`).join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} missing; nothing was sent.`,
		hint: `Give a value for every \${variable}. The template reads: "${content}"`,
		kind: 'input',
	});
}

/** Lookups run a few at a time: one request per recipient and day. */
const LOOKUP_CONCURRENCY = 4;
const DAY_MS = 24 * 3600_000;

/**
 * The recipients an earlier send with this OutId reached: QuerySendDetails by number, today and yesterday
 * (China dates), lists every message Alibaba took with the OutId it was sent with.
 */
async function alreadySent(ctx: ActionContext, outId: string, numbers: string[]): Promise<Map<string, string | null>> {
	const found = new Map<string, string | null>();
	const days = [ctx.now(), ctx.now() - DAY_MS].map((ms) =>
		new Date(ms + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, ''),
	);
	await mapLimit(numbers, LOOKUP_CONCURRENCY, async (phoneNumber) => {
		for (const sendDate of days) {
			for (let currentPage = 1; ; currentPage++) {
				const page = await ctx.call(op.querySendDetails, { phoneNumber, sendDate, pageSize: 50, currentPage });
				if (page.some((d) => d.OutId === outId)) return void found.set(phoneNumber, null);
				if (page.length < 50) break;
			}
		}
	});
	return found;
}

/** The OutId a send carries, which is its key: the user's own Out ID, else the Idempotency Key (hashed when long). */
function outIdOf(input: Record<string, unknown>, choices: SendChoices): string | undefined {
	const given = typeof input.outId === 'string' && input.outId.trim() ? input.outId.trim() : undefined;
	const outId = given ?? (choices.idempotencyKey && keyForField(choices.idempotencyKey, 64));
	choices.idempotencyKey = outId || undefined;
	return choices.idempotencyKey;
}

const phoneLabel = labels.phoneNumbers;

/** SendSms to any number of recipients, each with its own outcome (core/send.ts), in requests of at most 1000. */
const send = defineAction({
	name: 'message.send',
	sends: true,
	recipients: 'phoneNumbers',
	batchSize: op.ALIBABA_MAX_NUMBERS,
	labels,
	async run(input, ctx) {
		const choices = sendChoices(input);
		const outId = outIdOf(input, choices);
		const settings = validate('alibaba', op.sendSms.input, { ...input, outId, phoneNumbers: ['+8613800000000'] }, labels);
		let templateContent = settings.templateContent;
		return sendToRecipients({
			provider: 'alibaba',
			parallel: ctx.parallel,
			label: phoneLabel,
			recipients: recipientsOf(input.phoneNumbers),
			choices,
			defaultCountry: ctx.defaultCountry,
			localise: mainland,
			async prepare() {
				templateContent ??= await alibabaTemplateText(ctx, settings.templateCode);
				checkParams(settings.templateCode, templateContent, settings.templateParams);
			},
			alreadySent: (numbers) => alreadySent(ctx, outId!, numbers),
			batches: (valid) => chunk(valid, op.ALIBABA_MAX_NUMBERS),
			send: (batch) => ctx.call(op.sendSms, { ...input, outId, phoneNumbers: batch.map((r) => r.to), templateContent }),
			result: unsentResult,
		});
	},
});

/** A recipient that was not sent (or that an earlier run reached), in the shape of a send result. */
function unsentResult(
	to: string,
	status: op.AlibabaSendResult['status'],
	error: SmsError | null,
	messageId: string | null = null,
): op.AlibabaSendResult {
	return {
		provider: 'alibaba',
		status,
		to,
		messageId,
		encoding: null,
		segments: null,
		characters: null,
		error: resultError(error),
		BizId: messageId,
		RequestId: null,
		Code: error?.code ?? '',
		Message: error?.message ?? '',
	};
}

const batchInput = z
	.object({ recipients: z.array(z.object({ to: z.unknown() }).loose()).min(1, 'add at least one recipient') })
	.loose();

/** Alibaba's own habit: bare 11-digit mainland numbers. */
const mainland = (n: string) => (/^1\d{10}$/.test(n) ? `+86${n}` : n);

/** Alibaba's own habit first (bare 11-digit mainland numbers), then the account's default country. */
function localNumbers(value: unknown, defaultCountry: string | undefined): unknown {
	if (value === undefined || value === null) return value;
	return applyDefaultCountry(splitReceivers(value).map(mainland), defaultCountry);
}

/**
 * SendBatchSms: one recipient per entry (its own sign and parameters), in requests of at most 100. Results
 * come back in the recipients' order, so an editor can pair each with the item it came from.
 */
const sendBatch = defineAction({
	name: 'message.sendBatch',
	sends: true,
	labels,
	async run(input, ctx) {
		const choices = sendChoices(input);
		const outId = outIdOf(input, choices);
		const { recipients } = validate('alibaba', batchInput, input, labels);
		// Every entry's own fields are checked first, with a stand-in number; the numbers one by one after.
		const checked = validate(
			'alibaba',
			op.wholeBatchInput,
			{ ...input, outId, recipients: recipients.map((r) => ({ ...r, to: '+8613800000000' })) },
			labels,
		);
		let templateContent = checked.templateContent;
		return sendToRecipients({
			provider: 'alibaba',
			parallel: ctx.parallel,
			label: labels.recipients,
			recipients: checked.recipients.map((r, i) => ({ ...r, to: recipients[i].to })),
			choices,
			defaultCountry: ctx.defaultCountry,
			localise: mainland,
			async prepare() {
				templateContent ??= await alibabaTemplateText(ctx, checked.templateCode);
				checked.recipients.forEach((r, i) =>
					checkParams(checked.templateCode, templateContent, r.templateParams, `, recipient ${i + 1}`),
				);
			},
			alreadySent: (numbers) => alreadySent(ctx, outId!, numbers),
			batches: (valid) => chunk(valid, op.ALIBABA_MAX_BATCH),
			send: (batch) => ctx.call(op.sendBatchSms, { ...checked, outId, recipients: batch, templateContent }),
			result: unsentResult,
		});
	},
});

/** The 2018-05-01 international API: one SendMessageToGlobe per number, each with its own result. */
const sendInternational = defineAction({
	name: 'message.sendInternational',
	sends: true,
	labels,
	async run(input, ctx) {
		const choices = sendChoices(input);
		if (choices.skipAlreadySent) {
			throw new SmsError({
				provider: 'alibaba',
				code: 'INVALID_INPUT',
				message:
					'Skip Recipients Already Sent: the international API has no field Alibaba echoes back, so it cannot tell what was sent.',
				hint: 'Turn it off for Send International, or use Send (SendSms), which carries the key as OutId.',
				kind: 'input',
			});
		}
		validate('alibaba', op.sendToGlobe.input, { ...input, to: '+33601020304' }, labels);
		// One request per number: each gets its own message id and segments.
		return sendToRecipients({
			provider: 'alibaba',
			parallel: ctx.parallel,
			label: labels.to,
			recipients: recipientsOf(input.to),
			choices,
			defaultCountry: ctx.defaultCountry,
			localise: mainland,
			batches: (valid) => valid.map((r) => [r]),
			send: async ([r]) => [await ctx.call(op.sendToGlobe, { ...input, to: r.to })],
			result: unsentResult,
		});
	},
});

/** QuerySendDetails, one page or every page (Return All). */
const deliveryStatus = defineAction({
	name: 'deliveryStatus.getMany',
	sends: false,
	labels,
	async run(input, ctx) {
		const { returnAll, limit, ...rest } = input as { returnAll?: boolean; limit?: number; phoneNumber?: unknown };
		const query = { ...rest, phoneNumber: (localNumbers(rest.phoneNumber, ctx.defaultCountry) as unknown[] | undefined)?.[0] };
		if (!returnAll) return ctx.call(op.querySendDetails, { ...query, pageSize: limit ?? 50, currentPage: 1 });
		const all: object[] = [];
		for (let currentPage = 1; ; currentPage++) {
			const page = await ctx.call(op.querySendDetails, { ...query, pageSize: 50, currentPage });
			all.push(...page);
			if (page.length < 50) return all;
		}
	},
});

/** Every Alibaba Cloud SMS action, keyed by the one vocabulary both editors use. */
export const alibabaActions: Record<string, Action> = Object.fromEntries(
	[
		send,
		sendBatch,
		sendInternational,
		deliveryStatus,
		callAction(op.querySendStatistics, labels),
		callAction(op.createTemplate, labels),
		callAction(op.updateTemplate, labels),
		callAction(op.getTemplate, labels),
		callAction(op.listTemplates, labels),
		callAction(op.deleteTemplate, labels),
		callAction(op.createSign, labels),
		callAction(op.updateSign, labels),
		callAction(op.getSign, labels),
		callAction(op.listSigns, labels),
		callAction(op.deleteSign, labels),
	].map((action) => [action.name, action]),
);
