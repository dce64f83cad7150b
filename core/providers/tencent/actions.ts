import { sendInBatches } from '../../batching';
import { SmsError } from '../../errors';
import { applyDefaultCountry } from '../../phone';
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

/**
 * Any number of recipients: every number is checked first, then they go in requests of at most 200,
 * mainland China numbers apart from the others. A template whose text is known is checked against the
 * parameters given before anything is sent.
 */
const send = defineAction({
	name: 'message.send',
	sends: true,
	labels,
	async run(input, ctx) {
		const plan = op.planSendSms({ ...input, phoneNumbers: applyDefaultCountry(input.phoneNumbers, ctx.defaultCountry) }, labels);
		const first = plan[0];
		const domestic = first.phoneNumbers.every((n) => n.startsWith('+86'));
		const templateContent = first.templateContent ?? (await templateText(ctx, first.templateId, domestic));
		if (templateContent !== undefined) {
			const wanted = templateParamCount(templateContent);
			if (wanted !== first.templateParams.length) {
				throw new SmsError({
					provider: 'tencent',
					code: 'INVALID_INPUT',
					message: `Template Parameters: template ${first.templateId} takes ${wanted} parameter${wanted === 1 ? '' : 's'} ({1}…{${wanted}}) and ${first.templateParams.length} ${first.templateParams.length === 1 ? 'was' : 'were'} given; nothing was sent.`,
					hint: `Give one value per placeholder, in order. The template reads: "${templateContent}"`,
					kind: 'input',
				});
			}
		}
		return sendInBatches(
			'tencent',
			plan.map((p) => p.phoneNumbers),
			(phoneNumbers) => ctx.call(op.sendSms, { ...first, phoneNumbers, templateContent }),
			op.failedSend,
		);
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
