/**
 * API errors (specs/tencent.md §5, §7): always HTTP 200 with `Response.Error`. Messages are
 * informational (clients key on `Code`); each code has an English default and, for
 * `X-TC-Language: zh-CN`, a Chinese one from the vendor's texts (`tencent-errorcodes.txt`).
 */
export class TencentError extends Error {
	constructor(
		readonly code: string,
		/** Overrides the code's English default, e.g. to name the offending parameter. */
		readonly detail?: string,
	) {
		super(detail ?? MESSAGES[code]?.en ?? code);
	}

	/** The message in the requested language: Chinese only where the vendor text is known. */
	messageFor(language: Language): string {
		if (language === 'zh-CN' && MESSAGES[this.code]?.zh) return MESSAGES[this.code].zh!;
		return this.message;
	}
}

export type Language = 'en-US' | 'zh-CN';

const MESSAGES: Record<string, { en: string; zh?: string }> = {
	'AuthFailure.InvalidAuthorization': {
		en: 'The Authorization header is not a valid TC3-HMAC-SHA256 authorization.',
		zh: '请求头部的 Authorization 不符合腾讯云标准。',
	},
	'AuthFailure.InvalidSecretId': { en: 'Invalid key (not a cloud API key type).', zh: '密钥非法（不是云 API 密钥类型）。' },
	'AuthFailure.SecretIdNotFound': {
		en: 'The SecretId is not found, please ensure that your SecretId is correct.',
		zh: '密钥不存在，请确认密钥是否已删除或禁用。',
	},
	'AuthFailure.SignatureExpire': {
		en: 'Signature expired. The timestamp and the server time cannot differ by more than five minutes.',
		zh: '签名过期。Timestamp 和服务器时间相差不得超过五分钟。',
	},
	'AuthFailure.SignatureFailure': {
		en: 'The provided credentials could not be validated. Please check your signature is correct.',
		zh: '请求签名验证失败，请检查您的签名计算是否正确。',
	},
	InvalidAction: { en: 'The requested action does not exist.', zh: '接口不存在。' },
	NoSuchVersion: { en: 'The requested API version does not exist.', zh: '接口版本不存在。' },
	UnsupportedRegion: { en: 'The action does not support this region.', zh: '接口不支持所传地域。' },
	UnsupportedProtocol: { en: 'Only GET and POST requests are supported.', zh: 'HTTP(S) 请求协议错误，只支持 GET 和 POST 请求。' },
	MissingParameter: { en: 'A required parameter is missing.', zh: '缺少参数错误。' },
	InvalidParameter: { en: 'A parameter is invalid.', zh: '参数错误。' },
	InvalidParameterValue: { en: 'A parameter value is invalid.', zh: '参数取值错误。' },
	UnknownParameter: { en: 'An undefined parameter was sent.', zh: '未知参数错误，用户多传未定义的参数会导致错误。' },
	'FailedOperation.MissingSignatureToModify': {
		en: 'This SignId has not been submitted or does not exist, so it cannot be modified.',
		zh: '此签名 ID 未提交申请或不存在，不能进行修改操作，请检查您的 SignId 是否填写正确。',
	},
	'FailedOperation.MissingTemplateToModify': {
		en: 'This TemplateId has not been submitted or does not exist, so it cannot be modified.',
		zh: '此模板 ID 未提交申请或不存在，不能进行修改操作，请检查您的 TemplateId是否填写正确。',
	},
	'FailedOperation.SignIdNotExist': { en: 'The signature ID does not exist.', zh: '签名 ID 不存在。' },
	'FailedOperation.SignatureIncorrectOrUnapproved': {
		en: 'The signature is not approved or is in an incorrect format.',
		zh: '签名未审批或格式错误。',
	},
	'FailedOperation.TemplateAlreadyPassedCheck': {
		en: 'This template has already been approved and cannot be modified.',
		zh: '此模板已经通过审核，无法再次进行修改。',
	},
	'FailedOperation.TemplateIdNotExist': { en: 'The template ID does not exist.', zh: '模板 ID 不存在。' },
	'FailedOperation.TemplateIncorrectOrUnapproved': {
		en: 'The template is not approved or the request content does not match the approved template content.',
		zh: '模板未审批或内容不匹配。',
	},
	'FailedOperation.TemplateParamSetNotMatchApprovedTemplate': {
		en: 'request content does not match the template content',
		zh: '请求内容与审核通过的模板内容不匹配。请检查请求中模板参数的个数是否与申请的模板一致。',
	},
	'InvalidParameterValue.BeginTimeVerifyFail': { en: 'BeginTime failed validation.', zh: '参数 BeginTime 校验失败。' },
	'InvalidParameterValue.EndTimeVerifyFail': { en: 'EndTime failed validation.', zh: '参数 EndTime 校验失败。' },
	'InvalidParameterValue.ImageInvalid': { en: 'The uploaded image is invalid.', zh: '上传的转码图片格式错误。' },
	'InvalidParameterValue.IncorrectPhoneNumber': { en: 'incorrect phone number format', zh: '手机号格式错误。' },
	'InvalidParameterValue.InvalidDocumentType': {
		en: 'DocumentType is invalid for this SignType.',
		zh: 'DocumentType 字段校验错误。',
	},
	'InvalidParameterValue.InvalidInternational': { en: 'International is invalid.', zh: 'International 字段校验错误。' },
	'InvalidParameterValue.InvalidSignPurpose': { en: 'SignPurpose is invalid.', zh: 'SignPurpose 字段校验错误。' },
	'InvalidParameterValue.InvalidSmsType': { en: 'SmsType is invalid.', zh: 'SmsType 字段校验错误。' },
	'InvalidParameterValue.InvalidTemplateFormat': { en: 'The template format is invalid.', zh: '模板格式错误。' },
	'InvalidParameterValue.LimitVerifyFail': { en: 'Limit failed validation.', zh: '参数 Limit 校验失败。' },
	'InvalidParameterValue.OffsetVerifyFail': { en: 'Offset failed validation.', zh: '参数 Offset 校验失败。' },
	'InvalidParameterValue.QualificationIdNotFound': { en: 'The qualification ID was not found.', zh: '资质ID未找到。' },
	'InvalidParameterValue.SdkAppIdNotExist': { en: 'The SdkAppId does not exist.', zh: 'SdkAppId 不存在。' },
	'InvalidParameterValue.SignAlreadyPassedCheck': {
		en: 'This signature has already been approved and cannot be modified.',
		zh: '此签名已经通过审核，无法再次进行修改。',
	},
	'InvalidParameterValue.SignExistAndUnapproved': {
		en: 'An identical signature is already approved or under review.',
		zh: '已存在相同的待审核签名。',
	},
	'InvalidParameterValue.SignNameLengthTooLong': { en: 'The signature text is too long.', zh: '签名内容长度过长。' },
	'LimitExceeded.PhoneNumberCountLimit': {
		en: 'More than 200 phone numbers in one request.',
		zh: '调用接口单次提交的手机号个数超过200个，请遵守 API 接口输入参数描述。',
	},
	'MissingParameter.EmptyPhoneNumberSet': {
		en: 'The phone number list is empty.',
		zh: '传入的号码列表为空，请确认您的参数中是否传入号码。',
	},
	'UnauthorizedOperation.SmsSdkAppIdVerifyFail': {
		en: 'The SmsSdkAppId does not belong to the account of the API key.',
		zh: 'SmsSdkAppId 校验失败，请检查 [SmsSdkAppId] 是否属于 [云API密钥] 的关联账户。',
	},
	'UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone': {
		en: 'A Chinese mainland template cannot be sent to a number outside the Chinese mainland.',
		zh: '国内短信模板不支持发送国际/港澳台手机号。发送国际/港澳台手机号请使用国际/港澳台短信正文模板。',
	},
	'UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber': {
		en: 'The request mixes Chinese mainland and international phone numbers.',
		zh: '群发请求里既有国内手机号也有国际手机号。',
	},
	'UnsupportedOperation.GlobalTemplateToChineseMainlandPhone': {
		en: 'An international template cannot be sent to a Chinese mainland number.',
		zh: '国际/港澳台短信模板不支持发送国内手机号。发送国内手机号请使用国内短信正文模板。',
	},
	RequestSizeLimitExceeded: { en: 'The request is too large.', zh: '请求包超过限制大小。' },
	InternalError: { en: 'Internal error.', zh: '内部错误。' },
};

export const missingParameter = (name: string) =>
	new TencentError('MissingParameter', `The request is missing a required parameter \`${name}\`.`);
export const invalidParameter = (detail: string) => new TencentError('InvalidParameter', detail);
/** `InvalidParameterValue`, or `InvalidParameterValue.<suffix>` when the vendor has a precise code. */
export const invalidValue = (suffix: string | null, detail?: string) =>
	new TencentError(suffix === null ? 'InvalidParameterValue' : `InvalidParameterValue.${suffix}`, detail);
