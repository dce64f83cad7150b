import { createHash } from 'node:crypto';
import { SmsError, type ProviderId } from './errors';
import type { SendResult } from './normalised';
import { splitReceivers } from './phone';

/**
 * Bulk sending, the same in both editors: sends whose fields are equal but for their recipients are joined into
 * one action input (n8n: consecutive items; Node-RED: messages arriving within a short window), sent in the
 * provider's batch sizes, and each result is given back to the send it came from.
 */

/** The key sends must share to be joined: every field but the recipients (and what is per send anyway). */
export function joinKey(input: Record<string, unknown>, recipientsField: string): string {
	const names = Object.keys(input);
	// Bulk sends ask for the key of thousands of inputs that differ only in their recipients: the last two
	// keys made are kept with the values they were made from.
	for (const known of recentKeys) if (sameFields(known, input, names.length, recipientsField)) return known.key;
	names.sort();
	// JSON.stringify of the sorted [name, value] pairs, written out.
	let key = '';
	const fields: string[] = [];
	const values: unknown[] = [];
	for (const name of names) {
		if (name === recipientsField) continue;
		fields.push(name);
		values.push(input[name]);
		key += `${key ? ',' : ''}[${JSON.stringify(name)},${JSON.stringify(input[name]) ?? 'null'}]`;
	}
	key = `[${key}]`;
	recentKeys.unshift({
		key,
		recipientsField,
		fields,
		values,
		count: names.length,
		hasRecipients: Object.hasOwn(input, recipientsField),
	});
	recentKeys.length = Math.min(recentKeys.length, 2);
	return key;
}

interface KnownKey {
	key: string;
	recipientsField: string;
	fields: string[];
	values: unknown[];
	count: number;
	hasRecipients: boolean;
}
const recentKeys: KnownKey[] = [];

/**
 * The same fields with the same values. An object counts as the same only when it is the very object and frozen
 * (n8n's parameters read once are): another could have changed since its key was made.
 */
function sameFields(known: KnownKey, input: Record<string, unknown>, count: number, recipientsField: string): boolean {
	if (known.recipientsField !== recipientsField || known.count !== count) return false;
	if (Object.hasOwn(input, recipientsField) !== known.hasRecipients) return false;
	for (let i = 0; i < known.fields.length; i++) {
		const value = input[known.fields[i]];
		if (value !== known.values[i] || !Object.hasOwn(input, known.fields[i])) return false;
		if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) return false;
	}
	return true;
}

/**
 * A short digest of `joinKey` (12 characters of its SHA-256), for keys made from what a send sends; the same
 * message over thousands of items or messages is hashed once.
 */
export function joinDigest(input: Record<string, unknown>, recipientsField: string): string {
	return digestOf(joinKey(input, recipientsField));
}

/** The digest of a `joinKey` already made. */
export function digestOf(key: string): string {
	let digest = digests.get(key);
	if (digest === undefined) {
		if (digests.size >= 1000) digests.clear();
		digest = createHash('sha256').update(key).digest('base64url').slice(0, 12);
		digests.set(key, digest);
	}
	return digest;
}

const digests = new Map<string, string>();

/** One input for several sends: their recipients one after the other, and how many each brought. */
export function joinSends(
	inputs: Array<Record<string, unknown>>,
	recipientsField: string,
): { input: Record<string, unknown>; counts: number[] } {
	const lists = inputs.map((input) => splitReceivers(input[recipientsField]));
	return { input: { ...inputs[0], [recipientsField]: lists.flat() }, counts: lists.map((list) => list.length) };
}

/**
 * The results of a joined send, split back: one list per send, in order (results come one per recipient, in the
 * recipients' order). Undefined when they cannot be told apart (a count that does not add up).
 */
export function splitResults<T>(results: readonly T[], counts: readonly number[]): T[][] | undefined {
	if (counts.reduce((a, b) => a + b, 0) !== results.length) return undefined;
	const out: T[][] = [];
	let at = 0;
	for (const count of counts) {
		out.push(results.slice(at, at + count));
		at += count;
	}
	return out;
}

/** How fast requests may go: at most `parallel` at once, and at most `perSecond` started per second (0: no cap). */
export interface Pace {
	parallel: number;
	perSecond: number;
}

/**
 * The pace an editor's fields ask for (text or numbers, as each editor saves them); a field left empty, 0 or
 * invalid keeps the provider's default.
 */
export function paceFrom(fields: { parallel?: unknown; perSecond?: unknown }, defaults: Pace): Pace {
	const number = (value: unknown, fallback: number, min: number) => {
		const n = Number(value);
		return value !== undefined && value !== null && value !== '' && Number.isFinite(n) && n >= min ? n : fallback;
	};
	return {
		parallel: Math.floor(number(fields.parallel, defaults.parallel, 1)),
		perSecond: number(fields.perSecond, defaults.perSecond, 0.001),
	};
}

/**
 * Paces requests: a slot (one of `parallel`) and a start time for each, and a pause for everyone when the
 * provider says to slow down (a throttling answer's Retry-After). `perSecond` is kept as providers count it: at
 * most that many starts in any one-second window, so twenty requests under a 50/s cap go at once (as fast as
 * the slots allow) instead of 20 ms apart. Timers come from the editor's `sleep`.
 */
export class Pacer {
	private running = 0;
	private readonly waiting: Array<() => void> = [];
	/** Start times reserved so far, oldest first: the last `windowCount` of them. */
	private readonly starts: number[] = [];
	private pausedUntil = 0;
	/** The most requests seen in flight at once (for the status and the benchmarks). */
	maxInFlight = 0;

	get parallel(): number {
		return Math.max(1, this.pace.parallel);
	}

	constructor(
		readonly pace: Pace,
		private readonly sleep: (ms: number) => Promise<void>,
		private readonly now: () => number,
	) {}

	async run<T>(work: () => Promise<T>): Promise<T> {
		await this.slot();
		try {
			await this.startTime();
			return await work();
		} finally {
			this.release();
		}
	}

	/** Everyone waits until `ms` from now (a 429's Retry-After), not only the request that was throttled. */
	pause(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
	}

	private async slot(): Promise<void> {
		const limit = Math.max(1, this.pace.parallel);
		if (this.running >= limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
		this.running++;
		this.maxInFlight = Math.max(this.maxInFlight, this.running);
	}

	private release(): void {
		this.running--;
		this.waiting.shift()?.();
	}

	/**
	 * Reserves this request's start time at once (so that requests arriving together cannot all take the same
	 * free place in the window), then waits for it and any pause. Below one a second, the window stretches: at
	 * 0.5/s, one start in any two seconds.
	 */
	private async startTime(): Promise<void> {
		const perSecond = this.pace.perSecond;
		let at = this.now();
		if (perSecond > 0) {
			const count = Math.max(1, Math.floor(perSecond));
			const windowMs = (count * 1000) / perSecond;
			if (this.starts.length >= count) at = Math.max(at, this.starts[this.starts.length - count] + windowMs);
			this.starts.push(at);
			if (this.starts.length > count) this.starts.shift();
		}
		for (let wait = Math.max(at, this.pausedUntil) - this.now(); wait > 0; wait = Math.max(at, this.pausedUntil) - this.now()) {
			await this.sleep(wait);
		}
	}
}

/**
 * What a send that was joined with others would have failed with on its own: when none of its recipients was
 * reached, a request that failed as a whole (`not_sent`, `unknown`), or — all its numbers being invalid — the
 * number check. Undefined when its results stand as they are.
 */
export function joinedFailure(provider: ProviderId, results: readonly SendResult[]): SmsError | undefined {
	if (!results.length || results.some((r) => r.status === 'queued' || r.status === 'already_sent')) return undefined;
	const failed = results.find((r) => (r.status === 'not_sent' || r.status === 'unknown') && r.error);
	const invalid = results.every((r) => r.error?.code === 'INVALID_PHONE_NUMBER');
	const cause = failed ?? (invalid ? results[0] : undefined);
	if (!cause?.error) return undefined;
	return new SmsError({
		provider,
		code: cause.error.code,
		message: cause.error.message,
		hint: cause.error.hint,
		kind: cause.status === 'rejected' ? 'input' : cause.status === 'not_sent' ? 'not_sent' : 'unknown',
	});
}
