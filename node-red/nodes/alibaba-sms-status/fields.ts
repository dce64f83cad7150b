import type { NodeMessageInFlow } from 'node-red';
import { payloadObject, pick, pickFlag, pickNumber, pickText } from '../../shared/fields';
import type { ActionInput, ClientRole, Fields } from '../../shared/provider';

/**
 * deliveryStatus.getMany: one number's messages on one day (QuerySendDetails). The number and BizId may come
 * from one send result in msg.payload (e.g. after a split node), so a send node's output can be followed. A date
 * left empty is today: the core reads an epoch as a China date. The core also reads 11-digit mainland numbers
 * and national ones with the account's country.
 */
export function alibabaDetailsInput(def: Fields, msg: NodeMessageInFlow, now: () => number = Date.now): ActionInput {
	const result = payloadObject(msg.payload);
	return {
		phoneNumber: pickText(def.phoneNumber, msg.phoneNumber, msg.to, result.to),
		sendDate: pick(def.sendDate, msg.sendDate) ?? now(),
		bizId: pick(def.bizId, msg.bizId, msg.messageId, result.messageId),
		limit: pickNumber(def.limit, msg.limit),
		returnAll: pickFlag(def.returnAll, msg.returnAll),
	};
}

/** statistics.get: counts per day between two dates (QuerySendStatistics); both default to today. */
export function alibabaStatisticsInput(def: Fields, msg: NodeMessageInFlow, now: () => number = Date.now): ActionInput {
	return {
		international: pickFlag(def.international, msg.international),
		startDate: pick(def.startDate, msg.startDate) ?? now(),
		endDate: pick(def.endDate, msg.endDate) ?? now(),
		signName: pick(def.signName, msg.signName),
		templateType: pickNumber(def.templateType, msg.templateType),
		pageIndex: pickNumber(msg.pageIndex),
		pageSize: pickNumber(def.limit, msg.limit),
	};
}

export const alibabaStatus: ClientRole = {
	defaultAction: 'deliveryStatus.getMany',
	actions: { 'deliveryStatus.getMany': {}, 'statistics.get': {} },
	input: (action, def, msg) => (action === 'statistics.get' ? alibabaStatisticsInput(def, msg) : alibabaDetailsInput(def, msg)),
};
