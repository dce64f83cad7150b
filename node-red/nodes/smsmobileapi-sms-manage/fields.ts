import type { NodeMessageInFlow } from 'node-red';
import { payloadObject, pick, pickFlag, pickText } from '../../shared/fields';
import type { ActionInput, ClientRole, Fields } from '../../shared/provider';

/** The node fields each action reads (as FIELDS in editor.html). */
export const MANAGE_FIELDS: Record<string, string[]> = {
	'message.resend': ['guid', 'channel'],
	'received.getMany': ['after', 'onlyUnread', 'device'],
	'received.delete': ['guid', 'dateStart', 'dateEnd'],
	'device.getMany': [],
	'whatsapp.checkNumber': ['number'],
};

/** The GUID of a message: the node's, msg.guid, msg.messageId, or that of one result or log row in msg.payload. */
function guidOf(def: Fields, msg: NodeMessageInFlow, item: Record<string, unknown>): unknown {
	return pickText(def.guid, msg.guid, msg.messageId, item.guid, item.messageId);
}

/**
 * message.resend: one message, or — when msg.payload is a list of sent-log rows or send results (the output of
 * a status node) and no GUID is set — each of them, one resend per item.
 */
export function smsmobileapiResendInput(def: Fields, msg: NodeMessageInFlow): ActionInput | ActionInput[] {
	const channel = (item: Record<string, unknown>) => pick(def.channel, msg.channel, item.channel) ?? 'sms';
	if (Array.isArray(msg.payload) && !pick(def.guid, msg.guid, msg.messageId)) {
		return (msg.payload as unknown[]).map((entry) => {
			const item = payloadObject(entry);
			return { guid: pickText(item.guid, item.messageId, typeof entry === 'string' ? entry : undefined), channel: channel(item) };
		});
	}
	const item = payloadObject(msg.payload);
	return { guid: guidOf(def, msg, item), channel: channel(item) };
}

export function smsmobileapiManageInput(action: string, def: Fields, msg: NodeMessageInFlow): ActionInput | ActionInput[] {
	const p = payloadObject(msg.payload);
	switch (action) {
		case 'message.resend':
			return smsmobileapiResendInput(def, msg);
		case 'received.getMany':
			return {
				after: pick(def.after, msg.after, p.after),
				onlyUnread: pickFlag(def.onlyUnread, msg.onlyUnread ?? p.onlyUnread),
				device: pick(def.device, msg.device, p.device),
			};
		case 'received.delete': {
			const input = {
				guid: pick(def.guid, msg.guid, p.guid),
				dateStart: pick(def.dateStart, msg.dateStart, p.dateStart),
				dateEnd: pick(def.dateEnd, msg.dateEnd, p.dateEnd),
			};
			// The core refuses a delete without a filter unless it is asked to delete them all.
			return { ...input, all: msg.deleteAll === true };
		}
		case 'whatsapp.checkNumber':
			return {
				number: pickText(def.number, msg.to, msg.number, p.number, typeof msg.payload === 'string' ? msg.payload : undefined),
			};
		default:
			return {};
	}
}

/** Resend, received SMS (list, delete from the server log), the connected phones, the WhatsApp check. */
export const smsmobileapiManage: ClientRole = {
	defaultAction: 'device.getMany',
	actions: {
		'message.resend': { one: true },
		'received.getMany': {},
		'received.delete': { one: true },
		'device.getMany': {},
		'whatsapp.checkNumber': { one: true },
	},
	input: (action, def, msg) => smsmobileapiManageInput(action, def, msg),
};
