import * as z from 'zod';
import { SmsError } from '../../errors';
import type { ApiResponse } from '../../http';

/** Both error shapes OVHcloud answers with (spec ovh.md §7.1). */
const errorBody = z
	.object({ errorCode: z.string().optional(), class: z.string().optional(), message: z.string().optional() })
	.loose();

/** Plain-English hints for the codes users meet first (spec §7.2). */
const HINTS: Record<string, string> = {
	INVALID_KEY: 'The application key is unknown to this endpoint: check the application key and the endpoint (ovh-eu, ovh-ca, …).',
	INVALID_SIGNATURE:
		'The request signature was refused: check the application secret and consumer key, and that the endpoint matches where they were created.',
	NOT_CREDENTIAL: 'The consumer key does not exist or belongs to another application: create a new consumer key.',
	INVALID_CREDENTIAL: 'The consumer key is not validated, expired or revoked: open its validation URL, or create a new one.',
	NOT_GRANTED_CALL: 'The consumer key is not allowed to make this call: create one whose access rules include it.',
	'Client::NotFound': 'Check the SMS service name (sms-xx00000-1) and that this account owns it.',
};

export function ovhError(response: ApiResponse): SmsError {
	const parsed = errorBody.safeParse(response.body);
	const body = parsed.success ? parsed.data : {};
	const code = body.errorCode ?? body.class ?? `HTTP_${response.status}`;
	return new SmsError({
		provider: 'ovh',
		code,
		message:
			body.message ??
			(typeof response.body === 'string' && response.body ? response.body.slice(0, 200) : `HTTP ${response.status}`),
		httpStatus: response.status,
		requestId: response.headers['x-ovh-queryid'],
		hint: HINTS[code] ?? (body.class ? HINTS[body.class] : undefined),
		retryable: response.status === 429,
	});
}

/** Parses a success body, turning a shape we do not expect into a clear error instead of undefined fields. */
export function ovhParse<T extends z.ZodType>(schema: T, body: unknown, what: string): z.output<T> {
	const result = schema.safeParse(body);
	if (result.success) return result.data;
	throw new SmsError({
		provider: 'ovh',
		code: 'UNEXPECTED_RESPONSE',
		message: `OVHcloud answered ${what} with a body SMS Kit does not understand: ${result.error.issues[0]?.message ?? 'invalid'}.`,
	});
}

/** sms.SmsSendingReport (spec §8.2). */
export const sendingReport = z.object({
	ids: z.array(z.number()),
	validReceivers: z.array(z.string()),
	invalidReceivers: z.array(z.string()),
	totalCreditsRemoved: z.number(),
	tag: z.string().optional(),
});
export type OvhSendingReport = z.output<typeof sendingReport>;

export const serviceNames = z.array(z.string());
