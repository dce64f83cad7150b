import * as z from 'zod';
import { SmsError } from '../../errors';
import { retryAfterMs, type ApiResponse } from '../../http';

/** What to do, for what SMSMobileAPI answers (spec smsmobileapi.md §4): its error strings are not documented. */
const HINTS: Record<number, string> = {
	400: 'A parameter is missing or not valid: check the recipients and the message.',
	401: 'The OAuth2 token was refused: check the client ID and secret in the {account}.',
	403: 'The API key is invalid, expired or not allowed: copy it again from the SMSMobileAPI dashboard into the {account}.',
	429: 'SMSMobileAPI asks to slow down; SMS Kit waits as long as it says before trying again.',
};

const errorBody = z.object({ error: z.union([z.string(), z.number()]).optional(), message: z.string().optional() }).loose();

export function smsmobileapiHttpError(response: ApiResponse): SmsError {
	const parsed = errorBody.safeParse(response.body);
	const body = parsed.success ? parsed.data : {};
	const code = body.error !== undefined && body.error !== '' ? String(body.error) : `HTTP_${response.status}`;
	return new SmsError({
		provider: 'smsmobileapi',
		code,
		message:
			body.message ??
			(typeof response.body === 'string' && response.body
				? response.body.slice(0, 200)
				: `SMSMobileAPI answered HTTP ${response.status}.`),
		httpStatus: response.status,
		hint: HINTS[response.status],
		// 429 and a refused OAuth2 token (401, the session fetches a new one) provably sent nothing.
		retryable: response.status === 429,
		retryAfterMs: response.status === 429 ? retryAfterMs(response.headers) : undefined,
	});
}

/** `result.error` other than 0 / "0" / "" is an application error, answered with HTTP 200 (§3.1). */
export function noError(value: unknown): boolean {
	return value === undefined || value === null || value === 0 || value === '0' || value === '' || value === false;
}

export function applicationError(error: unknown, message: unknown, what: string): SmsError {
	const text = typeof message === 'string' && message ? message : typeof error === 'string' ? error : `error ${String(error)}`;
	const offline = /offline|not connected|no device|phone/i.test(text);
	return new SmsError({
		provider: 'smsmobileapi',
		code: typeof error === 'string' && /^[A-Za-z_.]+$/.test(error) ? error : 'APPLICATION_ERROR',
		message: `SMSMobileAPI refused ${what}: ${text}.`,
		httpStatus: 200,
		hint: offline
			? 'Open the SMSMobileAPI app on the sending phone, keep it connected, and try again.'
			: 'Check the message in the SMSMobileAPI dashboard; the phone running the app sends it.',
	});
}

export function smsmobileapiParse<T extends z.ZodType>(schema: T, body: unknown, what: string): z.output<T> {
	const result = schema.safeParse(body);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	throw new SmsError({
		provider: 'smsmobileapi',
		code: 'UNEXPECTED_RESPONSE',
		message: `SMSMobileAPI answered ${what} with a body SMS Kit does not understand (${issue?.path.join('.') || 'body'}: ${issue?.message}).`,
	});
}
