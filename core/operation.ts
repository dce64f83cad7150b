import type { z } from 'zod';
import { PROVIDER_NAMES, redactDeep, SmsError, type ProviderId } from './errors';
import { retryAfterMs, type ApiRequest, type ApiResponse } from './http';

/** One provider call, defined once for both editors: input schema, pure request builder, response parser. */
export interface Operation<Schema extends z.ZodType, Output> {
	provider: ProviderId;
	/** e.g. "message.send" */
	name: string;
	/** True when the call sends messages: its failures say whether anything may have been sent. */
	sends?: boolean;
	input: Schema;
	request(input: z.output<Schema>): ApiRequest;
	parse(body: unknown, input: z.output<Schema>): Output;
}

export function defineOperation<Schema extends z.ZodType, Output>(op: Operation<Schema, Output>): Operation<Schema, Output> {
	return op;
}

/** The labels a user sees for input fields, by field name, so errors name "Receivers", not "receivers". */
export type FieldLabels = Record<string, string>;

/** Validates editor input against an operation's schema; problems become one plain-English SmsError. */
export function validateInput<Schema extends z.ZodType>(
	op: Operation<Schema, unknown>,
	raw: unknown,
	labels?: FieldLabels,
): z.output<Schema> {
	return validate(op.provider, op.input, raw, labels);
}

export function validate<Schema extends z.ZodType>(
	provider: ProviderId,
	schema: Schema,
	raw: unknown,
	labels: FieldLabels = {},
): z.output<Schema> {
	const result = schema.safeParse(raw);
	if (result.success) return result.data;
	const issues = result.error.issues;
	const phone = issues.find((i) => i.code === 'custom' && i.params?.code === 'INVALID_PHONE_NUMBER');
	const text = issues.map((i) => (i.path.length ? `${fieldName(i.path, labels)}: ${i.message}` : i.message)).join('; ');
	throw new SmsError({
		provider,
		code: phone ? 'INVALID_PHONE_NUMBER' : 'INVALID_INPUT',
		message: text,
		hint: phone
			? 'Write phone numbers in international format, e.g. +33601020304, or set a default country on the {account}.'
			: undefined,
		kind: 'input',
	});
}

const ORDINAL = ['th', 'st', 'nd', 'rd'];
function ordinal(n: number): string {
	const tens = n % 100;
	return `${n}${tens >= 11 && tens <= 13 ? 'th' : (ORDINAL[n % 10] ?? 'th')}`;
}

/** `receivers[1]` as the user knows it: "Receivers, 2nd value" (with the label when there is one). */
export function fieldName(path: PropertyKey[], labels: FieldLabels = {}): string {
	const [head, ...rest] = path;
	const first = labels[String(head)] ?? String(head);
	const tail = rest.map((p) => (typeof p === 'number' ? `${ordinal(p + 1)} value` : (labels[String(p)] ?? String(p))));
	return [first, ...tail].join(', ');
}

export interface RunOptions {
	/** Turns a non-2xx response into the provider's SmsError. */
	toError(response: ApiResponse): SmsError;
	/** Sends the request; the adapter owns the transport (n8n helpers, Node's http in Node-RED) and signing. */
	send(request: ApiRequest): Promise<ApiResponse>;
	sleep(ms: number): Promise<void>;
	/** How many times a provably-unaccepted request (or any read) may be sent again. */
	retries?: number;
	labels?: FieldLabels;
	/** Masked out of every answer before an error is made from it (so a cut can never fall inside one). */
	secrets?: Array<string | undefined>;
	/** Told how long a throttled request waits, so the other requests of the account wait too. */
	onThrottled?(ms: number): void;
}

/**
 * Validates, sends and parses. A send is sent again only when the provider provably did not accept it
 * (connection refused, HTTP 429, throttled); any other failure is reported as it is, so a message is never
 * sent twice. A read is also tried again after a dropped connection, a timeout or a 5xx.
 */
export async function runOperation<Schema extends z.ZodType, Output>(
	op: Operation<Schema, Output>,
	raw: unknown,
	options: RunOptions,
): Promise<Output> {
	const input = validateInput(op, raw, options.labels);
	const request = op.request(input);
	const retries = options.retries ?? 2;
	const secrets = options.secrets ?? [];
	for (let attempt = 0; ; attempt++) {
		let error: SmsError;
		let response: ApiResponse | undefined;
		try {
			response = await options.send(request);
		} catch (caught) {
			response = undefined;
			error = transportError(op.provider, caught, op.sends);
		}
		if (response) {
			if (response.status >= 200 && response.status < 300) {
				const outcome = parsed(op, response.body, input);
				if ('value' in outcome) return outcome.value;
				// Made again from the masked body: a provider message may echo a key. Tencent says "throttled"
				// inside a 200 body: still provably not accepted, so retryable.
				const masked = secrets.length ? parsed(op, redactDeep(response.body, secrets), input) : outcome;
				error = 'error' in masked ? masked.error : outcome.error;
			} else {
				error = answeredError(op, options.toError({ ...response, body: redactDeep(response.body, secrets) }));
			}
		}
		const again = error!.retryable || (!op.sends && error!.kind === 'unknown');
		if (!again || attempt >= retries) throw error!;
		// A provider that says how long to wait (Retry-After) is taken at its word, up to a minute.
		const asked = error!.retryAfterMs ?? (response && retryAfterMs(response.headers));
		const wait = Math.min(asked ?? 1000 * 2 ** attempt, 60_000);
		if (error!.retryable) options.onThrottled?.(wait);
		await options.sleep(wait);
	}
}

/**
 * A 5xx answer to a send: the provider may have taken the message before failing, so the outcome is unknown
 * (never sent again). To a read, a 5xx is worth another try.
 */
function answeredError(op: Operation<z.ZodType, unknown>, error: SmsError): SmsError {
	if (error.retryable || error.httpStatus === undefined || error.httpStatus < 500) return error;
	const details = error.toJSON();
	if (!op.sends) return new SmsError({ ...details, kind: 'unknown' });
	return new SmsError({
		...details,
		message: `${details.message} — ${PROVIDER_NAMES[op.provider]} failed while handling the send, so it may have been accepted; it was not sent again.`,
		hint: 'Check the delivery status (or send again with the same Idempotency Key and Skip Recipients Already Sent on).',
		kind: 'unknown',
	});
}

/** The provider answered 2xx: a body we cannot read leaves the outcome unknown, never "not sent". */
function parsed<Schema extends z.ZodType, Output>(
	op: Operation<Schema, Output>,
	body: unknown,
	input: z.output<Schema>,
): { value: Output } | { error: SmsError } {
	let caught: unknown;
	try {
		return { value: op.parse(body, input) };
	} catch (e) {
		caught = e;
	}
	if (caught instanceof SmsError && caught.code !== 'UNEXPECTED_RESPONSE') return { error: caught };
	const message =
		caught instanceof SmsError
			? caught.message
			: `${PROVIDER_NAMES[op.provider]} answered in a way SMS Kit does not understand (${caught instanceof Error ? caught.message : String(caught)}).`;
	return {
		error: new SmsError({
			provider: op.provider,
			code: 'UNEXPECTED_RESPONSE',
			message: op.sends ? `${message} The messages may have been accepted, so they were not sent again.` : message,
			hint: op.sends ? 'Check the delivery status or the provider console before sending again.' : undefined,
			kind: 'unknown',
		}),
	};
}

const REFUSED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
/** The codes Node and n8n give a request that got no answer within its timeout. */
const TIMED_OUT = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);

/**
 * A failure of the transport while sending a request. Only a refused connection proves nothing reached the
 * provider; any other failure leaves the outcome unknown. `sends` says whether the request sends messages,
 * so reads never speak of "sent". (Failures outside the transport are `internalError`s.)
 */
export function transportError(provider: ProviderId, caught: unknown, sends = false): SmsError {
	if (caught instanceof SmsError) return caught;
	const name = PROVIDER_NAMES[provider];
	const code = networkCode(caught);
	if (code && REFUSED.has(code)) {
		return new SmsError({
			provider,
			code,
			message: `Could not connect to ${name} (${code})${sends ? '; nothing was sent' : ''}.`,
			hint: 'Check the endpoint or base URL of the {account}, and the network.',
			retryable: true,
		});
	}
	const what = code ?? (caught instanceof Error ? caught.message : String(caught));
	const failure =
		code && TIMED_OUT.has(code)
			? `${name} did not answer in time (${what})`
			: `The connection to ${name} was lost before it answered (${what})`;
	return new SmsError({
		provider,
		code: code ?? 'NETWORK_ERROR',
		message: sends
			? `${failure}. The request had gone out, so the message may have been accepted; it was not sent again.`
			: `${failure}.`,
		hint: sends
			? 'Check the delivery status (or send again with the same Idempotency Key and Skip Recipients Already Sent on).'
			: 'Try again later, or raise the timeout.',
		kind: 'unknown',
	});
}

/** Something that is neither the user's input nor the network: said as such, with its own message. */
export function internalError(provider: ProviderId, caught: unknown): SmsError {
	if (caught instanceof SmsError) return caught;
	const message = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
	return new SmsError({
		provider,
		code: 'INTERNAL_ERROR',
		message: `SMS Kit failed unexpectedly (${message}).`,
		hint: 'Please report this to SMS Kit with the input that caused it.',
		kind: 'internal',
	});
}

/** The system error code (ECONNREFUSED…) of a failure, from it, its causes, or their messages (n8n wraps them). */
function networkCode(caught: unknown): string | undefined {
	for (let e: unknown = caught, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
		const code = (e as { code?: unknown }).code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		const inMessage = /\b(E(?:CONN[A-Z]+|NOTFOUND|AI_AGAIN|TIMEDOUT|SOCKETTIMEDOUT|PIPE|HOSTUNREACH|NETUNREACH))\b/.exec(
			String((e as { message?: unknown }).message ?? ''),
		);
		if (inMessage) return inMessage[1];
		e = (e as { cause?: unknown }).cause;
	}
	return undefined;
}
