import fc from 'fast-check';
import { joinedFailure, joinKey, joinSends, Pacer, paceFrom, splitResults } from '../../core/bulk';
import type { SendResult } from '../../core/normalised';

describe('joining sends', () => {
	it('puts the recipients one after the other and splits the results back by count', () => {
		const { input, counts } = joinSends(
			[
				{ to: '+33601020301', text: 'hi' },
				{ to: '+33601020302, +33601020303', text: 'hi' },
			],
			'to',
		);
		expect(input).toEqual({ to: ['+33601020301', '+33601020302', '+33601020303'], text: 'hi' });
		expect(splitResults(['a', 'b', 'c'], counts)).toEqual([['a'], ['b', 'c']]);
		expect(splitResults(['a', 'b'], counts)).toBeUndefined();
	});

	const result = (status: SendResult['status'], code?: string): SendResult => ({
		provider: 'ovh',
		status,
		to: '+33601020301',
		messageId: null,
		encoding: null,
		segments: null,
		characters: null,
		error: code ? { code, message: code } : null,
	});

	it('keys a send by every field but its recipients, as JSON of the sorted pairs, whatever came before', () => {
		// The reference: what the key has always been (n8n's default Idempotency Key is its digest).
		const reference = (input: Record<string, unknown>, field: string) =>
			JSON.stringify(
				Object.entries(input)
					.filter(([name]) => name !== field)
					.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
			);
		const frozen = Object.freeze({ a: 1 });
		const value = fc.oneof(fc.constantFrom(undefined, null, '', 'hi', 1, true, frozen), fc.jsonValue());
		const input = fc.dictionary(fc.constantFrom('to', 'text', 'sender', 'idempotencyKey', 'x'), value, { maxKeys: 5 });
		fc.assert(
			fc.property(fc.array(input, { minLength: 1, maxLength: 6 }), (inputs) => {
				for (const i of inputs) expect(joinKey(i, 'to')).toBe(reference(i, 'to'));
			}),
			{ numRuns: 500 },
		);
	});

	it('makes the key again when an object field changed since (only frozen objects are taken as unchanged)', () => {
		const params = { code: '1234' };
		const input = { to: '+33601020301', params };
		const before = joinKey(input, 'to');
		params.code = '9999';
		expect(joinKey({ to: '+33601020302', params }, 'to')).not.toBe(before);
		// A field the recipients field's absence would let through unnoticed.
		expect(joinKey({ text: 'a', to: 'x' }, 'to')).not.toBe(joinKey({ text: 'a', other: 'x' }, 'to'));
	});

	it('fails a joined send as it would have failed alone, and only then', () => {
		expect(joinedFailure('ovh', [result('unknown', 'ECONNRESET')])).toMatchObject({ code: 'ECONNRESET', kind: 'unknown' });
		expect(joinedFailure('ovh', [result('rejected', 'INVALID_PHONE_NUMBER')])).toMatchObject({ kind: 'input' });
		expect(joinedFailure('ovh', [result('queued'), result('unknown', 'ECONNRESET')])).toBeUndefined();
		expect(joinedFailure('ovh', [result('rejected', 'INVALID_RECEIVER')])).toBeUndefined();
	});
});

describe('Pacer', () => {
	it('takes the pace the editor fields ask for; empty, 0 or invalid keeps the provider default', () => {
		const defaults = { parallel: 4, perSecond: 50 };
		expect(paceFrom({ parallel: '2', perSecond: 7 }, defaults)).toEqual({ parallel: 2, perSecond: 7 });
		expect(paceFrom({ parallel: 0, perSecond: '' }, defaults)).toEqual(defaults);
		expect(paceFrom({ parallel: 'x', perSecond: -1 }, defaults)).toEqual(defaults);
	});

	it('never has more than `parallel` requests in flight', async () => {
		const pacer = new Pacer({ parallel: 3, perSecond: 0 }, (ms) => new Promise((r) => setTimeout(r, ms)), Date.now);
		let inFlight = 0;
		let most = 0;
		await Promise.all(
			Array.from({ length: 20 }, () =>
				pacer.run(async () => {
					most = Math.max(most, ++inFlight);
					await new Promise((r) => setTimeout(r, 5));
					inFlight--;
				}),
			),
		);
		expect(most).toBe(3);
		expect(pacer.maxInFlight).toBe(3);
	});

	/** A clock that moves only when someone sleeps: start times are exact, the test takes no time. */
	function virtualClock() {
		let now = 0;
		const sleepers: Array<{ until: number; wake: () => void }> = [];
		const sleep = (ms: number) => new Promise<void>((wake) => sleepers.push({ until: now + ms, wake }));
		/** Runs until every promise settles, advancing the clock to the next sleeper whenever nothing else can run. */
		async function settle<T>(work: Promise<T>): Promise<T> {
			let done = false;
			void work.finally(() => (done = true));
			while (!done) {
				await new Promise((r) => setImmediate(r));
				if (done || !sleepers.length) continue;
				sleepers.sort((a, b) => a.until - b.until);
				const next = sleepers.shift()!;
				now = Math.max(now, next.until);
				next.wake();
			}
			return work;
		}
		return { now: () => now, sleep, settle };
	}

	it('starts at most `perSecond` requests in any one-second window, at once while the window has room', async () => {
		const clock = virtualClock();
		const pacer = new Pacer({ parallel: 100, perSecond: 50 }, clock.sleep, clock.now);
		const starts: number[] = [];
		await clock.settle(Promise.all(Array.from({ length: 120 }, () => pacer.run(async () => void starts.push(clock.now())))));
		// 50 at 0, the next 50 one second later, the last 20 at 2 s: never 51 within 1000 ms.
		expect(starts.filter((t) => t === 0)).toHaveLength(50);
		expect(starts.filter((t) => t === 1000)).toHaveLength(50);
		expect(starts.filter((t) => t === 2000)).toHaveLength(20);
		for (let i = 50; i < starts.length; i++) expect(starts[i] - starts[i - 50]).toBeGreaterThanOrEqual(1000);
	});

	it('stretches the window below one request a second', async () => {
		const clock = virtualClock();
		const pacer = new Pacer({ parallel: 4, perSecond: 0.5 }, clock.sleep, clock.now);
		const starts: number[] = [];
		await clock.settle(Promise.all(Array.from({ length: 3 }, () => pacer.run(async () => void starts.push(clock.now())))));
		expect(starts).toEqual([0, 2000, 4000]);
	});

	it('keeps to the window with requests that take time, and pauses everyone when throttled', async () => {
		const clock = virtualClock();
		const pacer = new Pacer({ parallel: 2, perSecond: 3 }, clock.sleep, clock.now);
		const starts: number[] = [];
		const request = () => pacer.run(async () => (starts.push(clock.now()), clock.sleep(100)));
		await clock.settle(Promise.all(Array.from({ length: 7 }, request)));
		// Two slots of 100 ms each, at most three starts a second.
		expect(starts).toEqual([0, 0, 100, 1000, 1000, 1100, 2000]);
		const paused = clock.now();
		pacer.pause(5000);
		await clock.settle(request());
		expect(starts[7]).toBe(paused + 5000);
	});
});
