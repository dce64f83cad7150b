import type { NodeMessageInFlow } from 'node-red';
import { pick, textFromPayload } from '../../shared/fields';
import type { ActionInput, ClientRole, Fields } from '../../shared/provider';

/** A schedule as the API wants it, seconds since the epoch: from seconds, milliseconds, a Date or an ISO date. */
export function unixSeconds(value: unknown): unknown {
	if (value instanceof Date) return Math.floor(value.getTime() / 1000);
	if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return unixSeconds(Number(value));
	if (typeof value === 'number') return value > 1e11 ? Math.floor(value / 1000) : value;
	if (typeof value === 'string' && value.trim() && !Number.isNaN(Date.parse(value))) return Math.floor(Date.parse(value) / 1000);
	return value === '' ? undefined : value;
}

/**
 * message.send and message.sendWhatsApp: the recipients (the node's To, else msg.to, else msg.recipients),
 * the text (the node's Message, else msg.payload when it is a string), the sending phone, a schedule, and for
 * WhatsApp a media URL. One request per recipient is the core's: any number of them.
 */
export function smsmobileapiSendInput(action: string, def: Fields, msg: NodeMessageInFlow): ActionInput {
	const input: ActionInput = {
		recipients: pick(def.recipients, msg.to, msg.recipients) ?? [],
		message: textFromPayload('smsmobileapi', 'Message', def.message, msg.payload),
		device: pick(def.device, msg.device),
		scheduleAt: unixSeconds(pick(def.scheduleAt, msg.scheduleAt)),
	};
	if (action === 'message.sendWhatsApp') input.mediaUrl = pick(def.mediaUrl, msg.mediaUrl);
	return input;
}

export const smsmobileapiSend: ClientRole = {
	defaultAction: 'message.send',
	actions: { 'message.send': {}, 'message.sendWhatsApp': {} },
	input: (action, def, msg) => smsmobileapiSendInput(action, def, msg),
};
