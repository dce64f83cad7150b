import { createHash } from 'node:crypto';
import type { CountryCode } from 'libphonenumber-js';
import { PROVIDER_NAMES, SmsError, type ProviderId } from './errors';
import type { SendResult } from './normalised';
import { fieldName } from './operation';
import { mapLimit } from './batching';
import { splitReceivers, toE164 } from './phone';

/**
 * The send path every provider's send action takes: each recipient checked on its own, those an earlier run
 * already reached with the same Idempotency Key skipped, the rest sent in the provider's batches — and every
 * recipient ends with exactly one outcome (see `SendOutcome`).
 */

/**
 * `queued`: accepted. `rejected`: the provider (or our check of the number) said no. `not_sent`: provably
 * never reached the provider (the only outcome sent again automatically, and safe to send again by hand).
 * `unknown`: may have been accepted (a reset after sending, a timeout, a 5xx, an answer we cannot read) —
 * never sent again. `already_sent`: an earlier run with the same Idempotency Key reached this recipient.
 */
export type SendOutcome = SendResult['status'];

/** What the user chose for a send, from the fields every provider's send action has. */
export interface SendChoices {
	/** `reject` (default): an invalid number is its own rejected result and the others are sent; `fail`: the item fails. */
	onInvalidNumber: 'reject' | 'fail';
	idempotencyKey?: string;
	/** Ask the provider first which recipients already got a message with the key, and skip them. */
	skipAlreadySent: boolean;
}

export function sendChoices(input: Record<string, unknown>): SendChoices {
	const key = typeof input.idempotencyKey === 'string' ? input.idempotencyKey.trim() : String(input.idempotencyKey ?? '');
	return {
		onInvalidNumber: input.onInvalidNumber === 'fail' ? 'fail' : 'reject',
		idempotencyKey: key || undefined,
		skipAlreadySent: input.skipAlreadySent === true,
	};
}

/**
 * The key as a provider's echoed field can carry it: as it is when short and plain, else a hash of it (the
 * same key always gives the same value, so a re-run finds what the first run sent).
 */
export function keyForField(key: string, max: number): string {
	if (key.length <= max && /^[\w.:@/-]+$/.test(key)) return key;
	return `sk-${createHash('sha256')
		.update(key)
		.digest('base64url')
		.slice(0, Math.max(8, Math.min(max, 43) - 3))}`;
}

/** One recipient as a send sees it: its number (any form the user typed), and whatever else it carries. */
export interface Recipient {
	to: unknown;
}

export interface SendPlan<R extends Recipient, T extends SendResult> {
	provider: ProviderId;
	/** The recipients field's label, for errors ("Phone Numbers"). */
	label: string;
	recipients: R[];
	choices: SendChoices;
	defaultCountry?: string;
	/** A provider habit applied before the default country (Alibaba: bare 11-digit mainland numbers). */
	localise?(number: string): string;
	/** How many of the provider's requests may run at once (the editor's Requests in Parallel; default 1). */
	parallel?: number;
	/** Runs once the numbers are checked and before anything is sent (a template check that reads the provider). */
	prepare?(): Promise<void>;
	/** The recipients (E.164) an earlier send with the key reached, and the id it got; none without a key. */
	alreadySent?(numbers: string[], key: string): Promise<Map<string, string | null>>;
	/** The provider's requests: recipients with valid numbers, in order, split as the provider takes them. */
	batches(recipients: Array<R & { to: string }>): Array<Array<R & { to: string }>>;
	send(batch: Array<R & { to: string }>): Promise<T[]>;
	/** A result in the provider's shape for a recipient that was not sent (or was found already sent). */
	result(to: string, status: SendOutcome, error: SmsError | null, messageId?: string | null): T;
}

/** Recipients from a list or text field (commas, semicolons, new lines). */
export function recipientsOf(value: unknown): Recipient[] {
	return splitReceivers(value).map((to) => ({ to }));
}

/** The E.164 form of a recipient's number, or undefined when it is not a valid number. */
function normalised(raw: unknown, plan: { defaultCountry?: string; localise?(n: string): string }): string | undefined {
	const text = String(raw ?? '').trim();
	const local = plan.localise ? plan.localise(text) : text;
	const country = plan.defaultCountry?.trim().toUpperCase() || undefined;
	return toE164(local, country as CountryCode | undefined);
}

function invalidNumber(provider: ProviderId, label: string, index: number, raw: unknown, many: boolean): SmsError {
	return new SmsError({
		provider,
		code: 'INVALID_PHONE_NUMBER',
		message: `${many ? fieldName([label, index]) : label}: "${String(raw)}" is not a valid phone number in international format (e.g. +33601020304)`,
		hint: 'Write phone numbers in international format, e.g. +33601020304, or set a default country on the {account}.',
		kind: 'input',
	});
}

/** Sends to every recipient (see the file comment); throws only when no recipient was reached at all. */
export async function sendToRecipients<R extends Recipient, T extends SendResult>(plan: SendPlan<R, T>): Promise<T[]> {
	const { provider, recipients, choices } = plan;
	if (!recipients.length) {
		throw new SmsError({ provider, code: 'INVALID_INPUT', message: `${plan.label}: add at least one receiver`, kind: 'input' });
	}
	const outcomes: Array<T | undefined> = new Array(recipients.length);
	const valid: Array<{ index: number; recipient: R & { to: string } }> = [];
	let firstInvalid: SmsError | undefined;
	recipients.forEach((recipient, index) => {
		const to = normalised(recipient.to, plan);
		if (to) return valid.push({ index, recipient: { ...recipient, to } });
		const error = invalidNumber(provider, plan.label, index, recipient.to, recipients.length > 1);
		firstInvalid ??= error;
		outcomes[index] = plan.result(String(recipient.to ?? ''), 'rejected', error);
	});
	if (firstInvalid && (choices.onInvalidNumber === 'fail' || !valid.length)) throw firstInvalid;
	await plan.prepare?.();

	let pending = valid;
	if (choices.skipAlreadySent && choices.idempotencyKey && plan.alreadySent) {
		const found = await plan.alreadySent(
			valid.map((v) => v.recipient.to),
			choices.idempotencyKey,
		);
		pending = valid.filter(({ index, recipient }) => {
			if (!found.has(recipient.to)) return true;
			outcomes[index] = plan.result(recipient.to, 'already_sent', null, found.get(recipient.to));
			return false;
		});
	}

	const batches = plan.batches(pending.map((p) => p.recipient));
	// Where each recipient of a batch came from, by number, so results land in the input's order.
	const slots = new Map<string, number[]>();
	for (const { index, recipient } of pending) slots.set(recipient.to, [...(slots.get(recipient.to) ?? []), index]);
	const stray: T[] = [];
	let firstFailure: SmsError | undefined;
	let stopped: SmsError | undefined;
	const sendOne = async (batch: Array<R & { to: string }>) => {
		if (stopped) {
			for (const r of batch) place(r.to, plan.result(r.to, 'not_sent', notAttempted(provider, stopped)));
			return;
		}
		try {
			for (const result of await plan.send(batch)) place(result.to, result);
		} catch (caught) {
			const error = asSendError(provider, caught);
			firstFailure ??= error;
			for (const r of batch) place(r.to, plan.result(r.to, outcomeOf(error), error));
			// After a failure that may repeat for every request (provider unreachable, timing out), stop.
			if (error.kind === 'not_sent' || error.kind === 'unknown' || error.kind === 'internal') stopped = error;
		}
	};
	// Requests start in order, a few at once; one not started when another fails is held back.
	await mapLimit(batches, plan.parallel ?? 1, sendOne);
	const results = [...outcomes.filter((o): o is T => o !== undefined), ...stray];
	// Nobody reached and a request failed as a whole: the item fails with that error, as a single send would.
	if (firstFailure && !results.some((r) => r.status === 'queued' || r.status === 'already_sent')) throw firstFailure;
	return results;

	function place(to: string, result: T): void {
		const index = slots.get(to)?.shift();
		if (index === undefined) stray.push(result);
		else outcomes[index] = result;
	}
}

function asSendError(provider: ProviderId, caught: unknown): SmsError {
	if (caught instanceof SmsError) return caught;
	const message = caught instanceof Error ? caught.message : String(caught);
	return new SmsError({
		provider,
		code: 'INTERNAL_ERROR',
		message: `SMS Kit failed while sending (${message}); the request may have gone out, so it was not sent again.`,
		kind: 'unknown',
	});
}

/** The outcome a request-wide failure gives each of its recipients. */
export function outcomeOf(error: SmsError): SendOutcome {
	if (error.kind === 'not_sent') return 'not_sent';
	if (error.kind === 'unknown' || error.kind === 'internal') return 'unknown';
	return 'rejected';
}

function notAttempted(provider: ProviderId, cause: SmsError): SmsError {
	return new SmsError({
		provider,
		code: 'NOT_ATTEMPTED',
		message: `Not sent: an earlier request of this send to ${PROVIDER_NAMES[provider]} failed (${cause.code}), so the rest were held back.`,
		hint: 'Send again with the same Idempotency Key and Skip Recipients Already Sent on, so only these go.',
		kind: 'not_sent',
	});
}

/** The `error` field of a result: the code, the plain-English message, and what to do. */
export function resultError(error: SmsError | null): { code: string; message: string; hint?: string } | null {
	if (!error) return null;
	return error.hint
		? { code: error.code, message: error.message, hint: error.hint }
		: { code: error.code, message: error.message };
}
