import { randomInt } from 'node:crypto';
import { chinaHour, chinaMinute, DAY } from './dates';
import { BusinessError } from './errors';
import { optional, parseJson, required, stringArray, stringRecord, type Action, type Call } from './params';
import { parseNumber, type PhoneNumber } from './phone';
import { domesticSegments, internationalSegments } from './segments';
import { findSign, type AlibabaState, type SentSms, type SmsTemplate } from './state';

export const MAX_SEND_SMS_NUMBERS = 1000;
export const MAX_BATCH_NUMBERS = 100;
/** §9.1: notification variables 1–35 characters, verification codes 4–6. */
const MAX_PARAM_LENGTH = 35;

interface Recipient {
	readonly number: PhoneNumber;
	readonly signName: string;
	readonly params: Record<string, string>;
	readonly extendCode: string | null;
}

/** SendSms (§8.1): one template, one sign and one BizId for up to 1000 comma-separated numbers. */
export const sendSms: Action = (call) => {
	const rawNumbers = required(call, 'PhoneNumbers');
	const signName = required(call, 'SignName');
	const templateCode = required(call, 'TemplateCode');
	const numbers = rawNumbers.split(',').map((n) => n.trim());
	if (numbers.length > MAX_SEND_SMS_NUMBERS) {
		throw new BusinessError('isv.MOBILE_COUNT_OVER_LIMIT', `PhoneNumbers takes at most ${MAX_SEND_SMS_NUMBERS} numbers.`);
	}
	const parsed = numbers.map(checkNumber);
	const templateParam = optional(call, 'TemplateParam');
	const params = templateParam === undefined ? {} : stringRecord(parseJson(templateParam), 'TemplateParam');
	const extendCode = optional(call, 'SmsUpExtendCode') ?? null;
	return submit(
		call,
		'SendSms',
		templateCode,
		parsed.map((number) => ({ number, signName, params, extendCode })),
	);
};

/** SendBatchSms (§8.2): per-number signs and parameters as JSON arrays of one length, up to 100. */
export const sendBatchSms: Action = (call) => {
	const numbers = stringArray(required(call, 'PhoneNumberJson'), 'PhoneNumberJson');
	const signNames = stringArray(required(call, 'SignNameJson'), 'SignNameJson');
	const templateCode = required(call, 'TemplateCode');
	if (numbers.length > MAX_BATCH_NUMBERS) {
		throw new BusinessError('isv.MOBILE_COUNT_OVER_LIMIT', `PhoneNumberJson takes at most ${MAX_BATCH_NUMBERS} numbers.`);
	}
	const paramJson = optional(call, 'TemplateParamJson');
	const paramList = paramJson === undefined ? undefined : parseJson(paramJson);
	if (paramList !== undefined && !Array.isArray(paramList)) {
		throw new BusinessError('isv.INVALID_JSON_PARAM', 'TemplateParamJson must be a JSON array of objects.');
	}
	const extendJson = optional(call, 'SmsUpExtendCodeJson');
	const extendCodes = extendJson === undefined ? undefined : stringArray(extendJson, 'SmsUpExtendCodeJson');
	const lengths = [signNames.length, paramList?.length, extendCodes?.length].filter((n) => n !== undefined);
	if (numbers.length === 0 || lengths.some((n) => n !== numbers.length)) {
		throw new BusinessError(
			'isv.INVALID_PARAMETERS',
			'PhoneNumberJson, SignNameJson, TemplateParamJson and SmsUpExtendCodeJson must have as many entries.',
		);
	}
	const parsed = numbers.map(checkNumber);
	return submit(
		call,
		'SendBatchSms',
		templateCode,
		parsed.map((number, i) => ({
			number,
			signName: signNames[i],
			params: paramList === undefined ? {} : stringRecord(paramList[i], 'TemplateParamJson'),
			extendCode: extendCodes?.[i] ?? null,
		})),
	);
};

function checkNumber(raw: string): PhoneNumber {
	const number = parseNumber(raw);
	if (number === null) throw new BusinessError('isv.MOBILE_NUMBER_ILLEGAL', `非法手机号: ${raw}`);
	return number;
}

/**
 * The checks both sends share, in the order of §9.1's groups — sign, template, parameters, flow
 * control, balance — then one BizId for the whole request and a record per number.
 */
function submit(call: Call, action: string, templateCode: string, recipients: readonly Recipient[]): Record<string, unknown> {
	const { state, now } = call;
	for (const name of new Set(recipients.map((r) => r.signName))) {
		if (findSign(state, name)?.status !== 1) {
			throw new BusinessError('isv.SMS_SIGNATURE_ILLEGAL', `签名不存在或未审核通过: ${name}`);
		}
	}
	const template = state.templates.get(templateCode);
	if (template?.status !== 1) throw new BusinessError('isv.SMS_TEMPLATE_ILLEGAL', `模板不存在或未审核通过: ${templateCode}`);
	for (const { number } of recipients) checkReach(template, number);
	for (const { params } of recipients) checkParams(template, params);
	checkFlowControl(state, template, recipients, now);

	const contents = recipients.map((r) => `【${findSign(state, r.signName)!.name}】${render(template.content, r.params)}`);
	const sizes = contents.map((content, i) =>
		recipients[i].number.mainland ? domesticSegments(content) : internationalSegments(content).segments,
	);
	const cost = sizes.reduce((a, b) => a + b, 0);
	if (state.balance < cost) throw new BusinessError('isv.AMOUNT_NOT_ENOUGH');
	state.balance -= cost;

	const bizId = nextBizId(state);
	const outId = optional(call, 'OutId') ?? '';
	recipients.forEach((r, i) => {
		const sms: SentSms = {
			bizId,
			phoneNumber: r.number.digits,
			mainland: r.number.mainland,
			signName: findSign(state, r.signName)!.name,
			templateCode,
			templateType: template.type,
			content: contents[i],
			smsSize: sizes[i],
			outId,
			extendCode: r.extendCode,
			sentAt: now,
			sendStatus: 1,
			errCode: '',
			errMsg: '',
			receivedAt: null,
		};
		state.sent.push(sms);
	});
	state.messages.push({
		action,
		version: call.version,
		accessKeyId: call.accessKeyId,
		phoneNumbers: recipients.map((r) => r.number.digits),
		signNames: recipients.map((r) => r.signName),
		templateCode,
		templateParams: recipients.map((r) => r.params),
		contents,
		outId: optional(call, 'OutId') ?? null,
		smsUpExtendCode: recipients.find((r) => r.extendCode !== null)?.extendCode ?? null,
		bizId,
		messageIds: [],
		segments: sizes,
		receivedAt: new Date(now).toISOString(),
	});
	return { BizId: bizId };
}

/** Created templates serve one side of the mainland/international split; the seeded ones both. */
function checkReach(template: SmsTemplate, number: PhoneNumber): void {
	if (template.anyNumber) return;
	if (template.type === 3 && number.mainland) throw new BusinessError('isv.DOMESTIC_NUMBER_NOT_SUPPORTED');
	if (template.type !== 3 && !number.mainland) {
		throw new BusinessError('isv.SMS_TEMPLATE_ILLEGAL', '国内短信模板不支持发送国际/港澳台号码');
	}
}

/** Distinct `${name}` variables of a template, in order. */
export function variables(content: string): string[] {
	return [...new Set([...content.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1]))];
}

export function render(content: string, params: Readonly<Record<string, string>>): string {
	return content.replace(/\$\{([^}]+)\}/g, (placeholder, name: string) => params[name] ?? placeholder);
}

function checkParams(template: SmsTemplate, params: Readonly<Record<string, string>>): void {
	const missing = variables(template.content).filter((name) => !params[name]);
	if (missing.length > 0) {
		throw new BusinessError('isv.TEMPLATE_MISSING_PARAMETERS', `模板变量缺少对应参数值: ${missing.join(', ')}`);
	}
	for (const name of variables(template.content)) {
		const value = params[name];
		const length = [...value].length;
		const tooLong = template.type === 0 ? length < 4 || length > 6 : length > MAX_PARAM_LENGTH;
		if (tooLong) {
			const bounds = template.type === 0 ? '4–6' : `1–${MAX_PARAM_LENGTH}`;
			throw new BusinessError('isv.PARAM_LENGTH_LIMIT', `参数超出长度限制: ${name} must be ${bounds} characters.`);
		}
		if (/https?:\/\/|www\./i.test(value)) throw new BusinessError('isv.PARAM_NOT_SUPPORT_URL');
	}
}

/**
 * §0.7: verification codes 1 per calendar minute, 5 per calendar hour (China time) and 10 per
 * rolling day per sign and number; other templates 50 per day per sign, template and number.
 * Messages of the same request count too, in order.
 */
function checkFlowControl(state: AlibabaState, template: SmsTemplate, recipients: readonly Recipient[], now: number): void {
	const verification = template.type === 0 || (template.type === 3 && template.intlType === 2);
	const key = (sign: string, number: string, templateCode: string) =>
		verification ? `${sign.toLowerCase()}|${number}` : `${sign.toLowerCase()}|${templateCode}|${number}`;
	// Only this request's numbers matter: a bulk send's earlier messages are skipped by number, not keyed one by one.
	const numbers = new Set(recipients.map((r) => r.number.digits));
	const history = new Map<string, number[]>();
	for (const sms of state.sent) {
		if (!numbers.has(sms.phoneNumber) || now - sms.sentAt >= DAY) continue;
		const smsVerification = sms.templateType === 0;
		if (smsVerification !== verification) continue;
		const k = key(sms.signName, sms.phoneNumber, sms.templateCode);
		history.set(k, [...(history.get(k) ?? []), sms.sentAt]);
	}
	const limits: [string, number, (t: number) => boolean][] = verification
		? [
				['分钟级', 1, (t) => chinaMinute(t) === chinaMinute(now)],
				['小时级', 5, (t) => chinaHour(t) === chinaHour(now)],
				['天级', 10, () => true],
			]
		: [['天级', 50, () => true]];
	for (const r of recipients) {
		const k = key(r.signName, r.number.digits, template.code);
		const times = history.get(k) ?? [];
		for (const [level, permits, inWindow] of limits) {
			if (times.filter(inWindow).length >= permits) {
				throw new BusinessError('isv.BUSINESS_LIMIT_CONTROL', `触发${level}流控Permits:${permits}`);
			}
		}
		times.push(now);
		history.set(k, times);
	}
}

/** `<18 digits>^0`: a random part keeps ids apart across resets, the sequence within one state. */
function nextBizId(state: AlibabaState): string {
	return `${randomInt(100000, 1000000)}${String(state.nextSequence++).padStart(12, '0')}^0`;
}
