import type { NodeMessageInFlow } from 'node-red';
import { payloadObject, pick, pickFlag } from '../../shared/fields';
import type { ActionInput, ClientRole, Fields } from '../../shared/provider';

/**
 * sentLog.getMany: the log of messages sent from the API, each with its status (queued on the phone, sent by
 * it, failed). The GUID may come from one send result in msg.payload (e.g. after a split node).
 */
export function smsmobileapiSentLogInput(def: Fields, msg: NodeMessageInFlow): ActionInput {
	const result = payloadObject(msg.payload);
	return {
		guid: pick(def.guid, msg.guid, msg.messageId, result.guid, result.messageId),
		before: pick(def.before, msg.before),
		keyword: pick(def.keyword, msg.keyword),
		apiErrors: pickFlag(def.apiErrors, msg.apiErrors),
		mobileErrors: pickFlag(def.mobileErrors, msg.mobileErrors),
	};
}

export const smsmobileapiStatus: ClientRole = {
	defaultAction: 'sentLog.getMany',
	actions: { 'sentLog.getMany': {} },
	input: (_action, def, msg) => smsmobileapiSentLogInput(def, msg),
};
