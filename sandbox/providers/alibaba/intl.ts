import { rfc1123China } from './dates';
import { BusinessError } from './errors';
import { optional, parseJson, required, stringArray, stringRecord, type Action, type Call } from './params';
import { parseGlobeNumber, type PhoneNumber } from './phone';
import { internationalSegments } from './segments';
import { render, variables } from './send';
import type { GlobeMessage } from './state';

/**
 * Dysmsapi 2018-05-01, the international API (specs/aliyun.md §0.9; models from
 * @alicloud/dysmsapi20180501 1.0.10): `ResponseCode`/`ResponseDescription` instead of
 * `Code`/`Message`, no mainland numbers. Its failure codes follow the vendor's Go Globe error page;
 * the exact code for a mainland number is [UNCONFIRMED].
 */

export const MAX_GLOBE_BATCH = 1000;
const ACCEPTED = 'The SMS Send Request was accepted';

/** SendMessageToGlobe: free text to one number. */
export const sendMessageToGlobe: Action = (call) => {
	const to = checkNumber(required(call, 'To'));
	const text = required(call, 'Message');
	const from = optional(call, 'From') ?? '';
	const message = record(call, [{ to, text }], from, 'SendMessageToGlobe', null)[0];
	return {
		...accepted(),
		To: to.digits,
		From: from,
		MessageId: message.messageId,
		Segments: String(message.segments),
		NumberDetail: numberDetail(to),
	};
};

/** SendMessageWithTemplate: an approved template, its parameters and a sign (`From`). */
export const sendMessageWithTemplate: Action = (call) => {
	const to = checkNumber(required(call, 'To'));
	const from = required(call, 'From');
	const templateCode = required(call, 'TemplateCode');
	const template = call.state.templates.get(templateCode);
	if (template?.status !== 1) throw new BusinessError('SMS_CONTENT_CODE_ILLEGAL', `Template ${templateCode} is not approved.`);
	const raw = optional(call, 'TemplateParam');
	const params = raw === undefined ? {} : stringRecord(parseJson(raw), 'TemplateParam');
	const missing = variables(template.content).filter((name) => !params[name]);
	if (missing.length > 0) {
		throw new BusinessError('TEMPLATE_MISSING_PARAMETERS', `Missing template parameters: ${missing.join(', ')}`);
	}
	const message = record(
		call,
		[{ to, text: render(template.content, params) }],
		from,
		'SendMessageWithTemplate',
		templateCode,
	)[0];
	return {
		...accepted(),
		To: to.digits,
		MessageId: message.messageId,
		Segments: String(message.segments),
		NumberDetail: numberDetail(to),
	};
};

/** BatchSendMessageToGlobe: `To` a JSON array (≤ 1000), `Message` one text or an array as long; bad numbers go to FailedList. */
export const batchSendMessageToGlobe: Action = (call) => {
	const numbers = stringArray(required(call, 'To'), 'To');
	const rawMessage = required(call, 'Message');
	const from = optional(call, 'From') ?? '';
	if (numbers.length > MAX_GLOBE_BATCH)
		throw new BusinessError('MOBILE_COUNT_OVER_LIMIT', `To takes at most ${MAX_GLOBE_BATCH} numbers.`);
	const parsed = parseJson(rawMessage);
	const texts = Array.isArray(parsed) ? stringArray(rawMessage, 'Message') : numbers.map(() => rawMessage);
	if (texts.length !== numbers.length) throw new BusinessError('INVALID_PARAMETERS', 'Message must have as many entries as To.');
	const failed: string[] = [];
	const valid: { to: PhoneNumber; text: string }[] = [];
	numbers.forEach((raw, i) => {
		const to = parseGlobeNumber(raw);
		if (to === null || to.mainland) failed.push(raw);
		else valid.push({ to, text: texts[i] });
	});
	const messages = valid.length === 0 ? [] : record(call, valid, from, 'BatchSendMessageToGlobe', null);
	return {
		...accepted(),
		From: from,
		SuccessCount: String(messages.length),
		MessageIdList: JSON.stringify(messages.map((m) => m.messageId)),
		FailedList: JSON.stringify(failed),
	};
};

/** QueryMessage: Status 1 delivered, 2 failed, 3 being sent; RFC-1123 dates in China time. */
export const queryMessage: Action = (call) => {
	const messageId = required(call, 'MessageId');
	const m = call.state.globe.find((g) => g.messageId === messageId);
	if (!m) throw new BusinessError('INVALID_PARAMETERS', `No message ${messageId}.`);
	return {
		ResponseCode: 'OK',
		ResponseDescription: 'success',
		MessageId: m.messageId,
		To: m.to,
		Message: m.message,
		Status: String(m.status),
		ErrorCode: m.errorCode,
		ErrorDescription: m.errorDescription,
		SendDate: rfc1123China(m.sentAt),
		ReceiveDate: m.receivedAt === null ? '' : rfc1123China(m.receivedAt),
		NumberDetail: numberDetail(parseGlobeNumber(m.to)!),
	};
};

function accepted() {
	return { ResponseCode: 'OK', ResponseDescription: ACCEPTED };
}

function checkNumber(raw: string): PhoneNumber {
	const to = parseGlobeNumber(raw);
	if (to === null)
		throw new BusinessError('MOBILE_NUMBER_ILLEGAL', `Invalid number ${raw}: give the country code and number, digits only.`);
	if (to.mainland)
		throw new BusinessError('DOMESTIC_NUMBER_NOT_SUPPORTED', 'Numbers in the Chinese mainland are not supported; use SendSms.');
	return to;
}

function numberDetail(to: PhoneNumber): Record<string, string> {
	return { Carrier: 'SandboxTel', Country: to.country, Region: to.country };
}

/** Charges the balance, records the messages and the request, and answers their ids. */
function record(
	call: Call,
	items: readonly { to: PhoneNumber; text: string }[],
	from: string,
	action: string,
	templateCode: string | null,
): GlobeMessage[] {
	const { state, now } = call;
	const sizes = items.map((i) => internationalSegments(i.text).segments);
	const cost = sizes.reduce((a, b) => a + b, 0);
	if (state.balance < cost) throw new BusinessError('AMOUNT_NOT_ENOUGH', 'The account balance is not enough.');
	state.balance -= cost;
	const taskId = optional(call, 'TaskId') ?? '';
	const messages = items.map((item, i): GlobeMessage => ({
		messageId: `1008${String(state.nextSequence++).padStart(12, '0')}`,
		to: item.to.digits,
		from,
		message: item.text,
		segments: sizes[i],
		taskId,
		country: item.to.country,
		sentAt: now,
		status: 3,
		errorCode: '',
		errorDescription: '',
		receivedAt: null,
	}));
	state.globe.push(...messages);
	state.messages.push({
		action,
		version: call.version,
		accessKeyId: call.accessKeyId,
		phoneNumbers: messages.map((m) => m.to),
		signNames: from === '' ? [] : [from],
		templateCode,
		templateParams: [],
		contents: messages.map((m) => m.message),
		outId: null,
		smsUpExtendCode: optional(call, 'SmsUpExtendCode') ?? null,
		bizId: null,
		messageIds: messages.map((m) => m.messageId),
		segments: sizes,
		receivedAt: new Date(now).toISOString(),
	});
	return messages;
}
