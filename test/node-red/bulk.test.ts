/** Node-RED bulk sending on the fake runtime: equal messages joined within the window, each answered alone. */
import type { ApiRequest } from '../../core';
import { fakeRed, type FakeRed } from './fake-red';

const OVH_KEYS = { applicationKey: 'ak', applicationSecret: 'secret-as-1', consumerKey: 'consumer-ck-1' };

let red: FakeRed;
beforeEach(() => {
	red = fakeRed();
	red.create({
		id: 'acct',
		type: 'ovh-sms-config',
		endpoint: 'custom',
		customUrl: 'http://127.0.0.1:1/1.0',
		credentials: OVH_KEYS,
	});
});

const report = (request: ApiRequest) => {
	const receivers = (request.body as { receivers: string[] }).receivers;
	return {
		totalCreditsRemoved: receivers.length,
		invalidReceivers: [],
		ids: receivers.map((_, i) => 100 + i),
		validReceivers: receivers,
		tag: '',
	};
};

/** An OVHcloud send node joining within `coalesceMs`: text "Hi", the numbers from msg.to. */
const ovhSend = (coalesceMs: number, fields: Record<string, unknown> = {}) =>
	red.create({
		id: 'send',
		type: 'ovh-sms-send',
		account: 'acct',
		service: 's',
		message: 'Hi',
		receivers: '',
		coalesceMs,
		...fields,
	});

describe('ovh send, Join within', () => {
	test('messages with the same text arriving together make one job; each message gets its own results', async () => {
		const node = ovhSend(20);
		const requests = red.stubAccount('acct', report);
		const answers = await Promise.all(
			['+33601020301', '+33601020302, +33601020303', '+33601020304'].map((to, i) => red.input(node, { _msgid: `m${i}`, to })),
		);
		expect(requests.map((r) => (r.body as { receivers: string[] }).receivers)).toEqual([
			['+33601020301', '+33601020302', '+33601020303', '+33601020304'],
		]);
		expect(answers.map((a) => (a.sent[0].payload as Array<{ to: string }>).map((r) => r.to))).toEqual([
			['+33601020301'],
			['+33601020302', '+33601020303'],
			['+33601020304'],
		]);
		expect(answers.every((a) => a.error === undefined)).toBe(true);
	});

	test('a message whose only number is invalid fails alone, as it would without joining; the others are sent', async () => {
		const node = ovhSend(20);
		const requests = red.stubAccount('acct', report);
		const [good, bad] = await Promise.all([
			red.input(node, { _msgid: 'a', to: '+33601020301' }),
			red.input(node, { _msgid: 'b', to: 'nope' }),
		]);
		expect(good.error).toBeUndefined();
		expect(bad.error).toMatchObject({ code: 'INVALID_PHONE_NUMBER' });
		expect(requests).toHaveLength(1);
	});

	test('messages with different texts are not joined; without a window each goes alone', async () => {
		const joined = ovhSend(20, { message: '', receivers: '+33601020301' });
		const requests = red.stubAccount('acct', report);
		await Promise.all([red.input(joined, { payload: 'one' }), red.input(joined, { payload: 'two' })]);
		expect(requests).toHaveLength(2);
		const alone = red.create({ id: 'send2', type: 'ovh-sms-send', account: 'acct', service: 's', message: 'Hi', receivers: '' });
		await Promise.all([red.input(alone, { to: '+33601020301' }), red.input(alone, { to: '+33601020302' })]);
		expect(requests).toHaveLength(4);
	});

	test("a join with a whole job's worth (500 receivers) goes at once; only the rest waits for the window", async () => {
		const node = ovhSend(3000);
		const requests = red.stubAccount('acct', report);
		const to = (i: number) => `+336010${String(i).padStart(5, '0')}`;
		const started = Date.now();
		const full = Array.from({ length: 1000 }, (_, i) => red.input(node, { _msgid: `m${i}`, to: to(i) }));
		await Promise.all(full);
		// Two full jobs, before the 3 s the window would have waited.
		expect(Date.now() - started).toBeLessThan(2500);
		expect(requests.map((r) => (r.body as { receivers: string[] }).receivers.length)).toEqual([500, 500]);
		// One more message is alone in a new join: it waits for the window (not over within a second).
		const last = red.input(node, { _msgid: 'last', to: to(1000) });
		const settled = await Promise.race([last.then(() => 'sent'), new Promise((r) => setTimeout(() => r('waiting'), 1000))]);
		expect(settled).toBe('waiting');
		expect(requests).toHaveLength(2);
		await last;
		expect(requests.map((r) => (r.body as { receivers: string[] }).receivers)).toEqual([
			expect.any(Array),
			expect.any(Array),
			[to(1000)],
		]);
	});

	test('300 messages at once change the status a few times, not 600; the last status is the outcome', async () => {
		const node = ovhSend(300);
		red.stubAccount('acct', report);
		const to = (i: number) => `+336020${String(i).padStart(5, '0')}`;
		await Promise.all(Array.from({ length: 300 }, (_, i) => red.input(node, { _msgid: `m${i}`, to: to(i) })));
		const statuses = (node as unknown as { statuses: Array<{ fill?: string; text?: string }> }).statuses;
		// The first message shows at once; while 300 are under way (the 300 ms window), at most one every 250 ms.
		expect(statuses.length).toBeGreaterThanOrEqual(2);
		expect(statuses.length).toBeLessThan(10);
		expect(statuses.at(-1)?.fill).toBe('green');
		// One message alone shows both its statuses at once.
		const before = statuses.length;
		await red.input(node, { _msgid: 'alone', to: to(999) });
		expect(statuses.length - before).toBe(2);
		expect(statuses.at(-1)?.fill).toBe('green');
	});
});
