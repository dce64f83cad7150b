import { joinedFailure, joinSends, Pacer, paceFrom, splitResults } from '../../core/bulk';
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

	it('starts at most `perSecond` requests a second, and pauses everyone when throttled', async () => {
		const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
		const pacer = new Pacer({ parallel: 10, perSecond: 50 }, sleep, Date.now);
		const starts: number[] = [];
		await Promise.all(Array.from({ length: 6 }, () => pacer.run(async () => void starts.push(Date.now()))));
		// Lower bounds only: a start may come later than its slot, never sooner (20 ms apart at 50/s).
		starts.forEach((at, i) => i > 0 && expect(at - starts[i - 1]).toBeGreaterThanOrEqual(19));
		const paused = Date.now();
		pacer.pause(100);
		await pacer.run(async () => void starts.push(Date.now()));
		expect(starts[6] - paused).toBeGreaterThanOrEqual(99);
	});
});
