import { randomInt } from 'node:crypto';
import { action, checkApp } from './call';
import { addReceipts, RECEIPT_DEFAULTS } from './delivery';
import { invalidValue, TencentError } from './errors';
import { optional, required } from './params';
import { parsePhoneNumber, type PhoneNumber } from './phone';
import type { Receipt, SendStatus, SentSms, SmsSign, SmsTemplate, TencentState } from './state';

export const MAX_PHONE_NUMBERS = 200;
const MAX_SESSION_CONTEXT_BYTES = 512;

/** SendSms (specs/tencent.md §6.1): request-wide errors throw, per-number ones go in `SendStatusSet`. */
export const sendSms = action(
	{
		PhoneNumberSet: required('Array of String'),
		SmsSdkAppId: required('String'),
		TemplateId: required('String'),
		SignName: optional('String'),
		TemplateParamSet: optional('Array of String'),
		ExtendCode: optional('String'),
		SessionContext: optional('String'),
		SenderId: optional('String'),
	},
	(call, params) => {
		const { state } = call;
		const numbers = params.PhoneNumberSet;
		if (numbers.length === 0) throw new TencentError('MissingParameter.EmptyPhoneNumberSet');
		if (numbers.length > MAX_PHONE_NUMBERS) throw new TencentError('LimitExceeded.PhoneNumberCountLimit');
		checkApp(call, params.SmsSdkAppId);
		const sessionContext = params.SessionContext ?? '';
		if (Buffer.byteLength(sessionContext, 'utf8') >= MAX_SESSION_CONTEXT_BYTES) {
			throw invalidValue(null, `SessionContext must be shorter than ${MAX_SESSION_CONTEXT_BYTES} bytes.`);
		}

		const parsed = numbers.map(parsePhoneNumber);
		const valid = parsed.filter((n): n is PhoneNumber => n !== null);
		const mainland = valid.some((n) => n.mainland);
		if (mainland && valid.some((n) => !n.mainland)) {
			throw new TencentError('UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber');
		}
		// With no valid number the request counts as domestic, where a signature is required.
		const international = valid.length > 0 && !mainland;
		const sign = checkSign(state, params.SignName, international);
		const template = checkTemplate(state, params.TemplateId, international);

		const templateParams = params.TemplateParamSet ?? [];
		const text = render(template.content, templateParams);
		const content = sign === null ? text : `【${sign.name}】${text}`;
		const paramsMatch = templateParams.length === variableCount(template.content);
		const sentAt = call.now;
		const sent: SentSms[] = [];
		const statuses = numbers.map((raw, i): SendStatus => {
			const number = parsed[i];
			const failure = (code: string, message: string): SendStatus => ({
				SerialNo: '',
				PhoneNumber: number?.e164 ?? raw,
				Fee: 0,
				SessionContext: sessionContext,
				Code: code,
				Message: message,
				IsoCode: '',
			});
			if (number === null) return failure('InvalidParameterValue.IncorrectPhoneNumber', 'incorrect phone number format');
			if (!paramsMatch) {
				return failure(
					'FailedOperation.TemplateParamSetNotMatchApprovedTemplate',
					'request content does not match the template content',
				);
			}
			const serialNo = nextSerialNo(state, sentAt);
			sent.push({
				smsSdkAppId: params.SmsSdkAppId,
				serialNo,
				phoneNumber: number.e164,
				countryCode: number.countryCode,
				subscriberNumber: number.subscriber,
				sessionContext,
				sentAt,
			});
			return {
				SerialNo: serialNo,
				PhoneNumber: number.e164,
				Fee: fee(content),
				SessionContext: sessionContext,
				Code: 'Ok',
				Message: 'send success',
				IsoCode: number.isoCode,
			};
		});

		state.sent.push(...sent);
		state.messages.push({
			action: 'SendSms',
			smsSdkAppId: params.SmsSdkAppId,
			signName: params.SignName ?? null,
			templateId: params.TemplateId,
			templateParams,
			phoneNumbers: numbers,
			sessionContext: params.SessionContext ?? null,
			extendCode: params.ExtendCode ?? null,
			senderId: params.SenderId ?? null,
			content,
			statuses,
			receivedAt: new Date(sentAt).toISOString(),
		});
		if (state.callbacks.autoDeliver)
			addReceipts(
				state,
				call.pusher,
				sent.map((sms) => delivered(sms)),
			);
		return { SendStatusSet: statuses };
	},
);

/**
 * An approved signature by its text (not its id). Required for the Chinese mainland; optional
 * abroad, where any approved one is accepted, so the seeded domestic `SMSKit` serves every number.
 */
function checkSign(state: TencentState, name: string | undefined, international: boolean): SmsSign | null {
	if (name === undefined && international) return null;
	const sign = [...state.signs.values()].find(
		(s) => s.name === name && s.statusCode === 0 && (international || s.international === 0),
	);
	if (!sign) throw new TencentError('FailedOperation.SignatureIncorrectOrUnapproved');
	return sign;
}

function checkTemplate(state: TencentState, id: string, international: boolean): SmsTemplate {
	const template = /^\d{1,15}$/.test(id) ? state.templates.get(Number(id)) : undefined;
	if (!template || template.statusCode !== 0) throw new TencentError('FailedOperation.TemplateIncorrectOrUnapproved');
	if (!template.anyNumber && international && template.international === 0) {
		throw new TencentError('UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone');
	}
	if (!template.anyNumber && !international && template.international === 1) {
		throw new TencentError('UnsupportedOperation.GlobalTemplateToChineseMainlandPhone');
	}
	return template;
}

/** Distinct `{n}` variables of a template. */
export function variableCount(content: string): number {
	return new Set(content.match(/\{\d+\}/g) ?? []).size;
}

/** `{n}` takes the n-th parameter (1-based); a missing one leaves the placeholder. */
export function render(content: string, params: readonly string[]): string {
	return content.replace(/\{(\d+)\}/g, (placeholder, n: string) => params[Number(n) - 1] ?? placeholder);
}

/**
 * Billed segments of the text with its signature: one up to 70 characters, then 67 per segment
 * (specs/tencent.md §10; the exact rule is unconfirmed).
 */
export function fee(content: string): number {
	const length = [...content].length;
	return length <= 70 ? 1 : Math.ceil(length / 67);
}

/** `<4 digits>:<digits>` like the real ones; the sequence keeps them unique, the random part apart across resets. */
function nextSerialNo(state: TencentState, now: number): string {
	const sequence = String(state.nextSerial++).padStart(8, '0');
	return `2433:${Math.floor(now / 1000)}${randomInt(1000, 10000)}${sequence}`;
}

/** The receipt autoDeliver gives: received one second after sending. */
function delivered(sms: SentSms): Receipt {
	return {
		smsSdkAppId: sms.smsSdkAppId,
		serialNo: sms.serialNo,
		phoneNumber: sms.phoneNumber,
		countryCode: sms.countryCode,
		subscriberNumber: sms.subscriberNumber,
		reportStatus: 'SUCCESS',
		...RECEIPT_DEFAULTS.SUCCESS,
		userReceiveTime: Math.floor(sms.sentAt / 1000) + 1,
		sessionContext: sms.sessionContext,
	};
}
