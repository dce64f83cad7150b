import * as z from 'zod';
import type { SendResult } from '../../normalised';
import { defineOperation } from '../../operation';
import { controlCharacterIssue, e164, e164Array, smsText } from '../../schemas';
import { countSegments, type Encoding } from '../../segments';
import { ALIBABA_INTL_VERSION, alibabaAction } from './endpoints';
import { alibabaResponse } from './parse';

/** Numbers per request (spec aliyun.md §8.1, §8.2). */
export const ALIBABA_MAX_NUMBERS = 1000;
export const ALIBABA_MAX_BATCH = 100;

/** E.164 as Alibaba takes it: mainland numbers as their 11 digits, the others as country code + number, no +. */
export function alibabaNumber(e164Number: string): string {
	return e164Number.startsWith('+86') ? e164Number.slice(3) : e164Number.slice(1);
}

/** A number as Alibaba reports it (pushes, details): 11 digits starting with 1 are mainland ones. */
export function fromAlibabaNumber(value: string): string {
	const digits = value.trim().replace(/^\+/, '').replace(/^00/, '');
	return /^1\d{10}$/.test(digits) ? `+86${digits}` : `+${digits}`;
}

/** Template parameters: name/value pairs, a JSON object, or its text; every value as text (§9.1 isv.INVALID_JSON_PARAM). */
export const templateParams = z
	.union([z.string(), z.record(z.string(), z.unknown())])
	.optional()
	.transform((value, ctx) => {
		if (value === undefined || value === '') return {};
		let object: unknown = value;
		if (typeof value === 'string') {
			try {
				object = JSON.parse(value);
			} catch {
				ctx.addIssue({ code: 'custom', message: 'is not a JSON object like {"code":"1234"}' });
				return z.NEVER;
			}
		}
		if (!object || typeof object !== 'object' || Array.isArray(object)) {
			ctx.addIssue({ code: 'custom', message: 'is not a JSON object like {"code":"1234"}' });
			return z.NEVER;
		}
		const params = Object.fromEntries(Object.entries(object).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
		for (const [name, text] of Object.entries(params)) {
			const issue = controlCharacterIssue(text);
			if (issue) ctx.addIssue({ code: 'custom', message: `\${${name}}: ${issue}` });
		}
		return params;
	});

/**
 * Alibaba's billing count (§0.8): the text with its 【sign】; ≤ 70 characters is one segment, else ceil(n / 67).
 * International GSM-7 messages count 160 / 153.
 */
export function alibabaSegments(
	text: string,
	international: boolean,
): { encoding: Encoding; segments: number; characters: number } {
	const counted = countSegments(text);
	if (international) return counted;
	const characters = Array.from(text).length;
	return { encoding: 'UCS-2', characters, segments: characters <= 70 ? 1 : Math.ceil(characters / 67) };
}

/** The text a recipient gets: 【sign】 then the template with ${name} filled in. */
export function renderAlibabaTemplate(content: string, params: Record<string, string>, signName?: string): string {
	const body = content.replace(/\$\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
	return signName ? `【${signName}】${body}` : body;
}

export interface AlibabaSendResult extends SendResult {
	provider: 'alibaba';
	BizId: string | null;
	RequestId: string | null;
	Code: string;
	Message: string;
}

/** How a text is counted for a number: mainland numbers always in UCS-2 (§0.8). */
function segmentsFor(to: string, text: string | undefined) {
	return text === undefined ? undefined : alibabaSegments(text, !to.startsWith('+86'));
}

function sendResult(
	to: string,
	answer: { BizId?: string; RequestId?: string; Code?: string; Message?: string },
	info: ReturnType<typeof alibabaSegments> | undefined,
): AlibabaSendResult {
	return {
		provider: 'alibaba',
		status: 'queued',
		to,
		// One BizId per request, shared by its numbers: with the number it finds each one's receipt.
		messageId: answer.BizId ?? null,
		encoding: info?.encoding ?? null,
		segments: info?.segments ?? null,
		characters: info?.characters ?? null,
		error: null,
		BizId: answer.BizId ?? null,
		RequestId: answer.RequestId ?? null,
		Code: answer.Code ?? 'OK',
		Message: answer.Message ?? 'OK',
	};
}

const code = z.string().trim().min(1, 'required');
const sendAnswer = z
	.object({ BizId: z.string().optional(), Code: z.string().optional(), Message: z.string().optional() })
	.loose();

const sendSmsInput = z.object({
	phoneNumbers: e164Array(ALIBABA_MAX_NUMBERS),
	signName: code,
	templateCode: code,
	templateParams,
	outId: z.string().max(256).optional(),
	smsUpExtendCode: z.string().optional(),
	/** The template's text when known, to report what is billed. */
	templateContent: z.string().optional(),
});
export type AlibabaSendSmsInput = z.output<typeof sendSmsInput>;

/** SendSms (§8.1): one template to up to 1000 numbers, one BizId for them all. */
export const sendSms = defineOperation({
	provider: 'alibaba',
	name: 'message.send',
	sends: true,
	input: sendSmsInput,
	request: (i) =>
		alibabaAction({
			action: 'SendSms',
			query: {
				PhoneNumbers: i.phoneNumbers.map(alibabaNumber).join(','),
				SignName: i.signName,
				TemplateCode: i.templateCode,
				TemplateParam: Object.keys(i.templateParams).length ? JSON.stringify(i.templateParams) : undefined,
				OutId: i.outId,
				SmsUpExtendCode: i.smsUpExtendCode,
			},
		}),
	parse: (body, i): AlibabaSendResult[] => {
		const answer = alibabaResponse(sendAnswer, body, 'SendSms');
		const text = i.templateContent && renderAlibabaTemplate(i.templateContent, i.templateParams, i.signName);
		// The same text for every number: counted once for mainland numbers and once for the others.
		const counts =
			text === undefined ? undefined : { mainland: alibabaSegments(text, false), other: alibabaSegments(text, true) };
		return i.phoneNumbers.map((to) => sendResult(to, answer, counts && (to.startsWith('+86') ? counts.mainland : counts.other)));
	},
});

const batchRecipient = z.object({
	to: e164,
	signName: code,
	templateParams,
	smsUpExtendCode: z.string().optional(),
});

const batchFields = {
	templateCode: code,
	outId: z.string().max(256).optional(),
	templateContent: z.string().optional(),
};

/** A whole batch send, any number of recipients: checked before it is split into requests. */
export const wholeBatchInput = z.object({
	...batchFields,
	recipients: z.array(batchRecipient).min(1, 'add at least one recipient'),
});

const sendBatchInput = z.object({
	...batchFields,
	recipients: z.array(batchRecipient).min(1, 'add at least one recipient').max(ALIBABA_MAX_BATCH),
});

/** SendBatchSms (§8.2): per-number sign names and parameters, up to 100 numbers; the lists travel in the form body. */
export const sendBatchSms = defineOperation({
	provider: 'alibaba',
	name: 'message.sendBatch',
	sends: true,
	input: sendBatchInput,
	request: (i) => {
		const extend = i.recipients.some((r) => r.smsUpExtendCode);
		const hasParams = i.recipients.some((r) => Object.keys(r.templateParams).length);
		return alibabaAction({
			action: 'SendBatchSms',
			query: { TemplateCode: i.templateCode, OutId: i.outId },
			form: {
				PhoneNumberJson: JSON.stringify(i.recipients.map((r) => alibabaNumber(r.to))),
				SignNameJson: JSON.stringify(i.recipients.map((r) => r.signName)),
				TemplateParamJson: hasParams ? JSON.stringify(i.recipients.map((r) => r.templateParams)) : undefined,
				SmsUpExtendCodeJson: extend ? JSON.stringify(i.recipients.map((r) => r.smsUpExtendCode ?? '')) : undefined,
			},
		});
	},
	parse: (body, i): AlibabaSendResult[] => {
		const answer = alibabaResponse(sendAnswer, body, 'SendBatchSms');
		return i.recipients.map((r) =>
			sendResult(
				r.to,
				answer,
				segmentsFor(r.to, i.templateContent && renderAlibabaTemplate(i.templateContent, r.templateParams, r.signName)),
			),
		);
	},
});

const globeAnswer = z
	.object({
		ResponseCode: z.string(),
		ResponseDescription: z.string().optional(),
		MessageId: z.string().optional(),
		Segments: z.union([z.string(), z.number()]).optional(),
		To: z.string().optional(),
	})
	.loose();

/** SendMessageToGlobe (2018-05-01, §0.9): free text to one number outside mainland China. */
export const sendToGlobe = defineOperation({
	provider: 'alibaba',
	name: 'message.sendInternational',
	sends: true,
	input: z.object({
		to: e164.refine((n) => !n.startsWith('+86'), 'mainland China numbers cannot use the international API: use Send'),
		message: smsText.pipe(z.string().min(1, 'the message is empty')),
		from: z.string().trim().optional(),
		type: z.enum(['NOTIFY', 'MKT', 'OTP']).optional(),
		taskId: z.string().optional(),
		validityPeriod: z.coerce.number().int().positive().optional(),
	}),
	request: (i) =>
		alibabaAction({
			action: 'SendMessageToGlobe',
			version: ALIBABA_INTL_VERSION,
			query: {
				To: alibabaNumber(i.to),
				Message: i.message,
				From: i.from,
				Type: i.type,
				TaskId: i.taskId,
				ValidityPeriod: i.validityPeriod === undefined ? undefined : String(i.validityPeriod),
			},
		}),
	parse: (body, i): AlibabaSendResult => {
		const answer = globeAnswer.safeParse(body);
		if (!answer.success) return alibabaResponse(z.never(), body, 'SendMessageToGlobe');
		const a = answer.data;
		const counted = countSegments(i.message);
		const result = {
			...sendResult(
				i.to,
				{ BizId: a.MessageId, RequestId: (body as { RequestId?: string }).RequestId },
				segmentsFor(i.to, i.message),
			),
			encoding: counted.encoding,
			segments: a.Segments === undefined ? counted.segments : Number(a.Segments),
			Code: a.ResponseCode,
			Message: a.ResponseDescription ?? a.ResponseCode,
		};
		if (a.ResponseCode !== 'OK') {
			return { ...result, status: 'rejected', messageId: null, error: { code: a.ResponseCode, message: result.Message } };
		}
		return result;
	},
});

const detail = z
	.object({
		PhoneNum: z.string(),
		SendStatus: z.coerce.number(),
		ErrCode: z.string().optional().default(''),
		TemplateCode: z.string().optional(),
		Content: z.string().optional(),
		SendDate: z.string().optional(),
		ReceiveDate: z.string().optional(),
		OutId: z.string().optional(),
	})
	.loose();

/** Alibaba's SendStatus: 1 waiting for a receipt, 2 failed, 3 delivered. */
export function alibabaDeliveryStatus(sendStatus: number): 'pending' | 'failed' | 'delivered' {
	return sendStatus === 3 ? 'delivered' : sendStatus === 2 ? 'failed' : 'pending';
}

/** China-local "yyyy-MM-dd HH:mm:ss" → ISO 8601 UTC. */
export function chinaTime(text: string | undefined): string | null {
	const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(text?.trim() ?? '');
	const date = m ? new Date(`${m[1]}T${m[2]}+08:00`) : undefined;
	// A well-formed but impossible time ("0000-00-00 00:00:00") is no time.
	return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

/** yyyyMMdd as Alibaba takes it: a date is read in China time; offset-less dates are China dates already. */
export const chinaDate = z.union([z.string(), z.number()]).transform((value, ctx) => {
	const text = String(value).trim();
	if (/^\d{8}$/.test(text)) return text;
	const local = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+)?$/.exec(text);
	if (local) return `${local[1]}${local[2]}${local[3]}`;
	const ms = typeof value === 'number' ? value : Date.parse(text);
	if (Number.isNaN(ms)) {
		ctx.addIssue({ code: 'custom', message: `"${text}" is not a date (yyyyMMdd or 2026-12-01)` });
		return z.NEVER;
	}
	return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
});

/** QuerySendDetails (§8.3): what happened to the messages sent to one number on one day. */
export const querySendDetails = defineOperation({
	provider: 'alibaba',
	name: 'deliveryStatus.getMany',
	input: z.object({
		phoneNumber: e164,
		sendDate: chinaDate,
		bizId: z.string().trim().optional(),
		pageSize: z.coerce.number().int().min(1).max(50).default(50),
		currentPage: z.coerce.number().int().min(1).default(1),
	}),
	request: (i) =>
		alibabaAction({
			action: 'QuerySendDetails',
			query: {
				PhoneNumber: alibabaNumber(i.phoneNumber),
				SendDate: i.sendDate,
				BizId: i.bizId || undefined,
				PageSize: String(i.pageSize),
				CurrentPage: String(i.currentPage),
			},
		}),
	parse: (body, i) => {
		const answer = alibabaResponse(
			z.object({ SmsSendDetailDTOs: z.object({ SmsSendDetailDTO: z.array(detail).optional().default([]) }).optional() }).loose(),
			body,
			'QuerySendDetails',
		);
		return (answer.SmsSendDetailDTOs?.SmsSendDetailDTO ?? []).map((d) => ({
			provider: 'alibaba' as const,
			status: alibabaDeliveryStatus(d.SendStatus),
			to: fromAlibabaNumber(d.PhoneNum),
			messageId: i.bizId ?? null,
			at: chinaTime(d.ReceiveDate) ?? chinaTime(d.SendDate),
			description: d.ErrCode,
			...d,
		}));
	},
});

/** QuerySendStatistics (§8.4): sent, delivered, failed and unanswered counts per day. */
export const querySendStatistics = defineOperation({
	provider: 'alibaba',
	name: 'statistics.get',
	input: z.object({
		international: z.boolean().default(false),
		startDate: chinaDate,
		endDate: chinaDate,
		pageIndex: z.coerce.number().int().min(1).default(1),
		pageSize: z.coerce.number().int().min(1).max(50).default(50),
		templateType: z.coerce.number().int().optional(),
		signName: z.string().trim().optional(),
	}),
	request: (i) =>
		alibabaAction({
			action: 'QuerySendStatistics',
			query: {
				IsGlobe: i.international ? '2' : '1',
				StartDate: i.startDate,
				EndDate: i.endDate,
				PageIndex: String(i.pageIndex),
				PageSize: String(i.pageSize),
				TemplateType: i.templateType === undefined ? undefined : String(i.templateType),
				SignName: i.signName || undefined,
			},
		}),
	parse: (body) => {
		const answer = alibabaResponse(
			z.object({
				Data: z.object({ TotalSize: z.coerce.number().optional(), TargetList: z.array(z.object({}).loose()).optional() }).loose(),
			}),
			body,
			'QuerySendStatistics',
		);
		return answer.Data.TargetList ?? [];
	},
});

const loose = z.object({}).loose();
const opt = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : String(v));

/** Template review states in plain words (GetSmsTemplate's strings, the list's AUDIT_STATE_*). */
export function alibabaReviewStatus(status: unknown): 'approved' | 'pending' | 'rejected' | 'cancelled' {
	const s = String(status ?? '').toUpperCase();
	if (['1', 'AUDIT_STATE_PASS', 'APPROVED'].includes(s)) return 'approved';
	if (['2', 'AUDIT_STATE_NOT_PASS', 'REJECTED'].includes(s)) return 'rejected';
	if (['10', 'AUDIT_SATE_CANCEL', 'AUDIT_STATE_CANCEL', 'CANCELLED'].includes(s)) return 'cancelled';
	return 'pending';
}

const templateFields = {
	templateName: z.string().trim().min(1, 'required').max(30),
	templateContent: z.string().trim().min(1, 'required').max(500),
	templateType: z.coerce.number().int().min(0).max(3),
	relatedSignName: z.string().trim().optional(),
	templateRule: z.string().optional(),
	remark: z.string().optional(),
	intlType: z.coerce.number().int().optional(),
	applySceneContent: z.string().optional(),
};
type TemplateFields = z.output<z.ZodObject<typeof templateFields>>;
const templateQuery = (i: TemplateFields) => ({
	TemplateName: i.templateName,
	TemplateContent: i.templateContent,
	TemplateType: String(i.templateType),
	RelatedSignName: i.relatedSignName,
	TemplateRule: i.templateRule,
	Remark: i.remark,
	IntlType: opt(i.intlType),
	ApplySceneContent: i.applySceneContent,
});

/** CreateSmsTemplate (§0.3, §8.6): a template goes to review; its code is answered at once. */
export const createTemplate = defineOperation({
	provider: 'alibaba',
	name: 'template.create',
	input: z.object(templateFields),
	request: (i) => alibabaAction({ action: 'CreateSmsTemplate', query: templateQuery(i) }),
	parse: (body) => alibabaResponse(z.object({ TemplateCode: z.string() }).loose(), body, 'CreateSmsTemplate'),
});

export const updateTemplate = defineOperation({
	provider: 'alibaba',
	name: 'template.update',
	input: z.object({ templateCode: code, ...templateFields }),
	request: (i) => alibabaAction({ action: 'UpdateSmsTemplate', query: { TemplateCode: i.templateCode, ...templateQuery(i) } }),
	parse: (body) => alibabaResponse(loose, body, 'UpdateSmsTemplate'),
});

export const getTemplate = defineOperation({
	provider: 'alibaba',
	name: 'template.get',
	input: z.object({ templateCode: code }),
	request: (i) => alibabaAction({ action: 'GetSmsTemplate', query: { TemplateCode: i.templateCode } }),
	parse: (body) => {
		const t = alibabaResponse(
			z.object({ TemplateCode: z.string(), TemplateContent: z.string().optional() }).loose(),
			body,
			'GetSmsTemplate',
		);
		return { status: alibabaReviewStatus((t as Record<string, unknown>).TemplateStatus), ...t };
	},
});

const page = {
	pageIndex: z.coerce.number().int().min(1).default(1),
	pageSize: z.coerce.number().int().min(1).max(50).default(50),
};

export const listTemplates = defineOperation({
	provider: 'alibaba',
	name: 'template.getMany',
	input: z.object(page),
	request: (i) =>
		alibabaAction({ action: 'QuerySmsTemplateList', query: { PageIndex: String(i.pageIndex), PageSize: String(i.pageSize) } }),
	parse: (body) =>
		(
			alibabaResponse(z.object({ SmsTemplateList: z.array(loose).optional().default([]) }).loose(), body, 'QuerySmsTemplateList')
				.SmsTemplateList ?? []
		).map((t) => ({ status: alibabaReviewStatus((t as Record<string, unknown>).AuditStatus), ...t })),
});

export const deleteTemplate = defineOperation({
	provider: 'alibaba',
	name: 'template.delete',
	input: z.object({ templateCode: code }),
	request: (i) => alibabaAction({ action: 'DeleteSmsTemplate', query: { TemplateCode: i.templateCode } }),
	parse: (body, i) => ({ ...alibabaResponse(loose, body, 'DeleteSmsTemplate'), templateCode: i.templateCode, deleted: true }),
});

const signFields = {
	signName: code,
	signSource: z.coerce.number().int().min(0).max(5),
	signType: z.coerce.number().int().min(0).max(1).optional(),
	qualificationId: z.coerce.number().int().positive('required: the id of an approved qualification'),
	remark: z.string().optional(),
	applySceneContent: z.string().optional(),
	appIcpRecordId: z.coerce.number().int().optional(),
	trademarkId: z.coerce.number().int().optional(),
	authorizationLetterId: z.coerce.number().int().optional(),
	thirdParty: z.boolean().optional(),
};
type SignFields = z.output<z.ZodObject<typeof signFields>>;
const signQuery = (i: SignFields) => ({
	SignName: i.signName,
	SignSource: String(i.signSource),
	SignType: opt(i.signType),
	QualificationId: String(i.qualificationId),
	Remark: i.remark,
	ApplySceneContent: i.applySceneContent,
	AppIcpRecordId: opt(i.appIcpRecordId),
	TrademarkId: opt(i.trademarkId),
	AuthorizationLetterId: opt(i.authorizationLetterId),
	ThirdParty: i.thirdParty === undefined ? undefined : String(i.thirdParty),
});

export const createSign = defineOperation({
	provider: 'alibaba',
	name: 'sign.create',
	input: z.object(signFields),
	request: (i) => alibabaAction({ action: 'CreateSmsSign', query: signQuery(i) }),
	parse: (body) => alibabaResponse(z.object({ SignName: z.string() }).loose(), body, 'CreateSmsSign'),
});

export const updateSign = defineOperation({
	provider: 'alibaba',
	name: 'sign.update',
	input: z.object(signFields),
	request: (i) => alibabaAction({ action: 'UpdateSmsSign', query: signQuery(i) }),
	parse: (body) => alibabaResponse(loose, body, 'UpdateSmsSign'),
});

export const getSign = defineOperation({
	provider: 'alibaba',
	name: 'sign.get',
	input: z.object({ signName: code }),
	request: (i) => alibabaAction({ action: 'GetSmsSign', query: { SignName: i.signName } }),
	parse: (body) => {
		const s = alibabaResponse(z.object({ SignName: z.string() }).loose(), body, 'GetSmsSign');
		return { status: alibabaReviewStatus((s as Record<string, unknown>).SignStatus), ...s };
	},
});

export const listSigns = defineOperation({
	provider: 'alibaba',
	name: 'sign.getMany',
	input: z.object(page),
	request: (i) =>
		alibabaAction({ action: 'QuerySmsSignList', query: { PageIndex: String(i.pageIndex), PageSize: String(i.pageSize) } }),
	parse: (body) =>
		(
			alibabaResponse(z.object({ SmsSignList: z.array(loose).optional().default([]) }).loose(), body, 'QuerySmsSignList')
				.SmsSignList ?? []
		).map((s) => ({ status: alibabaReviewStatus((s as Record<string, unknown>).AuditStatus), ...s })),
});

export const deleteSign = defineOperation({
	provider: 'alibaba',
	name: 'sign.delete',
	input: z.object({ signName: code }),
	request: (i) => alibabaAction({ action: 'DeleteSmsSign', query: { SignName: i.signName } }),
	parse: (body, i) => ({ ...alibabaResponse(loose, body, 'DeleteSmsSign'), signName: i.signName, deleted: true }),
});
