import * as z from 'zod';
import { SmsError } from '../../errors';
import type { ApiResponse } from '../../http';

/**
 * Tencent answers HTTP 200 for every API-level outcome (spec tencent.md §5): errors arrive inside
 * Response.Error, so every parser goes through `tencentResponse`.
 */
const envelope = z.object({
	Response: z
		.object({
			RequestId: z.string().optional(),
			Error: z.object({ Code: z.string(), Message: z.string().optional() }).optional(),
		})
		.loose(),
});

/** Plain English and what to do, for the codes users meet most (spec §7). */
const KNOWN: Record<string, { meaning: string; hint?: string }> = {
	'AuthFailure.SignatureExpire': {
		meaning: 'The request timestamp is more than five minutes away from Tencent Cloud time.',
		hint: 'Check the clock of the machine running n8n or Node-RED (enable NTP): requests are signed with it.',
	},
	'AuthFailure.SignatureFailure': {
		meaning: 'The request signature was refused.',
		hint: 'Check the SecretKey in the {account}, and that it belongs to the SecretId.',
	},
	'AuthFailure.SecretIdNotFound': {
		meaning: 'The SecretId is unknown or disabled.',
		hint: 'Copy the SecretId again from the Tencent Cloud console (CAM → API keys).',
	},
	'AuthFailure.InvalidSecretId': { meaning: 'The SecretId is not a valid API key.', hint: 'A SecretId starts with AKID.' },
	'AuthFailure.UnauthorizedOperation': {
		meaning: 'The API key is not allowed to call this action.',
		hint: 'Grant the CAM policy QcloudSMSFullAccess (or a narrower SMS policy) to the key’s user.',
	},
	'FailedOperation.TemplateIncorrectOrUnapproved': {
		meaning: 'The template is not approved, or its content does not match.',
		hint: 'Use an approved template ID (Template → Get Many shows the review status), or wait for the review.',
	},
	'FailedOperation.SignatureIncorrectOrUnapproved': {
		meaning: 'The signature (sign name) is not approved or is malformed.',
		hint: 'Use the text of an approved signature, not its ID (Signature → Get Many).',
	},
	'FailedOperation.TemplateParamSetNotMatchApprovedTemplate': {
		meaning: 'The number of template parameters does not match the approved template.',
		hint: 'Give one parameter per {1}, {2}, … placeholder of the template.',
	},
	'FailedOperation.PhoneNumberInBlacklist': { meaning: 'The number is on the do-not-disturb list (it unsubscribed).' },
	'FailedOperation.InsufficientBalanceInSmsPackage': {
		meaning: 'The SMS package quota is used up.',
		hint: 'Buy an SMS package in the Tencent Cloud console.',
	},
	'FailedOperation.ContainSensitiveWord': { meaning: 'The message contains sensitive words.' },
	'FailedOperation.MarketingSendTimeConstraint': { meaning: 'Marketing SMS may only be sent between 08:00 and 22:00.' },
	'InvalidParameterValue.IncorrectPhoneNumber': { meaning: 'The phone number is not valid.' },
	'InvalidParameterValue.SdkAppIdNotExist': {
		meaning: 'The SmsSdkAppId does not exist.',
		hint: 'Copy the SDK AppID from the SMS console (Application Management).',
	},
	'InvalidParameterValue.TemplateParameterFormatError': { meaning: 'Verification-code parameters must be 0 to 6 digits.' },
	'InvalidParameterValue.TemplateParameterLengthLimit': { meaning: 'A template parameter is too long.' },
	'UnauthorizedOperation.SmsSdkAppIdVerifyFail': {
		meaning: 'The SmsSdkAppId does not belong to the account of this API key.',
		hint: 'Use an SDK AppID of the same Tencent Cloud account as the SecretId.',
	},
	'LimitExceeded.PhoneNumberDailyLimit': {
		meaning: 'This number reached its daily SMS limit.',
		hint: 'The limit is a console setting (Frequency limit); try again tomorrow or raise it.',
	},
	'LimitExceeded.PhoneNumberOneHourLimit': { meaning: 'This number reached its hourly SMS limit.' },
	'LimitExceeded.PhoneNumberThirtySecondLimit': { meaning: 'This number already got an SMS in the last 30 seconds.' },
	'LimitExceeded.PhoneNumberSameContentDailyLimit': { meaning: 'This number got the same content too often today.' },
	'LimitExceeded.PhoneNumberCountLimit': { meaning: 'More than 200 numbers in one request.' },
	'MissingParameter.EmptyPhoneNumberSet': { meaning: 'The phone number list is empty.' },
	RequestLimitExceeded: { meaning: 'Too many API requests per second.' },
	'UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber': {
		meaning: 'One request mixed mainland China and international numbers.',
		hint: 'Send mainland China and international numbers in separate items.',
	},
};

/** Throttling codes: Tencent provably did not accept the request (the official SDKs retry these too). */
const THROTTLED = /^RequestLimitExceeded(\.|$)/;

export function tencentError(code: string, message: string | undefined, requestId?: string, httpStatus = 200): SmsError {
	const known = KNOWN[code];
	const text = known
		? `${known.meaning}${message && message !== known.meaning ? ` Tencent says: ${message}` : ''}`
		: (message ?? code);
	return new SmsError({
		provider: 'tencent',
		code,
		message: text,
		httpStatus,
		requestId,
		hint: known?.hint,
		retryable: THROTTLED.test(code),
	});
}

/** A non-200 answer means no API envelope at all (a proxy, a wrong URL). */
export function tencentHttpError(response: ApiResponse): SmsError {
	const body =
		typeof response.body === 'string' ? response.body.slice(0, 200) : JSON.stringify(response.body ?? '').slice(0, 200);
	return new SmsError({
		provider: 'tencent',
		code: `HTTP_${response.status}`,
		message: `Tencent Cloud answered HTTP ${response.status}${body ? `: ${body}` : ''}`,
		httpStatus: response.status,
		hint: response.status === 404 ? 'Check the endpoint or custom base URL of the {account}.' : undefined,
		retryable: response.status === 429,
	});
}

/** The action's fields, parsed with its schema; Response.Error becomes a thrown SmsError. */
export function tencentResponse<T extends z.ZodType>(
	schema: T,
	body: unknown,
	action: string,
): z.output<T> & { RequestId?: string } {
	const parsed = envelope.safeParse(body);
	if (!parsed.success) throw unexpected(action, parsed.error);
	const response = parsed.data.Response;
	if (response.Error) throw tencentError(response.Error.Code, response.Error.Message, response.RequestId);
	const fields = schema.safeParse(response);
	if (!fields.success) throw unexpected(action, fields.error);
	return { ...(fields.data as object), RequestId: response.RequestId } as z.output<T> & { RequestId?: string };
}

function unexpected(action: string, error: z.ZodError): SmsError {
	return new SmsError({
		provider: 'tencent',
		code: 'UNEXPECTED_RESPONSE',
		message: `Tencent Cloud answered ${action} with a body SMS Kit does not understand (${error.issues[0]?.path.join('.') || 'body'}: ${error.issues[0]?.message}).`,
	});
}
