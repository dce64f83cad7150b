import type { z } from 'zod';
import { SmsError, type ProviderId } from './errors';
import type { ApiRequest, ApiResponse } from './http';

/** One provider action, defined once for both editors: input schema, pure request builder, response parser. */
export interface Operation<Schema extends z.ZodType, Output> {
	provider: ProviderId;
	/** e.g. "message.send" */
	name: string;
	input: Schema;
	request(input: z.output<Schema>): ApiRequest;
	parse(body: unknown, input: z.output<Schema>): Output;
}

export function defineOperation<Schema extends z.ZodType, Output>(op: Operation<Schema, Output>): Operation<Schema, Output> {
	return op;
}

/** Validates editor input against an operation's schema; problems become one plain-English SmsError. */
export function validateInput<Schema extends z.ZodType>(op: Operation<Schema, unknown>, raw: unknown): z.output<Schema> {
	return validate(op.provider, op.input, raw);
}

export function validate<Schema extends z.ZodType>(provider: ProviderId, schema: Schema, raw: unknown): z.output<Schema> {
	const result = schema.safeParse(raw);
	if (result.success) return result.data;
	const issues = result.error.issues;
	const phone = issues.find((i) => i.code === 'custom' && i.params?.code === 'INVALID_PHONE_NUMBER');
	const text = issues.map((i) => (i.path.length ? `${fieldName(i.path)}: ${i.message}` : i.message)).join('; ');
	throw new SmsError({
		provider,
		code: phone ? 'INVALID_PHONE_NUMBER' : 'INVALID_INPUT',
		message: text,
		hint: phone ? 'Write phone numbers in international format, e.g. +33601020304.' : undefined,
	});
}

function fieldName(path: PropertyKey[]): string {
	return path
		.map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
		.join('.')
		.replace(/\.\[/g, '[');
}

export interface RunOptions {
	/** Turns a non-2xx response into the provider's SmsError. */
	toError(response: ApiResponse): SmsError;
	/** Sends the request; the adapter owns the transport (n8n helpers, axios) and signing. */
	send(request: ApiRequest): Promise<ApiResponse>;
	sleep(ms: number): Promise<void>;
	/** How many times a provably-unaccepted request may be sent again. */
	retries?: number;
}

/**
 * Validates, sends and parses. A request is sent again only when the provider provably did not accept it
 * (connection refused, HTTP 429); any other failure is reported as it is, so a message is never sent twice.
 */
export async function runOperation<Schema extends z.ZodType, Output>(
	op: Operation<Schema, Output>,
	raw: unknown,
	options: RunOptions,
): Promise<Output> {
	const input = validateInput(op, raw);
	const request = op.request(input);
	const retries = options.retries ?? 2;
	for (let attempt = 0; ; attempt++) {
		let error: SmsError;
		try {
			const response = await options.send(request);
			if (response.status >= 200 && response.status < 300) return op.parse(response.body, input);
			error = options.toError(response);
		} catch (caught) {
			error = transportError(op.provider, caught);
		}
		if (!error.retryable || attempt >= retries) throw error;
		await options.sleep(1000 * 2 ** attempt);
	}
}

/** Network failures: only a refused connection proves nothing reached the provider. */
export function transportError(provider: ProviderId, caught: unknown): SmsError {
	if (caught instanceof SmsError) return caught;
	const code = networkCode(caught);
	if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
		return new SmsError({
			provider,
			code,
			message: `Could not connect to the provider (${code}); nothing was sent.`,
			hint: 'Check the endpoint or base URL in the credential, and the network.',
			retryable: true,
		});
	}
	return new SmsError({
		provider,
		code: code ?? 'NETWORK_ERROR',
		message: `The connection failed after the request was sent (${code ?? 'unknown error'}); the provider may or may not have accepted it, so it was not sent again.`,
		hint: 'Check the delivery status or the provider console before sending again.',
	});
}

function networkCode(caught: unknown): string | undefined {
	for (let e: unknown = caught, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
		const code = (e as { code?: unknown }).code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		e = (e as { cause?: unknown }).cause;
	}
	return undefined;
}
