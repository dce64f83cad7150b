import * as z from 'zod';
import { SmsError } from '../../errors';
import type { ApiResponse } from '../../http';

/**
 * Plain English and what to do, for every code of Alibaba's SendSms guide and those users meet next (spec
 * aliyun.md §9.1). Alibaba answers these with HTTP 200: they are errors all the same.
 */
export const ALIBABA_ERRORS: Record<string, { meaning: string; hint: string }> = {
	'isp.RAM_PERMISSION_DENY': {
		meaning: 'The AccessKey’s RAM user is not allowed to call this action.',
		hint: 'Grant the RAM user the AliyunDysmsFullAccess policy (or a narrower SMS policy) in the RAM console.',
	},
	'isv.OUT_OF_SERVICE': {
		meaning: 'The SMS service is suspended because the account is in arrears.',
		hint: 'Top up the Alibaba Cloud account; sending resumes once it is settled.',
	},
	'isv.PRODUCT_UN_SUBSCRIPT': {
		meaning: 'The account has not activated Alibaba Cloud communication services.',
		hint: 'Activate Short Message Service in the Alibaba Cloud console.',
	},
	'isv.PRODUCT_UNSUBSCRIBE': {
		meaning: 'Short Message Service is not activated on this account.',
		hint: 'Activate Short Message Service in the Alibaba Cloud console.',
	},
	'isv.ACCOUNT_NOT_EXISTS': {
		meaning: 'The account does not exist.',
		hint: 'Check the AccessKey ID and secret in the {account}: they belong to no account.',
	},
	'isv.ACCOUNT_ABNORMAL': {
		meaning: 'The account is in an abnormal state.',
		hint: 'Contact Alibaba Cloud support to find out why the account was restricted.',
	},
	'isv.SMS_TEMPLATE_ILLEGAL': {
		meaning: 'The template does not exist, is not approved, or its parameters do not match it.',
		hint: 'Use the code of an approved template (Template → Get Many shows their status), with one value per ${variable}.',
	},
	'isv.SMS_SIGNATURE_ILLEGAL': {
		meaning: 'The sign name does not exist or is not approved.',
		hint: 'Use the exact text of an approved sign (Sign → Get Many shows their status).',
	},
	'isv.SIGN_STATE_ILLEGAL': {
		meaning: 'The sign is not in a state that allows this.',
		hint: 'Wait for the sign’s review to finish, or use another approved sign.',
	},
	'isv.INVALID_PARAMETERS': {
		meaning: 'A parameter is not valid (for example a date not written yyyyMMdd).',
		hint: 'Check the fields against the operation’s description; dates are like 20261201.',
	},
	'isp.SYSTEM_ERROR': {
		meaning: 'Alibaba Cloud had an internal error; the message may or may not have been accepted.',
		hint: 'Check the delivery status before sending again.',
	},
	'isv.MOBILE_NUMBER_ILLEGAL': {
		meaning: 'A phone number is not valid for Alibaba Cloud.',
		hint: 'Write mainland numbers as 11 digits or +86…, others in international format (+33601020304).',
	},
	'isv.MOBILE_COUNT_OVER_LIMIT': {
		meaning: 'Too many numbers in one request (1000 for SendSms, 100 for SendBatchSms).',
		hint: 'SMS Kit splits sends itself; if you see this, report it with the number count.',
	},
	'isv.TEMPLATE_MISSING_PARAMETERS': {
		meaning: 'A ${variable} of the template has no value.',
		hint: 'Give a value for every ${variable} of the template in Template Parameters.',
	},
	'isv.BUSINESS_LIMIT_CONTROL': {
		meaning: 'This number reached Alibaba’s sending limit (per number per minute, hour or day); it was not sent.',
		hint: 'Verification codes are limited to 1 per minute, 5 per hour and 10 per day per number: wait before sending to this number again; sending again at once fails the same way.',
	},
	'isv.INVALID_JSON_PARAM': {
		meaning: 'The template parameters are not a JSON object of text values.',
		hint: 'Give Template Parameters as name/value pairs, or a JSON object like {"code":"1234"}.',
	},
	'isv.BLACK_KEY_CONTROL_LIMIT': {
		meaning: 'The number is on a blacklist.',
		hint: 'Alibaba will not send to this number; remove it from your list.',
	},
	'isv.PARAM_LENGTH_LIMIT': {
		meaning: 'A template parameter is too long (notifications take 1–35 characters per value, codes 4–6).',
		hint: 'Shorten the value, or ask for a template with a longer variable.',
	},
	'isv.PARAM_NOT_SUPPORT_URL': {
		meaning: 'Template parameters may not contain links.',
		hint: 'Put the link in the template itself (it is reviewed), not in a parameter.',
	},
	'isv.AMOUNT_NOT_ENOUGH': {
		meaning: 'The account has no balance or SMS package left.',
		hint: 'Top up the account or buy an SMS package in the Alibaba Cloud console.',
	},
	'isv.DAY_LIMIT_CONTROL': {
		meaning: 'The daily sending limit was reached.',
		hint: 'Raise the limit in the console or wait for tomorrow.',
	},
	'isv.MONTH_LIMIT_CONTROL': { meaning: 'The monthly sending limit was reached.', hint: 'Raise the limit in the console.' },
	'isv.DOMESTIC_NUMBER_NOT_SUPPORTED': {
		meaning: 'An international template was sent to a mainland China number.',
		hint: 'Use a domestic template for +86 numbers.',
	},
	'isv.ERROR_TEMPLATE_NOT_DELETE': {
		meaning: 'The template cannot be deleted while it is under review.',
		hint: 'Wait for the review to finish, then delete it.',
	},
	SignatureDoesNotMatch: {
		meaning: 'The request signature was refused.',
		hint: 'Check the AccessKey secret in the {account}, and that it belongs to the AccessKey ID.',
	},
	'InvalidAccessKeyId.NotFound': {
		meaning: 'The AccessKey ID is unknown.',
		hint: 'Copy the AccessKey ID again from the RAM console into the {account}.',
	},
	'InvalidAccessKeyId.Inactive': {
		meaning: 'The AccessKey is disabled.',
		hint: 'Enable it, or create a new one, in the RAM console.',
	},
	'InvalidTimeStamp.Expired': {
		meaning: 'The request time is more than 15 minutes away from Alibaba Cloud time.',
		hint: 'Check the clock of the machine running n8n or Node-RED (enable NTP): requests are signed with it.',
	},
	'Forbidden.RAM': {
		meaning: 'The RAM user is not allowed to call this action.',
		hint: 'Grant the RAM user an SMS policy (AliyunDysmsFullAccess) in the RAM console.',
	},
};

/** Codes that prove Alibaba did not take the request: the gateway's throttling (§7.3). */
const THROTTLED = /^Throttling(\.|$)/;

export function alibabaError(
	code: string,
	message: string | undefined,
	requestId: string | undefined,
	httpStatus: number,
): SmsError {
	const known = ALIBABA_ERRORS[code];
	return new SmsError({
		provider: 'alibaba',
		code,
		message: known ? `${known.meaning}${message && message !== code ? ` Alibaba says: ${message}` : ''}` : (message ?? code),
		httpStatus,
		requestId,
		hint: known?.hint,
		retryable: THROTTLED.test(code),
		// isp.SYSTEM_ERROR: the request reached Alibaba, the outcome is not known.
		kind: code === 'isp.SYSTEM_ERROR' ? 'unknown' : undefined,
	});
}

const envelope = z
	.object({ Code: z.string().optional(), Message: z.string().optional(), RequestId: z.string().optional() })
	.loose();

/** Gateway errors (4xx/5xx) carry the same Code/Message/RequestId envelope. */
export function alibabaHttpError(response: ApiResponse): SmsError {
	const parsed = envelope.safeParse(response.body);
	const body = parsed.success ? parsed.data : {};
	return alibabaError(body.Code ?? `HTTP_${response.status}`, body.Message, body.RequestId, response.status);
}

/** A 200 answer: `Code` other than OK is a business error; otherwise the action's fields, parsed with its schema. */
export function alibabaResponse<T extends z.ZodType>(
	schema: T,
	body: unknown,
	action: string,
): z.output<T> & { RequestId?: string } {
	const parsed = envelope.safeParse(body);
	if (!parsed.success) throw unexpected(action, 'not a JSON object');
	const { Code, Message, RequestId } = parsed.data;
	if (Code !== undefined && Code !== 'OK') throw alibabaError(Code, Message, RequestId, 200);
	const fields = schema.safeParse(body);
	if (!fields.success) {
		const issue = fields.error.issues[0];
		throw unexpected(action, `${issue?.path.join('.') || 'body'}: ${issue?.message}`);
	}
	return { ...(fields.data as object), RequestId } as z.output<T> & { RequestId?: string };
}

function unexpected(action: string, detail: string): SmsError {
	return new SmsError({
		provider: 'alibaba',
		code: 'UNEXPECTED_RESPONSE',
		message: `Alibaba Cloud answered ${action} with a body SMS Kit does not understand (${detail}).`,
	});
}
