import type { SmsError } from '../../errors';
import { validate } from '../../operation';
import { toE164 } from '../../phone';
import { callAction, defineAction, type Action, type ActionContext } from '../../provider';
import { recipientsOf, resultError, sendChoices, sendToRecipients } from '../../send';
import * as op from './operations';

const labels = {
	recipients: 'Recipients',
	to: 'Recipients',
	message: 'Message',
	device: 'Sending Phone',
	mediaUrl: 'Media URL',
	guid: 'Message GUID',
	number: 'Phone Number',
	after: 'Received After',
};

/** A recipient that was not sent (or that an earlier run reached), in the shape of a send result. */
function unsentResult(
	channel: 'sms' | 'whatsapp',
	to: string,
	status: op.SmsMobileApiSendResult['status'],
	error: SmsError | null,
	messageId: string | null = null,
): op.SmsMobileApiSendResult {
	return {
		provider: 'smsmobileapi',
		status,
		to,
		messageId,
		encoding: null,
		segments: null,
		characters: null,
		error: resultError(error),
		channel,
		guid: messageId,
		raw: {},
	};
}

/**
 * SMSMobileAPI echoes no field of ours, so the message itself is the key: a recipient whose sent log holds
 * the same text (searched by keyword) already got it.
 */
async function alreadySent(ctx: ActionContext, message: string, numbers: string[]): Promise<Map<string, string | null>> {
	const wanted = new Set(numbers);
	const found = new Map<string, string | null>();
	for (const row of await ctx.call(op.listSent, { keyword: message })) {
		const to = toE164(row.to);
		const text = (row.raw as { message?: unknown }).message;
		if (to && wanted.has(to) && (text === undefined || text === message) && !found.has(to)) found.set(to, row.guid || null);
	}
	return found;
}

/**
 * Sends to any number of recipients, one request each (the API takes one recipient per call), each with its
 * own outcome (core/send.ts).
 */
function send(name: string, channel: 'sms' | 'whatsapp'): Action {
	return defineAction({
		name,
		sends: true,
		labels,
		async run(input, ctx) {
			validate('smsmobileapi', op.sendMessage.input, { ...input, to: '+33601020304', channel }, labels);
			const message = String(input.message);
			return sendToRecipients({
				provider: 'smsmobileapi',
				parallel: ctx.parallel,
				label: labels.recipients,
				recipients: recipientsOf(input.recipients),
				choices: sendChoices(input),
				defaultCountry: ctx.defaultCountry,
				alreadySent: (numbers) => alreadySent(ctx, message, numbers),
				batches: (valid) => valid.map((r) => [r]),
				send: async ([r]) => [await ctx.call(op.sendMessage, { ...input, to: r.to, channel })],
				result: (to, status, error, messageId) => unsentResult(channel, to, status, error, messageId),
			});
		},
	});
}

/** Every SMSMobileAPI action, keyed by the one vocabulary both editors use. */
export const smsmobileapiActions: Record<string, Action> = Object.fromEntries(
	[
		send('message.send', 'sms'),
		send('message.sendWhatsApp', 'whatsapp'),
		callAction(op.resendMessage, labels),
		callAction(op.listSent, labels),
		callAction(op.listReceived, labels),
		callAction(op.deleteReceived, labels),
		callAction(op.listDevices, labels),
		callAction(op.checkWhatsApp, labels),
	].map((action) => [action.name, action]),
);
