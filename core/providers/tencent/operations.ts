import * as z from 'zod';
import { chunk } from '../../batching';
import type { DeliveryReport, InboundSms, SendResult } from '../../normalised';
import { isoFromUnix } from '../../normalised';
import { defineOperation, validate, type FieldLabels } from '../../operation';
import { e164, e164Array, e164List, smsTextList, unixSeconds } from '../../schemas';
import { countSegments } from '../../segments';
import type { SmsError } from '../../errors';
import { resultError } from '../../send';
import { tencentAction } from './endpoints';
import { tencentResponse } from './parse';

/** SendSms takes at most 200 numbers (spec tencent.md §6.1); larger sends are split into batches. */
export const TENCENT_MAX_NUMBERS = 200;

const id = z
	.union([z.string(), z.number()])
	.transform((v) => String(v).trim())
	.pipe(z.string().min(1, 'required'));
const intId = z.union([z.string(), z.number()]).transform(Number).pipe(z.number().int().positive('must be a positive number'));
const appId = id;
const flag01 = z.union([z.boolean(), z.number(), z.string()]).transform((v) => (v === true || v === 1 || v === '1' ? 1 : 0));
const limit = (max: number) => z.coerce.number().int().min(1).max(max).default(max);
const offset = z.coerce.number().int().min(0).default(0);
/**
 * Statistics take hours as yyyymmddhh in Beijing time. A date with an offset (or Z) is converted; a date
 * without one (as n8n's date fields give) is read as Beijing time, whatever the server's time zone.
 */
export const hourStamp = z.union([z.string(), z.number()]).transform((value, ctx) => {
	const text = String(value).trim();
	if (/^\d{10}$/.test(text)) return text;
	const local = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::\d{2}(?::\d{2}(?:\.\d+)?)?)?)?$/.exec(text);
	if (local) return `${local[1]}${local[2]}${local[3]}${local[4] ?? '00'}`;
	const ms = typeof value === 'number' ? value : Date.parse(text);
	if (Number.isNaN(ms)) {
		ctx.addIssue({ code: 'custom', message: `"${text}" is neither yyyymmddhh nor a date` });
		return z.NEVER;
	}
	return new Date(ms + 8 * 3600_000).toISOString().slice(0, 13).replace(/[-T]/g, '');
});

const sendFields = {
	smsSdkAppId: appId,
	signName: z.string().trim().optional(),
	templateId: id,
	templateParams: smsTextList.default([]),
	extendCode: z.string().trim().optional(),
	sessionContext: z
		.string()
		.optional()
		.refine((s) => s === undefined || Buffer.byteLength(s) < 512, 'must be shorter than 512 bytes'),
	senderId: z.string().trim().optional(),
	/** The template's text, when known, to report encoding and segments of what is sent. */
	templateContent: z.string().optional(),
};

const sendInput = z.object({ ...sendFields, phoneNumbers: e164Array(TENCENT_MAX_NUMBERS) });
export type TencentSendInput = z.output<typeof sendInput>;

/**
 * Validates a whole send (any number of recipients) and splits it into requests Tencent accepts: at most 200
 * numbers, and mainland China numbers apart from the others, since one request may not mix them (§6.1).
 */
const wholeSendInput = z.object({ ...sendFields, phoneNumbers: e164List });

export function planSendSms(raw: unknown, labels?: FieldLabels): TencentSendInput[] {
	const input = validate('tencent', wholeSendInput, raw, labels);
	return tencentBatches(input.phoneNumbers).map((phoneNumbers) => ({ ...input, phoneNumbers }));
}

/** The requests a send is split into: mainland China numbers apart from the others, at most 200 each. */
export function tencentBatches<T>(recipients: T[], numberOf: (r: T) => string = String): T[][] {
	const mainland = recipients.filter((r) => numberOf(r).startsWith('+86'));
	const others = recipients.filter((r) => !numberOf(r).startsWith('+86'));
	return [mainland, others].flatMap((group) => chunk(group, TENCENT_MAX_NUMBERS));
}

/** The fields of a send other than its recipients, checked before any recipient is. */
export const sendSettings = z.object(sendFields);

const sendStatus = z.object({
	SerialNo: z.string(),
	PhoneNumber: z.string(),
	Fee: z.number(),
	SessionContext: z.string().optional().default(''),
	Code: z.string(),
	Message: z.string(),
	IsoCode: z.string().optional().default(''),
});
// Every answer schema is built once, here: zod compiles a schema on its first parse, so one built per call costs
// that compile on every call.
const sendAnswer = z.object({ SendStatusSet: z.array(sendStatus) });

export interface TencentSendResult extends SendResult {
	provider: 'tencent';
	SerialNo: string;
	PhoneNumber: string;
	Fee: number;
	SessionContext: string;
	Code: string;
	Message: string;
	IsoCode: string;
}

/** The text a recipient gets: 【sign】 then the template with {1}, {2}… filled in. */
export function renderTemplate(content: string, params: string[], signName?: string): string {
	const body = content.replace(/\{(\d+)\}/g, (whole, n: string) => params[Number(n) - 1] ?? whole);
	return signName ? `【${signName}】${body}` : body;
}

export const sendSms = defineOperation({
	provider: 'tencent',
	name: 'message.send',
	sends: true,
	input: sendInput,
	request: (i) =>
		tencentAction('SendSms', {
			PhoneNumberSet: i.phoneNumbers,
			SmsSdkAppId: i.smsSdkAppId,
			SignName: i.signName || undefined,
			TemplateId: i.templateId,
			TemplateParamSet: i.templateParams,
			ExtendCode: i.extendCode || undefined,
			SessionContext: i.sessionContext || undefined,
			SenderId: i.senderId || undefined,
		}),
	parse: (body, input): TencentSendResult[] => {
		const { SendStatusSet } = tencentResponse(sendAnswer, body, 'SendSms');
		const text =
			input.templateContent === undefined
				? undefined
				: renderTemplate(input.templateContent, input.templateParams, input.signName);
		const info = text === undefined ? undefined : countSegments(text);
		return SendStatusSet.map((s) => ({
			provider: 'tencent',
			status: s.Code.toLowerCase() === 'ok' ? 'queued' : 'rejected',
			to: s.PhoneNumber,
			messageId: s.SerialNo || null,
			encoding: info?.encoding ?? null,
			// Fee is Tencent's own count of billed parts; our count is the fallback when nothing was billed.
			segments: s.Fee > 0 ? s.Fee : (info?.segments ?? null),
			characters: info?.characters ?? null,
			error: s.Code.toLowerCase() === 'ok' ? null : { code: s.Code, message: s.Message },
			...s,
		}));
	},
});

/** A recipient that was not sent (or that an earlier run reached), in the shape of a SendSms result. */
export function unsentResult(
	to: string,
	status: TencentSendResult['status'],
	error: SmsError | null,
	messageId: string | null = null,
): TencentSendResult {
	return {
		provider: 'tencent',
		status,
		to,
		messageId,
		encoding: null,
		segments: null,
		characters: null,
		error: resultError(error),
		SerialNo: messageId ?? '',
		PhoneNumber: to,
		Fee: 0,
		SessionContext: '',
		Code: error?.code ?? '',
		Message: error?.message ?? '',
		IsoCode: '',
	};
}

const receipt = z
	.object({
		UserReceiveTime: z.number().optional(),
		CountryCode: z.string().optional(),
		SubscriberNumber: z.string().optional(),
		PhoneNumber: z.string(),
		SerialNo: z.string(),
		ReportStatus: z.string(),
		Description: z.string().optional().default(''),
		SessionContext: z.string().optional().default(''),
	})
	.loose();

export type TencentReport = DeliveryReport & z.output<typeof receipt>;
const receiptsAnswer = z.object({ PullSmsSendStatusSet: z.array(receipt).nullable() });

function report(r: z.output<typeof receipt>): TencentReport {
	return {
		provider: 'tencent',
		status: r.ReportStatus === 'SUCCESS' ? 'delivered' : r.ReportStatus === 'FAIL' ? 'failed' : 'unknown',
		to: r.PhoneNumber,
		messageId: r.SerialNo,
		at: isoFromUnix(r.UserReceiveTime),
		description: r.Description,
		...r,
	};
}

const reply = z
	.object({
		ExtendCode: z.string().optional().default(''),
		CountryCode: z.string().optional(),
		PhoneNumber: z.string(),
		SignName: z.string().optional().default(''),
		ReplyContent: z.string(),
		ReplyTime: z.number(),
		SubscriberNumber: z.string().optional(),
	})
	.loose();

export type TencentInbound = InboundSms & z.output<typeof reply>;
const repliesAnswer = z.object({ PullSmsReplyStatusSet: z.array(reply).nullable() });

function inbound(r: z.output<typeof reply>): TencentInbound {
	return { provider: 'tencent', from: r.PhoneNumber, text: r.ReplyContent, receivedAt: isoFromUnix(r.ReplyTime) ?? '', ...r };
}

const queueInput = z.object({ smsSdkAppId: appId, limit: limit(100) });
const byPhoneInput = z.object({
	smsSdkAppId: appId,
	phoneNumber: e164,
	beginTime: unixSeconds,
	endTime: unixSeconds.optional(),
	offset,
	limit: limit(100),
});
const byPhoneParams = (i: z.output<typeof byPhoneInput>) => ({
	BeginTime: i.beginTime,
	EndTime: i.endTime,
	Offset: i.offset,
	Limit: i.limit,
	PhoneNumber: i.phoneNumber,
	SmsSdkAppId: i.smsSdkAppId,
});

/** Receipts wait in a queue; each is returned once (spec §6.3). */
export const pullSendStatus = defineOperation({
	provider: 'tencent',
	name: 'deliveryStatus.pull',
	input: queueInput,
	request: (i) => tencentAction('PullSmsSendStatus', { Limit: i.limit, SmsSdkAppId: i.smsSdkAppId }),
	parse: (body) => tencentResponse(receiptsAnswer, body, 'PullSmsSendStatus').PullSmsSendStatusSet?.map(report) ?? [],
});

export const pullSendStatusByPhone = defineOperation({
	provider: 'tencent',
	name: 'deliveryStatus.pullByPhoneNumber',
	input: byPhoneInput,
	request: (i) => tencentAction('PullSmsSendStatusByPhoneNumber', byPhoneParams(i)),
	parse: (body) =>
		tencentResponse(receiptsAnswer, body, 'PullSmsSendStatusByPhoneNumber').PullSmsSendStatusSet?.map(report) ?? [],
});

export const pullReplies = defineOperation({
	provider: 'tencent',
	name: 'reply.pull',
	input: queueInput,
	request: (i) => tencentAction('PullSmsReplyStatus', { Limit: i.limit, SmsSdkAppId: i.smsSdkAppId }),
	parse: (body) => tencentResponse(repliesAnswer, body, 'PullSmsReplyStatus').PullSmsReplyStatusSet?.map(inbound) ?? [],
});

export const pullRepliesByPhone = defineOperation({
	provider: 'tencent',
	name: 'reply.pullByPhoneNumber',
	input: byPhoneInput,
	request: (i) => tencentAction('PullSmsReplyStatusByPhoneNumber', byPhoneParams(i)),
	parse: (body) =>
		tencentResponse(repliesAnswer, body, 'PullSmsReplyStatusByPhoneNumber').PullSmsReplyStatusSet?.map(inbound) ?? [],
});

/** Review state in plain words, beside Tencent's StatusCode (templates and signs share the codes). */
export function reviewStatus(code: number): 'approved' | 'pending' | 'rejected' {
	return code === 0 ? 'approved' : code === -1 ? 'rejected' : 'pending';
}

export const SMS_TYPES = { marketing: 1, notification: 2, verificationCode: 3 } as const;

const templateFields = {
	name: z.string().trim().min(1, 'required'),
	content: z.string().trim().min(1, 'required'),
	smsType: z.coerce.number().int().min(1).max(3),
	international: flag01,
	remark: z.string().default(''),
};
const templateParams = (i: { name: string; content: string; smsType: number; international: number; remark: string }) => ({
	TemplateName: i.name,
	TemplateContent: i.content,
	SmsType: i.smsType,
	International: i.international,
	Remark: i.remark,
});

export const addTemplate = defineOperation({
	provider: 'tencent',
	name: 'template.add',
	input: z.object(templateFields),
	request: (i) => tencentAction('AddSmsTemplate', templateParams(i)),
	parse: (body) => [tencentResponse(addTemplateAnswer, body, 'AddSmsTemplate').AddTemplateStatus],
});

export const modifyTemplate = defineOperation({
	provider: 'tencent',
	name: 'template.modify',
	input: z.object({ templateId: intId, ...templateFields }),
	request: (i) => tencentAction('ModifySmsTemplate', { TemplateId: i.templateId, ...templateParams(i) }),
	parse: (body) => [tencentResponse(modifyTemplateAnswer, body, 'ModifySmsTemplate').ModifyTemplateStatus],
});

const deleteStatus = z.object({ DeleteStatus: z.string(), DeleteTime: z.number() });
const addTemplateAnswer = z.object({ AddTemplateStatus: z.object({ TemplateId: z.union([z.string(), z.number()]) }) });
const modifyTemplateAnswer = z.object({ ModifyTemplateStatus: z.object({ TemplateId: z.number() }) });
const deleteTemplateAnswer = z.object({ DeleteTemplateStatus: deleteStatus });
const deleteSignAnswer = z.object({ DeleteSignStatus: deleteStatus });
const addSignAnswer = z.object({ AddSignStatus: z.object({ SignId: z.number() }).loose() });
const modifySignAnswer = z.object({ ModifySignStatus: z.object({ SignId: z.number() }).loose() });

export const deleteTemplate = defineOperation({
	provider: 'tencent',
	name: 'template.delete',
	input: z.object({ templateId: intId }),
	request: (i) => tencentAction('DeleteSmsTemplate', { TemplateId: i.templateId }),
	parse: (body) => [tencentResponse(deleteTemplateAnswer, body, 'DeleteSmsTemplate').DeleteTemplateStatus],
});

const listInput = z.object({ international: flag01, ids: z.array(intId).max(100).default([]), limit: limit(100), offset });

const template = z
	.object({ TemplateId: z.number(), StatusCode: z.number(), TemplateName: z.string(), TemplateContent: z.string().optional() })
	.loose();
const templatesAnswer = z.object({ DescribeTemplateStatusSet: z.array(template).nullable() });

export const listTemplates = defineOperation({
	provider: 'tencent',
	name: 'template.getMany',
	input: listInput,
	request: (i) =>
		tencentAction('DescribeSmsTemplateList', {
			International: i.international,
			...(i.ids.length ? { TemplateIdSet: i.ids } : { Limit: i.limit, Offset: i.offset }),
		}),
	parse: (body) =>
		(tencentResponse(templatesAnswer, body, 'DescribeSmsTemplateList').DescribeTemplateStatusSet ?? []).map((t) => ({
			status: reviewStatus(t.StatusCode),
			...t,
		})),
});

const signFields = {
	signName: z.string().trim().min(1, 'required'),
	signType: z.coerce.number().int(),
	documentType: z.coerce.number().int(),
	international: flag01,
	signPurpose: z.coerce.number().int().min(0).max(1),
	proofImage: z.string().min(1, 'required (base64 image, without a data: prefix)'),
	commissionImage: z.string().optional(),
	remark: z.string().optional(),
	qualificationId: z.coerce.number().int().optional(),
};
const signParams = (i: z.output<z.ZodObject<typeof signFields>>) => ({
	SignName: i.signName,
	SignType: i.signType,
	DocumentType: i.documentType,
	International: i.international,
	SignPurpose: i.signPurpose,
	ProofImage: i.proofImage.replace(/^data:[^,]*,/, ''),
	CommissionImage: i.commissionImage || undefined,
	Remark: i.remark || undefined,
	QualificationId: i.qualificationId || undefined,
});

export const addSign = defineOperation({
	provider: 'tencent',
	name: 'sign.add',
	input: z.object(signFields),
	request: (i) => tencentAction('AddSmsSign', signParams(i)),
	parse: (body) => [tencentResponse(addSignAnswer, body, 'AddSmsSign').AddSignStatus],
});

export const modifySign = defineOperation({
	provider: 'tencent',
	name: 'sign.modify',
	input: z.object({ signId: intId, ...signFields }),
	request: (i) => tencentAction('ModifySmsSign', { SignId: i.signId, ...signParams(i) }),
	parse: (body) => [tencentResponse(modifySignAnswer, body, 'ModifySmsSign').ModifySignStatus],
});

export const deleteSign = defineOperation({
	provider: 'tencent',
	name: 'sign.delete',
	input: z.object({ signId: intId }),
	request: (i) => tencentAction('DeleteSmsSign', { SignId: i.signId }),
	parse: (body) => [tencentResponse(deleteSignAnswer, body, 'DeleteSmsSign').DeleteSignStatus],
});

const sign = z.object({ SignId: z.number(), StatusCode: z.number(), SignName: z.string() }).loose();
const signsAnswer = z.object({ DescribeSignListStatusSet: z.array(sign).nullable() });

export const listSigns = defineOperation({
	provider: 'tencent',
	name: 'sign.getMany',
	input: listInput,
	request: (i) =>
		tencentAction('DescribeSmsSignList', {
			International: i.international,
			...(i.ids.length ? { SignIdSet: i.ids } : { Limit: i.limit, Offset: i.offset }),
		}),
	parse: (body) =>
		(tencentResponse(signsAnswer, body, 'DescribeSmsSignList').DescribeSignListStatusSet ?? []).map((s) => ({
			status: reviewStatus(s.StatusCode),
			...s,
		})),
});

const statsInput = z.object({ smsSdkAppId: appId, beginTime: hourStamp, endTime: hourStamp });
const sendStatisticsAnswer = z.object({ SendStatusStatistics: z.object({}).loose() });
const callbackStatisticsAnswer = z.object({ CallbackStatusStatistics: z.object({}).loose() });
const packagesAnswer = z.object({ SmsPackagesStatisticsSet: z.array(z.object({}).loose()).nullable() });
const statsParams = (i: z.output<typeof statsInput>) => ({
	SmsSdkAppId: i.smsSdkAppId,
	BeginTime: i.beginTime,
	EndTime: i.endTime,
	Limit: 0,
	Offset: 0,
});

export const sendStatistics = defineOperation({
	provider: 'tencent',
	name: 'statistics.sendStatus',
	input: statsInput,
	request: (i) => tencentAction('SendStatusStatistics', statsParams(i)),
	parse: (body) => [tencentResponse(sendStatisticsAnswer, body, 'SendStatusStatistics').SendStatusStatistics],
});

export const callbackStatistics = defineOperation({
	provider: 'tencent',
	name: 'statistics.callbackStatus',
	input: statsInput,
	request: (i) => tencentAction('CallbackStatusStatistics', statsParams(i)),
	parse: (body) => [tencentResponse(callbackStatisticsAnswer, body, 'CallbackStatusStatistics').CallbackStatusStatistics],
});

export const packageStatistics = defineOperation({
	provider: 'tencent',
	name: 'statistics.packages',
	input: statsInput.extend({ limit: limit(500), offset }),
	request: (i) => tencentAction('SmsPackagesStatistics', { ...statsParams(i), Limit: i.limit, Offset: i.offset }),
	parse: (body) => tencentResponse(packagesAnswer, body, 'SmsPackagesStatistics').SmsPackagesStatisticsSet ?? [],
});
