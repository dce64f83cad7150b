import { chinaDateTime, chinaDay, DAY, parseChinaDay } from './dates';
import { BusinessError } from './errors';
import { integer, optional, page, paginate, required, type Action } from './params';
import { parseNumber } from './phone';
import type { SentSms } from './state';

/** §8.3: how far back SendDate may go. */
const DETAILS_DAYS = 30;

/** QuerySendDetails (§8.3): one number's messages of one China day, newest first, in the DTO wrapper. */
export const querySendDetails: Action = (call) => {
	const rawNumber = required(call, 'PhoneNumber');
	const sendDate = required(call, 'SendDate');
	const paging = page(call, 'CurrentPage', 'PageSize', true);
	const bizId = optional(call, 'BizId');
	const number = parseNumber(rawNumber);
	if (number === null) throw new BusinessError('isv.MOBILE_NUMBER_ILLEGAL', `非法手机号: ${rawNumber}`);
	const day = parseChinaDay(sendDate);
	if (day === null) throw new BusinessError('isv.INVALID_PARAMETERS', 'SendDate must be a date as yyyyMMdd.');
	if (day < parseChinaDay(chinaDay(call.now))! - DETAILS_DAYS * DAY) {
		throw new BusinessError('isv.INVALID_PARAMETERS', `SendDate must be within the last ${DETAILS_DAYS} days.`);
	}
	const matching = call.state.sent
		.filter((s) => s.phoneNumber === number.digits && chinaDay(s.sentAt) === sendDate)
		.filter((s) => bizId === undefined || s.bizId === bizId)
		.reverse();
	return {
		TotalCount: matching.length,
		SmsSendDetailDTOs: { SmsSendDetailDTO: paginate(matching, paging).map(detail) },
	};
};

function detail(sms: SentSms): Record<string, unknown> {
	return {
		PhoneNum: sms.phoneNumber,
		SendStatus: sms.sendStatus,
		ErrCode: sms.errCode,
		TemplateCode: sms.templateCode,
		Content: sms.content,
		SendDate: chinaDateTime(sms.sentAt),
		ReceiveDate: sms.receivedAt === null ? '' : chinaDateTime(sms.receivedAt),
		OutId: sms.outId,
	};
}

/**
 * QuerySendStatistics (§8.4): per China day with messages, how many were sent and what their
 * receipts said. Counts are messages (one per number), filtered by mainland/international,
 * template type and sign.
 */
export const querySendStatistics: Action = (call) => {
	const isGlobe = integer(call, 'IsGlobe', true);
	const start = parseChinaDay(required(call, 'StartDate'));
	const end = parseChinaDay(required(call, 'EndDate'));
	const paging = page(call, 'PageIndex', 'PageSize', true);
	const templateType = integer(call, 'TemplateType');
	const signName = optional(call, 'SignName');
	if (isGlobe !== 1 && isGlobe !== 2) throw new BusinessError('isv.INVALID_PARAMETERS', 'IsGlobe must be 1 or 2.');
	if (start === null || end === null || end < start) {
		throw new BusinessError('isv.INVALID_PARAMETERS', 'StartDate and EndDate must be dates as yyyyMMdd, in order.');
	}
	const days = new Map<string, SentSms[]>();
	for (const sms of call.state.sent) {
		if (sms.mainland !== (isGlobe === 1) || sms.sentAt < start || sms.sentAt >= end + DAY) continue;
		if (templateType !== undefined && sms.templateType !== templateType) continue;
		if (signName !== undefined && sms.signName !== signName) continue;
		const day = chinaDay(sms.sentAt);
		days.set(day, [...(days.get(day) ?? []), sms]);
	}
	const targets = [...days.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([day, list]) => ({
			TotalCount: list.length,
			RespondedSuccessCount: list.filter((s) => s.sendStatus === 3).length,
			RespondedFailCount: list.filter((s) => s.sendStatus === 2).length,
			NoRespondedCount: list.filter((s) => s.sendStatus === 1).length,
			SendDate: day,
		}));
	return { Data: { TotalSize: targets.length, TargetList: paginate(targets, paging) } };
};
