/** The provider modules' actions and poll steps over a scripted transport: what each call asks and what comes out. */
import { SmsError } from '../../core/errors';
import type { ApiRequest, ApiResponse } from '../../core/http';
import type { Received } from '../../core/provider';
import { provider as ovh } from '../../core/providers/ovh';
import { hourStamp, provider as tencent } from '../../core/providers/tencent';
import { actionContext, runAction, type RunDeps } from '../../core/run';

type Answer = (request: ApiRequest) => unknown;

function deps(answer: Answer, now = () => Date.parse('2026-12-01T08:00:00Z')) {
	const requests: ApiRequest[] = [];
	const run: RunDeps = {
		send: async (request) => {
			requests.push(request);
			return { status: 200, headers: {}, body: answer(request) } satisfies ApiResponse;
		},
		sleep: async () => undefined,
		now,
		cache: new Map(),
	};
	return { run, requests };
}

describe('OVHcloud Get Many', () => {
	it('reads the newest records first when a limit is set', async () => {
		const { run, requests } = deps((r) =>
			r.path.endsWith('/outgoing') ? [3, 9, 1, 5] : { id: Number(r.path.split('/').pop()), receiver: '+33601020304' },
		);
		const items = await runAction(ovh, 'outgoing.getMany', { service: 'sms-1', limit: 2 }, run);
		expect(items.map((i) => (i as { id: number }).id)).toEqual([9, 5]);
		expect(requests.map((r) => r.path)).toEqual(['/sms/sms-1/outgoing', '/sms/sms-1/outgoing/9', '/sms/sms-1/outgoing/5']);
	});

	it('refuses a date filter that is no date, naming the field as the user sees it, before any request', async () => {
		const { run, requests } = deps(() => []);
		const error = await runAction(ovh, 'outgoing.getMany', { service: 'sms-1', from: 'not a date' }, run).catch((e) => e);
		expect(error).toMatchObject({ code: 'INVALID_INPUT', kind: 'input' });
		expect(error.message).toBe('Created After: "not a date" is not a date (e.g. 2026-11-22T08:00:00Z)');
		expect(requests).toHaveLength(0);
	});

	it('refuses a limit that is no whole number instead of answering nothing', async () => {
		const { run, requests } = deps(() => [1, 2]);
		const error = await runAction(ovh, 'job.getMany', { service: 'sms-1', limit: 'ten' }, run).catch((e) => e);
		expect(error).toMatchObject({ code: 'INVALID_INPUT', message: 'Limit: "ten" is not a whole number of 1 or more' });
		expect(requests).toHaveLength(0);
	});

	it('names list items by position: "Receivers, 2nd value"', async () => {
		const { run } = deps(() => ({}));
		const error = await runAction(
			ovh,
			'message.send',
			{ service: 's', message: 'hi', receivers: '+33601020304, 12', onInvalidNumber: 'fail' },
			run,
		).catch((e) => e);
		expect(error.message).toMatch(/^Receivers, 2nd value: "12" is not a valid phone number/);
	});
});

describe('runAction', () => {
	it('reports a bug of ours as an internal error, not as a network failure', async () => {
		const { run } = deps(() => {
			throw new RangeError('Invalid time value');
		});
		const error = await runAction(ovh, 'account.getMany', {}, { ...run, send: () => Promise.reject(new RangeError('x')) }).catch(
			(e) => e,
		);
		// From the transport: a failure there is a network failure, its outcome unknown.
		expect(error).toMatchObject({ kind: 'unknown' });
		const bug = await runAction(
			{
				...ovh,
				actions: { 'x.y': { name: 'x.y', sends: false, run: () => Promise.reject(new RangeError('Invalid time value')) } },
			},
			'x.y',
			{},
			run,
		).catch((e) => e);
		expect(bug).toMatchObject({ code: 'INTERNAL_ERROR', kind: 'internal' });
		expect(bug.message).toContain('RangeError: Invalid time value');
		expect(bug.message).not.toMatch(/connection|sent/);
	});

	it('answers an unknown operation with the list of known ones', async () => {
		const error = await runAction(ovh, 'message.fly', {}, deps(() => ({})).run).catch((e) => e);
		expect(error).toBeInstanceOf(SmsError);
		expect(error).toMatchObject({ code: 'UNKNOWN_OPERATION' });
		expect(error.hint).toContain('message.send');
	});
});

describe('OVHcloud send', () => {
	const report = {
		ids: [11, 12],
		validReceivers: ['+33601020304', '+33601020305'],
		invalidReceivers: ['+33999'],
		totalCreditsRemoved: 2,
	};

	it("gives each recipient its own share of the credits, and the job's total once", async () => {
		const { run } = deps(() => report);
		const items = (await runAction(
			ovh,
			'message.send',
			{ service: 's', message: 'hi', receivers: '+33601020304,+33601020305' },
			run,
		)) as Array<{
			credits: number;
			totalCreditsRemoved?: number;
			status: string;
		}>;
		expect(items.map((i) => i.credits)).toEqual([1, 1, 0]);
		expect(items.map((i) => i.totalCreditsRemoved)).toEqual([2, undefined, undefined]);
		expect(items.reduce((sum, i) => sum + (i.totalCreditsRemoved ?? 0), 0)).toBe(2);
		expect(items.map((i) => i.status)).toEqual(['queued', 'queued', 'rejected']);
	});

	it('accepts national numbers when the account has a default country', async () => {
		const { run, requests } = deps(() => report);
		await runAction(
			ovh,
			'message.send',
			{ service: 's', message: 'hi', receivers: '0601020304, +33601020305' },
			{ ...run, defaultCountry: 'fr' },
		);
		expect((requests[0].body as { receivers: string[] }).receivers).toEqual(['+33601020304', '+33601020305']);
		const error = await runAction(ovh, 'message.send', { service: 's', message: 'hi', receivers: '0601020304' }, run).catch(
			(e) => e,
		);
		expect(error.code).toBe('INVALID_PHONE_NUMBER');
		expect(error.hint).toMatch(/default country/);
	});
});

describe('OVHcloud delivery polling', () => {
	const delivered = Array.from({ length: 1500 }, (_, i) => i + 1);
	const answer: Answer = (r) => {
		if (r.path.endsWith('/outgoing')) return r.query?.deliveryReceipt === 1 ? delivered : [];
		const id = Number(r.path.split('/').pop());
		return { id, receiver: '+33601020304', deliveryReceipt: 1, ptt: 4 };
	};

	it('never emits a report twice, whatever the number of reports in the window', async () => {
		let now = Date.parse('2026-12-01T08:00:00Z');
		const { run } = deps(answer, () => now);
		const ctx = actionContext(ovh, run);
		const options = { event: 'delivery' as const, account: 'sms-1', lookbackMs: 5 * 60_000 };
		const first = await ovh.poll.step(ctx, options, undefined);
		expect(first.items).toHaveLength(1500);
		now += 60_000;
		const second = await ovh.poll.step(ctx, options, JSON.parse(JSON.stringify(first.state)));
		expect(second.items).toHaveLength(0);
	});

	it('keeps keys while their records can be listed again, and forgets them after (bounded by time)', async () => {
		let now = Date.parse('2026-12-01T08:00:00Z');
		let listed = delivered;
		const { run } = deps(
			(r) =>
				r.path.endsWith('/outgoing') && r.query?.deliveryReceipt !== 1 ? [] : r.path.endsWith('/outgoing') ? listed : answer(r),
			() => now,
		);
		const ctx = actionContext(ovh, run);
		const options = { event: 'delivery' as const, account: 'sms-1', lookbackMs: 0 };
		let step = await ovh.poll.step(ctx, options, undefined);
		expect(step.items).toHaveLength(1500);
		now += 47 * 3600_000; // inside the 48 h window: still listed, still remembered, nothing emitted again
		step = await ovh.poll.step(ctx, options, step.state);
		expect(step.items).toHaveLength(0);
		expect(Object.keys(step.state.seen)).toHaveLength(1500);
		now += 2 * 3600_000; // out of the window: OVHcloud no longer lists them, the keys go
		listed = [];
		step = await ovh.poll.step(ctx, options, step.state);
		expect(Object.keys(step.state.seen)).toHaveLength(0);
	});
});

describe('Tencent send', () => {
	const send = { smsSdkAppId: '1400000001', templateId: '100001', phoneNumbers: '+8613800000001' };
	const answer: Answer = (r) =>
		r.headers?.['X-TC-Action'] === 'DescribeSmsTemplateList'
			? {
					Response: {
						DescribeTemplateStatusSet: [
							{ TemplateId: 100001, StatusCode: 0, TemplateName: 'code', TemplateContent: 'Code {1}, {2} minutes' },
						],
					},
				}
			: {
					Response: {
						SendStatusSet: [{ SerialNo: 's1', PhoneNumber: '+8613800000001', Fee: 1, Code: 'Ok', Message: 'send success' }],
					},
				};

	it('refuses parameters that do not fit the template before sending', async () => {
		const { run, requests } = deps(answer);
		const error = await runAction(tencent, 'message.send', { ...send, templateParams: '1234' }, run).catch((e) => e);
		expect(error).toMatchObject({ code: 'INVALID_INPUT', kind: 'input' });
		expect(error.message).toMatch(/takes 2 parameters .* and 1 was given; nothing was sent/);
		expect(requests.map((r) => r.headers?.['X-TC-Action'])).toEqual(['DescribeSmsTemplateList']);
	});

	it('sends when they fit, reading the template text once per cache', async () => {
		const { run, requests } = deps(answer);
		await runAction(tencent, 'message.send', { ...send, templateParams: '1234, 5' }, run);
		await runAction(tencent, 'message.send', { ...send, templateParams: '1234, 5' }, run);
		expect(requests.map((r) => r.headers?.['X-TC-Action'])).toEqual(['DescribeSmsTemplateList', 'SendSms', 'SendSms']);
	});
});

describe('Tencent statistics hours are Beijing time, whatever the server time zone', () => {
	const zone = process.env.TZ;
	afterAll(() => {
		process.env.TZ = zone;
	});

	it.each(['UTC', 'America/Los_Angeles', 'Asia/Tokyo'])('TZ=%s', (tz) => {
		process.env.TZ = tz;
		expect(hourStamp.parse('2026-11-22T10:00:00')).toBe('2026112210');
		expect(hourStamp.parse('2026-11-22 10:00')).toBe('2026112210');
		expect(hourStamp.parse('2026-11-22T02:00:00Z')).toBe('2026112210');
		expect(hourStamp.parse('2026112210')).toBe('2026112210');
	});
});

describe('Tencent triggers: one shape in both modes', () => {
	it('a pulled reply and a pushed one make the same event and key', async () => {
		const { run } = deps((r) =>
			r.headers?.['X-TC-Action'] === 'PullSmsReplyStatus'
				? {
						Response: {
							PullSmsReplyStatusSet: [
								{
									ExtendCode: '',
									CountryCode: '86',
									PhoneNumber: '+8613800000000',
									SignName: 'SMSKit',
									ReplyContent: 'STOP',
									ReplyTime: 1764578200,
									SubscriberNumber: '13800000000',
								},
							],
						},
					}
				: {},
		);
		const pulled = (
			await tencent.poll.step(actionContext(tencent, run), { event: 'incoming', account: '1400000001', lookbackMs: 0 }, undefined)
		).items;
		const pushed: Received[] = tencent.inbound.parse(
			{
				method: 'POST',
				query: {},
				body: { extend: '', mobile: '13800000000', nationcode: '86', sign: 'SMSKit', text: 'STOP', time: 1764578200 },
			},
			{ account: '1400000001', now: 0 },
		);
		expect(pulled[0].key).toBe(pushed[0].key);
		const fields = (r: Received) => Object.fromEntries(Object.entries(r.payload).filter(([key]) => key !== 'raw'));
		const [pulledFields, pushedFields] = [fields(pulled[0]), fields(pushed[0])];
		expect(pulledFields).toEqual(pushedFields);
		expect(pushedFields).toEqual({
			provider: 'tencent',
			event: 'incoming',
			id: null,
			from: '+8613800000000',
			text: 'STOP',
			receivedAt: '2025-12-01T08:36:40.000Z',
			account: '1400000001',
		});
	});
});
