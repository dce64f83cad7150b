import { inEditorWords, internalError, redactError, SmsError, type ProviderModule } from '../../core';

/** Core texts name the place keys are kept "{account}"; in Node-RED that is the account node. */
export const ACCOUNT_NODE = 'account node';

/**
 * What a Catch node receives. Node-RED copies only `message`, `code` and `cause` into msg.error, and the
 * debug sidebar prints `cause` as a string: so the hint goes in the message text, and there is no object cause.
 */
export class NodeRedSmsError extends Error {
	readonly code: string;
	readonly provider: SmsError['provider'];
	readonly requestId?: string;
	readonly httpStatus?: number;
	readonly hint?: string;
	readonly kind: SmsError['kind'];

	constructor(error: SmsError) {
		super(error.hint ? `${error.describe()} ${error.hint}` : error.describe());
		this.name = 'SmsError';
		this.code = error.code;
		this.provider = error.provider;
		this.requestId = error.requestId;
		this.httpStatus = error.httpStatus;
		this.hint = error.hint;
		this.kind = error.kind;
	}
}

/** Any failure as an SmsError in Node-RED words: a local bug says so (INTERNAL_ERROR), secrets are masked. */
export function asSmsError(caught: unknown, module: ProviderModule, secrets: Array<string | undefined> = []): SmsError {
	const error = caught instanceof SmsError ? caught : internalError(module.id, caught);
	return inEditorWords(redactError(error, secrets), ACCOUNT_NODE);
}
