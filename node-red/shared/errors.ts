import type { Node } from 'node-red';
import { redact, SmsError, type ProviderId } from '../../core';

/**
 * What a Catch node receives: the message is SmsError.describe() (provider, code, plain English, request id);
 * `code` reaches msg.error.code and `cause` (the error's details, hint included) reaches msg.error.cause.
 */
export class NodeRedSmsError extends Error {
	readonly code: string;
	readonly provider?: ProviderId;
	readonly requestId?: string;
	readonly httpStatus?: number;
	override readonly cause: Record<string, unknown>;

	constructor(error: SmsError) {
		super(error.describe());
		this.name = 'SmsError';
		this.code = error.code;
		this.provider = error.provider;
		this.requestId = error.requestId;
		this.httpStatus = error.httpStatus;
		this.cause = { ...error.toJSON() };
	}
}

/** Any failure as an SmsError, with every given secret masked out of its text. */
export function asSmsError(caught: unknown, provider: ProviderId, secrets: Array<string | undefined> = []): SmsError {
	const error =
		caught instanceof SmsError
			? caught
			: new SmsError({ provider, code: 'UNEXPECTED_ERROR', message: caught instanceof Error ? caught.message : String(caught) });
	const details = error.toJSON();
	return new SmsError({
		...details,
		message: redact(details.message, secrets),
		hint: details.hint === undefined ? undefined : redact(details.hint, secrets),
	});
}

/** The one error path of every SMS Kit node: red status with the short code, and done(err) for Catch nodes. */
export function failMessage(node: Node, done: (err?: Error) => void, caught: unknown, provider: ProviderId): void {
	const error = asSmsError(caught, provider);
	node.status({ fill: 'red', shape: 'dot', text: error.code });
	done(new NodeRedSmsError(error));
}
