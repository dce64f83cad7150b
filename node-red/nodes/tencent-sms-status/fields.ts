import { pickNumber, pickText } from '../../shared/fields';
import type { ClientRole } from '../../shared/provider';
import { defaultAppId } from '../tencent-sms-config/account';

/** Queues of receipts and replies, or one number's history; every action answers a list. */
export const tencentStatus: ClientRole = {
	defaultAction: 'deliveryStatus.pull',
	renamed: {
		pullStatus: 'deliveryStatus.pull',
		pullStatusByPhone: 'deliveryStatus.pullByPhoneNumber',
		pullReplies: 'reply.pull',
		pullRepliesByPhone: 'reply.pullByPhoneNumber',
	},
	actions: {
		'deliveryStatus.pull': {},
		'deliveryStatus.pullByPhoneNumber': {},
		'reply.pull': {},
		'reply.pullByPhoneNumber': {},
	},
	input(action, def, msg, account) {
		const common = {
			smsSdkAppId: pickText(def.smsSdkAppId, msg.smsSdkAppId, defaultAppId(account.settings)),
			limit: pickNumber(def.limit, msg.limit),
		};
		if (!action.endsWith('ByPhoneNumber')) return common;
		return {
			...common,
			phoneNumber: pickText(def.phoneNumber, msg.phoneNumber, msg.to),
			beginTime: pickNumber(def.beginTime, msg.beginTime),
			endTime: pickNumber(def.endTime, msg.endTime),
			offset: pickNumber(def.offset, msg.offset),
		};
	},
};
