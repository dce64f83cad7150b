import type { NodeMessageInFlow } from 'node-red';
import { pick, pickFlag, pickNumber, pickText, textFromPayload } from '../../shared/fields';
import type { ClientRole, Fields } from '../../shared/provider';

/** message.send from the node's fields, each empty one taken from msg (see help.html for the list). */
export function ovhSendInput(def: Fields, msg: NodeMessageInFlow): Record<string, unknown> {
	return {
		service: pickText(def.service, msg.service),
		message: textFromPayload('ovh', 'Message', def.message, msg.payload),
		receivers: pick(def.receivers, msg.to, msg.receivers) ?? [],
		sender: pick(def.sender, msg.sender),
		senderForResponse: pickFlag(def.senderForResponse, msg.senderForResponse),
		noStopClause: pickFlag(def.noStopClause, msg.noStopClause),
		priority: pick(def.priority, msg.priority),
		validityPeriod: pickNumber(def.validityPeriod, msg.validityPeriod),
		tag: pick(def.tag, msg.tag),
		differedPeriod: pickNumber(def.differedPeriod, msg.differedPeriod),
		class: pick(def.class, msg.class),
		coding: pick(def.coding, msg.coding),
		charset: pick(def.charset, msg.charset),
	};
}

export const ovhSend: ClientRole = {
	defaultAction: 'message.send',
	actions: { 'message.send': {} },
	input: (_action, def, msg) => ovhSendInput(def, msg),
};
