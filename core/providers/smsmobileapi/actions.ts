import { sendInBatches } from '../../batching';
import { validate } from '../../operation';
import { applyDefaultCountry } from '../../phone';
import { callAction, defineAction, type Action } from '../../provider';
import { e164List } from '../../schemas';
import * as z from 'zod';
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

function failed(to: string, error: { code: string; message: string }, channel: 'sms' | 'whatsapp'): op.SmsMobileApiSendResult {
	return {
		provider: 'smsmobileapi',
		status: 'failed',
		to,
		messageId: null,
		encoding: null,
		segments: null,
		characters: null,
		error: { code: error.code, message: error.message },
		channel,
		guid: null,
		raw: {},
	};
}

const recipients = z.object({ recipients: e164List }).loose();

/**
 * Sends to any number of recipients, one request each (the API takes one recipient per call). Every number is
 * checked first; once one went out, a later failure is reported for its recipient, so nothing is sent twice.
 */
function send(name: string, channel: 'sms' | 'whatsapp'): Action {
	return defineAction({
		name,
		sends: true,
		labels,
		async run(input, ctx) {
			const raw = { ...input, recipients: applyDefaultCountry(input.recipients, ctx.defaultCountry) };
			const { recipients: numbers } = validate('smsmobileapi', recipients, raw, labels);
			return sendInBatches(
				'smsmobileapi',
				numbers.map((to) => [to]),
				async ([to]) => [await ctx.call(op.sendMessage, { ...input, to, channel })],
				(to, error) => failed(to, error, channel),
			);
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
