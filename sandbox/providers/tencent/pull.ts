import { action, checkApp, checkPage } from './call';
import { receiptView, replyView } from './delivery';
import { invalidValue } from './errors';
import { optional, required } from './params';
import { parsePhoneNumber } from './phone';
import { queueOf } from './state';

/** Pulls return at most 100 items (specs/tencent.md §6.3–§6.6). */
const MAX_PULL = 100;
/** The ByPhoneNumber pulls reach back seven days at most. */
const MAX_LOOKBACK_SECONDS = 7 * 24 * 3600;

const QUEUE_SCHEMA = { Limit: required('Integer'), SmsSdkAppId: required('String') };
const BY_NUMBER_SCHEMA = {
	BeginTime: required('Integer'),
	Offset: required('Integer'),
	Limit: required('Integer'),
	PhoneNumber: required('String'),
	SmsSdkAppId: required('String'),
	EndTime: optional('Integer'),
};

/** §6.3: drains the application's receipt queue, so each receipt is handed out once. */
export const pullSmsSendStatus = action(QUEUE_SCHEMA, (call, params) => {
	checkApp(call, params.SmsSdkAppId);
	checkPage(params.Limit, 0, MAX_PULL);
	const queue = queueOf(call.state.receiptQueues, params.SmsSdkAppId);
	return { PullSmsSendStatusSet: queue.splice(0, params.Limit).map(receiptView) };
});

/** §6.5: the same for replies. */
export const pullSmsReplyStatus = action(QUEUE_SCHEMA, (call, params) => {
	checkApp(call, params.SmsSdkAppId);
	checkPage(params.Limit, 0, MAX_PULL);
	const queue = queueOf(call.state.replyQueues, params.SmsSdkAppId);
	return { PullSmsReplyStatusSet: queue.splice(0, params.Limit).map(replyView) };
});

/** §6.4: one number's receipts received between BeginTime and EndTime (open-ended without it); nothing is drained. */
export const pullSmsSendStatusByPhoneNumber = action(BY_NUMBER_SCHEMA, (call, params) => {
	checkApp(call, params.SmsSdkAppId);
	const { phoneNumber, inWindow } = byNumberFilter(call.now, params);
	const receipts = call.state.receipts.filter(
		(r) => r.smsSdkAppId === params.SmsSdkAppId && r.phoneNumber === phoneNumber && inWindow(r.userReceiveTime),
	);
	return { PullSmsSendStatusSet: receipts.slice(params.Offset, params.Offset + params.Limit).map(receiptView) };
});

/** §6.6. */
export const pullSmsReplyStatusByPhoneNumber = action(BY_NUMBER_SCHEMA, (call, params) => {
	checkApp(call, params.SmsSdkAppId);
	const { phoneNumber, inWindow } = byNumberFilter(call.now, params);
	const replies = call.state.replies.filter(
		(r) => r.smsSdkAppId === params.SmsSdkAppId && r.phoneNumber === phoneNumber && inWindow(r.replyTime),
	);
	return { PullSmsReplyStatusSet: replies.slice(params.Offset, params.Offset + params.Limit).map(replyView) };
});

function byNumberFilter(
	now: number,
	params: { BeginTime: number; EndTime?: number; Limit: number; Offset: number; PhoneNumber: string },
) {
	checkPage(params.Limit, params.Offset, MAX_PULL);
	const begin = params.BeginTime;
	if (begin < Math.floor(now / 1000) - MAX_LOOKBACK_SECONDS) {
		throw invalidValue('BeginTimeVerifyFail', 'BeginTime may reach back seven days at most.');
	}
	const end = params.EndTime;
	if (end !== undefined && end < begin) throw invalidValue('EndTimeVerifyFail', 'EndTime must not be before BeginTime.');
	const number = parsePhoneNumber(params.PhoneNumber);
	if (number === null) throw invalidValue('IncorrectPhoneNumber');
	return {
		phoneNumber: number.e164,
		inWindow: (time: number) => time >= begin && (end === undefined || time <= end),
	};
}
