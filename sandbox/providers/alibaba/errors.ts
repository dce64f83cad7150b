/**
 * Gateway (POP) errors, specs/aliyun.md §7.3: raised before the action runs (authentication,
 * routing, required parameters) and answered with a 4xx/5xx status, `Recommend` and `HostId`.
 */
export class GatewayError extends Error {
	constructor(
		readonly code: string,
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

/**
 * Business errors, §7.1 and §9.1: HTTP 200 with the code in `Code` (`ResponseCode` on the
 * 2018-05-01 API); clients must check it. Messages default to the vendor's (mostly Chinese) texts.
 */
export class BusinessError extends Error {
	constructor(
		readonly code: string,
		detail?: string,
	) {
		super(detail ?? BUSINESS_MESSAGES[code] ?? code);
	}
}

const BUSINESS_MESSAGES: Record<string, string> = {
	'isv.MOBILE_NUMBER_ILLEGAL': '非法手机号',
	'isv.MOBILE_COUNT_OVER_LIMIT': '手机号码数量超过限制',
	'isv.SMS_SIGNATURE_ILLEGAL': '该账号下找不到对应签名',
	'isv.SMS_TEMPLATE_ILLEGAL': '该账号下找不到对应模板',
	'isv.TEMPLATE_MISSING_PARAMETERS': '模板变量缺少对应参数值',
	'isv.INVALID_JSON_PARAM': 'JSON参数不合法，只接受字符串值',
	'isv.INVALID_PARAMETERS': '参数异常',
	'isv.PARAM_LENGTH_LIMIT': '参数超出长度限制',
	'isv.PARAM_NOT_SUPPORT_URL': '变量不支持传入URL',
	'isv.AMOUNT_NOT_ENOUGH': '账户余额不足',
	'isv.DOMESTIC_NUMBER_NOT_SUPPORTED': '国际/港澳台模板不支持发送境内号码',
	'isv.ERROR_TEMPLATE_NOT_DELETE': '模板状态不支持删除',
	'isv.ERROR_TEMPLATE_NOT_MODIFY': '模板状态不支持修改',
	'isv.ERROR_SIGN_NOT_DELETE': '签名状态不支持删除',
	'isv.ERROR_SIGN_NOT_MODIFY': '签名状态不支持修改',
	'isv.SIGN_NAME_ILLEGAL': '签名名称不合法',
};

/** `Missing<Param>` (400). */
export const missingParameter = (name: string) =>
	new GatewayError(`Missing${name}`, 400, `${name} is mandatory for this action.`);

/** A parameter of the wrong type, e.g. `PageSize=ten` (400). */
export const invalidParameter = (name: string, detail = `Specified parameter ${name} is not valid.`) =>
	new GatewayError(`InvalidParameter`, 400, detail);

export const GATEWAY = {
	incompleteSignature: () =>
		new GatewayError('IncompleteSignature', 400, 'The request signature does not conform to Aliyun standards.'),
	accessKeyNotFound: () => new GatewayError('InvalidAccessKeyId.NotFound', 404, 'Specified access key is not found.'),
	timestampFormat: () =>
		new GatewayError('InvalidTimeStamp.Format', 400, 'Specified time stamp or date value is not well formatted.'),
	timestampExpired: () => new GatewayError('InvalidTimeStamp.Expired', 400, 'Specified time stamp or date value is expired.'),
	nonceUsed: () => new GatewayError('SignatureNonceUsed', 400, 'Specified signature nonce was used already.'),
	signatureMismatch: (detail: string) =>
		new GatewayError('SignatureDoesNotMatch', 400, `Specified signature does not match our calculation. ${detail}`),
	signatureMethod: () =>
		new GatewayError('InvalidSignatureMethod', 400, 'Specified signature method is not valid; use HMAC-SHA1.'),
	actionNotFound: () =>
		new GatewayError('InvalidAction.NotFound', 404, 'Specified api is not found, please check your url and method.'),
	invalidVersion: () => new GatewayError('InvalidVersion', 400, 'Specified parameter Version is not valid.'),
	unsupportedMethod: () => new GatewayError('UnsupportedHTTPMethod', 400, 'This http method is not supported.'),
	internal: (detail: string) => new GatewayError('InternalError', 500, `Internal sandbox error: ${detail}`),
};
