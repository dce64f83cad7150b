import { mapLimit } from '../../batching';
import { SmsError } from '../../errors';
import { validate } from '../../operation';
import { keyForField, recipientsOf, sendChoices, sendToRecipients } from '../../send';
import { callAction, defineAction, type Action, type ActionContext } from '../../provider';
import * as op from './operations';

const labels = {
	smsSdkAppId: 'SmsSdkAppId',
	phoneNumbers: 'Phone Numbers',
	phoneNumber: 'Phone Number',
	templateId: 'Template',
	templateParams: 'Template Parameters',
	signName: 'Signature',
	sessionContext: 'Session Context',
	beginTime: 'Begin Time',
	endTime: 'End Time',
	limit: 'Limit',
};

/** How long a template text that could not be read is forgotten before it is asked again. */
const RETRY_LOOKUP_MS = 10 * 60_000;

/**
 * A template's text, read once (DescribeSmsTemplateList by id) and kept in the context's cache, so a send
 * reports encoding and segments and can check the parameter count. Best effort: a failed lookup never fails
 * the send. Mainland numbers use domestic templates, the others international ones: that list is asked first.
 */
export async function templateText(ctx: ActionContext, templateId: string, domestic: boolean): Promise<string | undefined> {
	if (!/^\d+$/.test(templateId)) return undefined;
	const key = `tencent:template:${templateId}`;
	const hit = ctx.cache.get(key) as { text: Promise<string | undefined>; expires: number } | undefined;
	if (hit && hit.expires > ctx.now()) return hit.text;
	const entry = { text: lookup(ctx, templateId, domestic), expires: Infinity };
	ctx.cache.set(key, entry);
	const text = await entry.text;
	if (text === undefined) entry.expires = ctx.now() + RETRY_LOOKUP_MS;
	return text;
}

async function lookup(ctx: ActionContext, templateId: string, domestic: boolean): Promise<string | undefined> {
	try {
		for (const international of domestic ? [0, 1] : [1, 0]) {
			const found = (await ctx.call(op.listTemplates, { international, ids: [templateId] })).find(
				(t) => String(t.TemplateId) === templateId,
			);
			if (found?.TemplateContent) return found.TemplateContent;
		}
	} catch {
		// Only enriches the result: without it, segments come from Tencent's Fee.
	}
	return undefined;
}

/** The number of parameters a template takes: its highest {n}. */
export function templateParamCount(content: string): number {
	return Math.max(0, ...[...content.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1])));
}

/** How far back a re-run looks for what the first run sent: PullSmsSendStatusByPhoneNumber's 7 days. */
const LOOKBACK_S = 7 * 24 * 3600 - 60;
/** Lookups run a few at a time: one request per recipient. */
const LOOKUP_CONCURRENCY = 4;

/**
 * The recipients an earlier send with this SessionContext reached: Tencent's status by phone number lists the
 * messages it has a delivery report for, with their SessionContext (when the account has that echo enabled).
 * A message still waiting for its report is not listed: README says so.
 */
async function alreadySent(ctx: ActionContext, smsSdkAppId: string, context: string, numbers: string[]) {
	const now = Math.floor(ctx.now() / 1000);
	const found = new Map<string, string | null>();
	await mapLimit(numbers, LOOKUP_CONCURRENCY, async (phoneNumber) => {
		for (let offset = 0; ; offset += 100) {
			const page = await ctx.call(op.pullSendStatusByPhone, {
				smsSdkAppId,
				phoneNumber,
				// No EndTime: up to now, with the report Tencent made a moment after accepting.
				beginTime: now - LOOKBACK_S,
				offset,
				limit: 100,
			});
			const hit = page.find((r) => r.SessionContext === context);
			if (hit) return void found.set(phoneNumber, hit.SerialNo || null);
			if (page.length < 100) return;
		}
	});
	return found;
}

/**
 * Any number of recipients, each with its own outcome (core/send.ts): numbers checked one by one, then
 * requests of at most 200, mainland China numbers apart from the others. The Idempotency Key travels as
 * SessionContext. A template whose text is known is checked against the parameters before anything is sent.
 */
const send = defineAction({
	name: 'message.send',
	sends: true,
	recipients: 'phoneNumbers',
	batchSize: op.TENCENT_MAX_NUMBERS,
	labels,
	async run(input, ctx) {
		const choices = sendChoices(input);
		const settings = validate('tencent', op.sendSettings, input, labels);
		// A Session Context of the user's own is the key; else the Idempotency Key travels as SessionContext.
		const sessionContext =
			settings.sessionContext || (choices.idempotencyKey && keyForField(choices.idempotencyKey, 500)) || undefined;
		choices.idempotencyKey = sessionContext;
		const recipients = recipientsOf(input.phoneNumbers);
		let templateContent = settings.templateContent;
		const prepare = async () => {
			const domestic = String(recipients[0]?.to ?? '')
				.trim()
				.replace(/^00/, '+')
				.startsWith('+86');
			templateContent ??= await templateText(ctx, settings.templateId, domestic);
			if (templateContent === undefined) return;
			const wanted = templateParamCount(templateContent);
			if (wanted === settings.templateParams.length) return;
			throw new SmsError({
				provider: 'tencent',
				code: 'INVALID_INPUT',
				message: `Template Parameters: template ${settings.templateId} takes ${wanted} parameter${wanted === 1 ? '' : 's'} ({1}…{${wanted}}) and ${settings.templateParams.length} ${settings.templateParams.length === 1 ? 'was' : 'were'} given; nothing was sent.`,
				hint: `Give one value per placeholder, in order. The template reads: "${templateContent}"`,
				kind: 'input',
			});
		};
		return sendToRecipients({
			provider: 'tencent',
			parallel: ctx.parallel,
			label: labels.phoneNumbers,
			recipients,
			choices,
			defaultCountry: ctx.defaultCountry,
			prepare,
			alreadySent: (numbers) => alreadySent(ctx, settings.smsSdkAppId, sessionContext!, numbers),
			batches: (valid) => op.tencentBatches(valid, (r) => r.to),
			send: (batch) =>
				ctx.call(op.sendSms, { ...settings, sessionContext, phoneNumbers: batch.map((r) => r.to), templateContent }),
			result: op.unsentResult,
		});
	},
});

/** Every Tencent Cloud SMS action, keyed by the one vocabulary both editors use. */
export const tencentActions: Record<string, Action> = Object.fromEntries(
	[
		send,
		callAction(op.pullSendStatus, labels),
		callAction(op.pullSendStatusByPhone, labels),
		callAction(op.pullReplies, labels),
		callAction(op.pullRepliesByPhone, labels),
		callAction(op.addTemplate, labels),
		callAction(op.modifyTemplate, labels),
		callAction(op.deleteTemplate, labels),
		callAction(op.listTemplates, labels),
		callAction(op.addSign, labels),
		callAction(op.modifySign, labels),
		callAction(op.deleteSign, labels),
		callAction(op.listSigns, labels),
		callAction(op.sendStatistics, labels),
		callAction(op.callbackStatistics, labels),
		callAction(op.packageStatistics, labels),
	].map((action) => [action.name, action]),
);
