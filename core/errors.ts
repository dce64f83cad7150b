export const PROVIDERS = ['ovh', 'tencent', 'alibaba', 'smsmobileapi'] as const;
export type ProviderId = (typeof PROVIDERS)[number];

export const PROVIDER_NAMES: Record<ProviderId, string> = {
	ovh: 'OVHcloud',
	tencent: 'Tencent Cloud SMS',
	alibaba: 'Alibaba Cloud SMS',
	smsmobileapi: 'SMSMobileAPI',
};

/**
 * What a failure means for the message: `input` (refused before any request), `provider` (the provider answered
 * with an error: nothing was accepted), `not_sent` (the request provably never reached the provider: the only
 * case sent again), `unknown` (the request may have been accepted: never sent again, and said so), `internal`
 * (a bug in SMS Kit).
 */
export type SmsErrorKind = 'input' | 'provider' | 'not_sent' | 'unknown' | 'internal';

export interface SmsErrorDetails {
	provider: ProviderId;
	/** The provider's own code (e.g. INVALID_SIGNATURE), or one of ours for local checks (INVALID_PHONE_NUMBER). */
	code: string;
	/** What went wrong, in plain English. */
	message: string;
	httpStatus?: number;
	requestId?: string;
	/** What the user can do about it. */
	hint?: string;
	/** True only when the provider provably did not accept the request, so sending again cannot duplicate it. */
	retryable?: boolean;
	/** Defaults from the rest: retryable → not_sent, an HTTP status → provider, else input. */
	kind?: SmsErrorKind;
	/** How long the provider asked to wait before a retry (HTTP 429 Retry-After). */
	retryAfterMs?: number;
}

/** The one error type of the core; each editor adapter maps it to its own error at the edge. */
export class SmsError extends Error {
	readonly provider: ProviderId;
	readonly code: string;
	readonly httpStatus?: number;
	readonly requestId?: string;
	readonly hint?: string;
	readonly retryable: boolean;
	readonly kind: SmsErrorKind;
	readonly retryAfterMs?: number;

	constructor(details: SmsErrorDetails) {
		super(details.message);
		this.name = 'SmsError';
		this.provider = details.provider;
		this.code = details.code;
		this.httpStatus = details.httpStatus;
		this.requestId = details.requestId;
		this.hint = details.hint;
		this.retryable = details.retryable ?? false;
		this.retryAfterMs = details.retryAfterMs;
		this.kind = details.kind ?? (this.retryable ? 'not_sent' : details.httpStatus !== undefined ? 'provider' : 'input');
	}

	/** One line for logs and editor messages: provider, code, message and request id. */
	describe(): string {
		const where = [this.code, this.httpStatus && `HTTP ${this.httpStatus}`, this.requestId && `request ${this.requestId}`]
			.filter(Boolean)
			.join(', ');
		return `${PROVIDER_NAMES[this.provider]}: ${this.message} (${where})`;
	}

	toJSON(): SmsErrorDetails {
		return {
			provider: this.provider,
			code: this.code,
			message: this.message,
			httpStatus: this.httpStatus,
			requestId: this.requestId,
			hint: this.hint,
			retryable: this.retryable,
			kind: this.kind,
			retryAfterMs: this.retryAfterMs,
		};
	}
}

/** The shortest piece of a secret that is masked on its own: a cut text may end inside a secret. */
const SECRET_PREFIX = 6;

/**
 * Replaces every occurrence of each secret, and every piece of 6 characters or more that starts one (a
 * truncated body can end inside a key), with "***". Used on any text that leaves the core.
 */
export function redact(text: string, secrets: Array<string | undefined>): string {
	let out = text;
	for (const secret of secrets) {
		if (!secret || secret.length < 4) continue;
		out = out.split(secret).join('***');
		if (secret.length <= SECRET_PREFIX) continue;
		const head = secret.slice(0, SECRET_PREFIX);
		for (let at = out.indexOf(head); at !== -1; at = out.indexOf(head, at + 3)) {
			let end = at + SECRET_PREFIX;
			while (end < out.length && end - at < secret.length && out[end] === secret[end - at]) end++;
			out = `${out.slice(0, at)}***${out.slice(end)}`;
		}
	}
	return out;
}

/** A response body (text, or parsed JSON) with every secret masked in each string, keys included. */
export function redactDeep<T>(value: T, secrets: Array<string | undefined>): T {
	if (!secrets.some((s) => s && s.length >= 4)) return value;
	const walk = (v: unknown): unknown => {
		if (typeof v === 'string') return redact(v, secrets);
		if (Array.isArray(v)) return v.map(walk);
		if (v && typeof v === 'object' && !(v instanceof Uint8Array)) {
			return Object.fromEntries(Object.entries(v).map(([k, x]) => [redact(k, secrets), walk(x)]));
		}
		return v;
	};
	return walk(value) as T;
}

/**
 * Core texts name the place keys are kept as "{account}"; each editor says it in its own words
 * (n8n: "credential", Node-RED: "account node").
 */
export const ACCOUNT_WORD = '{account}';

export function inEditorWords(error: SmsError, word: string): SmsError {
	const details = error.toJSON();
	if (!details.message.includes(ACCOUNT_WORD) && !details.hint?.includes(ACCOUNT_WORD)) return error;
	return new SmsError({
		...details,
		message: details.message.split(ACCOUNT_WORD).join(word),
		hint: details.hint?.split(ACCOUNT_WORD).join(word),
	});
}
