import { chunk, sendInBatches } from '../../batching';
import { SmsError } from '../../errors';
import { validate } from '../../operation';
import { applyDefaultCountry, splitReceivers } from '../../phone';
import { callAction, defineAction, type Action, type ActionContext } from '../../provider';
import { e164List } from '../../schemas';
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

const sendInput = z.object({ phoneNumbers: e164List }).loose();

/** SendSms to any number of recipients: every number checked first, then requests of at most 1000. */
const send = defineAction({
	name: 'message.send',
	sends: true,
	labels,
	async run(input, ctx) {
		const raw = { ...input, phoneNumbers: localNumbers(input.phoneNumbers, ctx.defaultCountry) };
		const { phoneNumbers } = validate('alibaba', sendInput, raw, labels);
		const first = validate('alibaba', op.sendSms.input, { ...raw, phoneNumbers: phoneNumbers.slice(0, 1) }, labels);
		const templateContent = first.templateContent ?? (await alibabaTemplateText(ctx, first.templateCode));
		checkParams(first.templateCode, templateContent, first.templateParams);
		return sendInBatches(
			'alibaba',
			chunk(phoneNumbers, op.ALIBABA_MAX_NUMBERS),
			(batch) => ctx.call(op.sendSms, { ...raw, phoneNumbers: batch, templateContent }),
			failedSend,
		);
	},
});

function failedSend(to: string, error: { code: string; message: string }): op.AlibabaSendResult {
	return {
		provider: 'alibaba',
		status: 'failed',
		to,
		messageId: null,
		encoding: null,
		segments: null,
		characters: null,
		error: { code: error.code, message: error.message },
		BizId: null,
		RequestId: null,
		Code: error.code,
		Message: error.message,
	};
}

const batchInput = z
	.object({ recipients: z.array(z.object({ to: z.unknown() }).loose()).min(1, 'add at least one recipient') })
	.loose();

/** Alibaba's own habit first (bare 11-digit mainland numbers), then the account's default country. */
function localNumbers(value: unknown, defaultCountry: string | undefined): unknown {
	if (value === undefined || value === null) return value;
	const parts = splitReceivers(value).map((n) => (/^1\d{10}$/.test(n) ? `+86${n}` : n));
	return applyDefaultCountry(parts, defaultCountry);
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
		const { recipients } = validate('alibaba', batchInput, input, labels);
		const localised = recipients.map((r) => ({ ...r, to: (localNumbers(r.to, ctx.defaultCountry) as unknown[])[0] ?? r.to }));
		const checked = validate('alibaba', op.wholeBatchInput, { ...input, recipients: localised }, labels);
		const templateContent = checked.templateContent ?? (await alibabaTemplateText(ctx, checked.templateCode));
		checked.recipients.forEach((r, i) =>
			checkParams(checked.templateCode, templateContent, r.templateParams, `, recipient ${i + 1}`),
		);
		return sendInBatches(
			'alibaba',
			chunk(checked.recipients, op.ALIBABA_MAX_BATCH),
			(batch) => ctx.call(op.sendBatchSms, { ...checked, recipients: batch, templateContent }),
			(recipient, error) => failedSend(recipient.to, error),
		);
	},
});

/** The 2018-05-01 international API: one SendMessageToGlobe per number, each with its own result. */
const sendInternational = defineAction({
	name: 'message.sendInternational',
	sends: true,
	labels,
	async run(input, ctx) {
		const raw = { ...input, to: localNumbers(input.to, ctx.defaultCountry) };
		const { to } = validate('alibaba', z.object({ to: e164List }).loose(), raw, labels);
		// One request per number: each gets its own message id and segments.
		return sendInBatches(
			'alibaba',
			to.map((number) => [number]),
			async ([number]) => [await ctx.call(op.sendToGlobe, { ...raw, to: number })],
			failedSend,
		);
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
