import type { NodeMessageInFlow } from 'node-red';
import { SmsError } from '../../../core';
import { pick, pickNumber, pickText, textFromPayload } from '../../shared/fields';
import type { ActionInput, ClientRole, Fields } from '../../shared/provider';

/** Codes and ids are text to Alibaba: an order number given as a number is sent as its digits. */
function asText(value: unknown): unknown {
	return typeof value === 'number' ? String(value) : value;
}

/** The fields every template send shares: the template, its parameters, OutId, the text for the billing count. */
function templateFields(def: Fields, msg: NodeMessageInFlow): ActionInput {
	return {
		templateCode: asText(pickText(def.templateCode, msg.templateCode)),
		outId: asText(pick(def.outId, msg.outId)),
		templateContent: pick(msg.templateContent),
	};
}

/** message.send: the numbers, the sign, the template and its parameters (node JSON, or msg.templateParams). */
export function alibabaSendInput(def: Fields, msg: NodeMessageInFlow): ActionInput {
	return {
		phoneNumbers: pick(def.phoneNumbers, msg.to, msg.phoneNumbers) ?? [],
		signName: pickText(def.signName, msg.signName),
		templateParams: pick(def.templateParams, msg.templateParams),
		smsUpExtendCode: asText(pick(def.smsUpExtendCode, msg.smsUpExtendCode)),
		...templateFields(def, msg),
	};
}

/**
 * message.sendBatch: msg.payload (else msg.recipients) is the list, one entry per number — `{ to, signName?,
 * templateParams?, smsUpExtendCode? }` or just the number; the node's sign and parameters are the defaults.
 */
export function alibabaBatchInput(def: Fields, msg: NodeMessageInFlow): ActionInput {
	const list = Array.isArray(msg.payload) ? (msg.payload as unknown[]) : msg.recipients;
	if (!Array.isArray(list)) throw notAList(msg.payload);
	const signName = pickText(def.signName, msg.signName);
	const templateParams = pick(def.templateParams, msg.templateParams);
	const recipients = list.map((entry) => {
		if (typeof entry === 'string' || typeof entry === 'number') return { to: entry, signName, templateParams };
		if (!entry || typeof entry !== 'object') return entry;
		const r = entry as Record<string, unknown>;
		return {
			...r,
			signName: pick(r.signName) ?? signName,
			templateParams: pick(r.templateParams) ?? templateParams,
			smsUpExtendCode: asText(pick(r.smsUpExtendCode)),
		};
	});
	return { recipients, ...templateFields(def, msg) };
}

function notAList(payload: unknown): SmsError {
	const kind =
		payload === undefined || payload === null ? 'empty' : typeof payload === 'object' ? 'an object' : `a ${typeof payload}`;
	return new SmsError({
		provider: 'alibaba',
		code: 'INVALID_INPUT',
		message: `Recipients: msg.payload is ${kind}, not a list of recipients; nothing was sent.`,
		hint: 'For a batch send, set msg.payload to an array like [{ "to": "+8613800000000", "templateParams": { "code": "1234" } }].',
		kind: 'input',
	});
}

/** message.sendInternational: free text (the node's Message, else msg.payload) to numbers outside mainland China. */
export function alibabaInternationalInput(def: Fields, msg: NodeMessageInFlow): ActionInput {
	return {
		to: pick(def.phoneNumbers, msg.to, msg.phoneNumbers) ?? [],
		message: textFromPayload('alibaba', 'Message', def.message, msg.payload),
		from: asText(pick(def.from, msg.from)),
		type: pick(def.messageType, msg.messageType),
		taskId: asText(pick(msg.taskId)),
		validityPeriod: pickNumber(msg.validityPeriod),
	};
}

export const alibabaSend: ClientRole = {
	defaultAction: 'message.send',
	actions: { 'message.send': {}, 'message.sendBatch': {}, 'message.sendInternational': {} },
	input(action, def, msg) {
		if (action === 'message.sendBatch') return alibabaBatchInput(def, msg);
		if (action === 'message.sendInternational') return alibabaInternationalInput(def, msg);
		return alibabaSendInput(def, msg);
	},
};
