import { receiptCallback, replyCallback, type CallbackPusher } from './callbacks';
import { queueOf, type Receipt, type Reply, type TencentState } from './state';

/**
 * Receipts reach the client three ways, as on the real service: PullSmsSendStatus's queue (each
 * once), PullSmsSendStatusByPhoneNumber's history, and one push of the whole batch, as a JSON
 * array, to the status callback URL if one is set (specs/tencent.md §6.3, §6.4, §8.1).
 */
export function addReceipts(state: TencentState, pusher: CallbackPusher, receipts: readonly Receipt[]): void {
	if (receipts.length === 0) return;
	for (const receipt of receipts) {
		state.receipts.push(receipt);
		queueOf(state.receiptQueues, receipt.smsSdkAppId).push(receipt);
	}
	if (state.callbacks.statusUrl !== null) {
		pusher.push(state, 'status', state.callbacks.statusUrl, receipts.map(receiptCallback));
	}
}

/** The same for a reply; its callback is one JSON object (§6.5, §6.6, §8.2). */
export function addReply(state: TencentState, pusher: CallbackPusher, reply: Reply): void {
	state.replies.push(reply);
	queueOf(state.replyQueues, reply.smsSdkAppId).push(reply);
	if (state.callbacks.replyUrl !== null) pusher.push(state, 'reply', state.callbacks.replyUrl, replyCallback(reply));
}

/** `PullSmsSendStatus` element (§6.3). */
export function receiptView(receipt: Receipt): Record<string, unknown> {
	return {
		UserReceiveTime: receipt.userReceiveTime,
		CountryCode: receipt.countryCode,
		SubscriberNumber: receipt.subscriberNumber,
		PhoneNumber: receipt.phoneNumber,
		SerialNo: receipt.serialNo,
		ReportStatus: receipt.reportStatus,
		Description: receipt.errmsg,
		SessionContext: receipt.sessionContext,
	};
}

/** `PullSmsReplyStatus` element (§6.5). */
export function replyView(reply: Reply): Record<string, unknown> {
	return {
		ExtendCode: reply.extendCode,
		CountryCode: reply.countryCode,
		PhoneNumber: reply.phoneNumber,
		SignName: reply.signName,
		ReplyContent: reply.replyContent,
		ReplyTime: reply.replyTime,
		SubscriberNumber: reply.subscriberNumber,
	};
}

/** Default texts of a receipt: the carrier code and the callback's description. */
export const RECEIPT_DEFAULTS = {
	SUCCESS: { errmsg: 'DELIVRD', description: '用户短信送达成功' },
	FAIL: { errmsg: 'UNDELIV', description: '用户短信未送达' },
} as const;
