/** The Alibaba Cloud SMS module over a scripted transport: requests it makes, errors it explains, pushes it reads. */
import { SmsError } from '../../core/errors';
import type { ApiRequest } from '../../core/http';
import {
	ALIBABA_ERRORS,
	alibabaError,
	alibabaNumber,
	alibabaSegments,
	fromAlibabaNumber,
	provider,
} from '../../core/providers/alibaba';
import { runAction, type RunDeps } from '../../core/run';

const ok = (extra: object = {}) => ({ Code: 'OK', Message: 'OK', RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990', ...extra });
const template = {
	TemplateCode: 'SMS_100001',
	TemplateContent: 'Your order ${order} has shipped.',
	TemplateStatus: 'AUDIT_STATE_PASS',
};

function deps(
	answer: (request: ApiRequest) => unknown = (r) =>
		action(r) === 'GetSmsTemplate' ? ok(template) : ok({ BizId: '900619746936498440^0' }),
) {
	const requests: ApiRequest[] = [];
	const run: RunDeps = {
		send: async (request) => {
			requests.push(request);
			return { status: 200, headers: {}, body: answer(request) };
		},
		sleep: async () => undefined,
		now: () => Date.parse('2026-12-01T08:00:00Z'),
		cache: new Map(),
	};
	return { run, requests, sends: () => requests.filter((r) => action(r) !== 'GetSmsTemplate') };
}
const action = (r: ApiRequest) => r.headers?.['x-acs-action'];
const numbers = (n: number) => Array.from({ length: n }, (_, i) => `+86138${String(i).padStart(8, '0')}`);
const send = { signName: 'SMSKit', templateCode: 'SMS_100001', templateParams: { order: 'A-42' } };

describe('Alibaba send', () => {
	it('sends 1001 numbers in two requests of at most 1000, one result per recipient', async () => {
		const { run, sends } = deps();
		const results = await runAction(provider, 'message.send', { ...send, phoneNumbers: numbers(1001) }, run);
		expect(sends().map((r) => String(r.query?.PhoneNumbers).split(',').length)).toEqual([1000, 1]);
		expect(results).toHaveLength(1001);
		expect(results[0]).toMatchObject({
			status: 'queued',
			to: '+8613800000000',
			BizId: '900619746936498440^0',
			encoding: 'UCS-2',
			segments: 1,
		});
		expect(sends()[0].query?.TemplateParam).toBe('{"order":"A-42"}');
	});

	it('takes mainland numbers as 11 digits and others as international ones, and writes them as Alibaba does', async () => {
		const { run, sends } = deps();
		await runAction(provider, 'message.send', { ...send, phoneNumbers: '13800000000, +85291234567' }, run);
		expect(sends()[0].query?.PhoneNumbers).toBe('13800000000,85291234567');
		expect(alibabaNumber('+8613800000000')).toBe('13800000000');
		expect(fromAlibabaNumber('13800000000')).toBe('+8613800000000');
		expect(fromAlibabaNumber('85291234567')).toBe('+85291234567');
	});

	it('with On Invalid Number → Fail the Item, refuses an invalid number before any request', async () => {
		const { run, requests } = deps();
		const error = await runAction(
			provider,
			'message.send',
			{ ...send, phoneNumbers: '13800000000, 12', onInvalidNumber: 'fail' },
			run,
		).catch((e) => e);
		expect(error).toMatchObject({ code: 'INVALID_PHONE_NUMBER' });
		expect(requests).toHaveLength(0);
	});

	it('refuses a missing template parameter before sending, saying which', async () => {
		const { run, sends } = deps();
		const error = await runAction(
			provider,
			'message.send',
			{ ...send, templateParams: {}, phoneNumbers: '13800000000' },
			run,
		).catch((e) => e);
		expect(error).toMatchObject({ code: 'INVALID_INPUT', kind: 'input' });
		expect(error.message).toMatch(/needs \$\{order\}, which is missing; nothing was sent/);
		expect(sends()).toHaveLength(0);
	});

	it('bills like Alibaba: 70 characters with the sign is one segment, then 67 each', () => {
		expect(alibabaSegments('【SMSKit】' + 'x'.repeat(62), false).segments).toBe(1);
		expect(alibabaSegments('【SMSKit】' + 'x'.repeat(63), false).segments).toBe(2);
		expect(alibabaSegments('x'.repeat(160), true)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
	});
});

describe('Alibaba batch send', () => {
	it('groups 250 recipients into requests of 100, 100 and 50, with per-number signs and parameters in the form body', async () => {
		const { run, sends } = deps();
		const recipients = numbers(250).map((to, i) => ({
			to,
			signName: i % 2 ? 'SMSKit' : 'Other',
			templateParams: { order: `A-${i}` },
		}));
		const results = await runAction(provider, 'message.sendBatch', { templateCode: 'SMS_100001', recipients }, run);
		const bodies = sends().map((r) => r.body as Record<string, string>);
		expect(bodies.map((b) => JSON.parse(b.PhoneNumberJson).length)).toEqual([100, 100, 50]);
		expect(JSON.parse(bodies[0].SignNameJson).slice(0, 2)).toEqual(['Other', 'SMSKit']);
		expect(JSON.parse(bodies[2].TemplateParamJson)[49]).toEqual({ order: 'A-249' });
		expect(results.map((r) => (r as { to: string }).to)).toEqual(recipients.map((r) => r.to));
	});

	it('names the recipient whose parameter is missing', async () => {
		const { run } = deps();
		const recipients = [
			{ to: '13800000000', signName: 'SMSKit', templateParams: { order: '1' } },
			{ to: '13800000001', signName: 'SMSKit' },
		];
		const error = await runAction(provider, 'message.sendBatch', { templateCode: 'SMS_100001', recipients }, run).catch((e) => e);
		expect(error.message).toMatch(/^Template Parameters, recipient 2: /);
	});
});

describe('Alibaba errors', () => {
	const guide = [
		'isp.RAM_PERMISSION_DENY',
		'isv.OUT_OF_SERVICE',
		'isv.PRODUCT_UN_SUBSCRIPT',
		'isv.PRODUCT_UNSUBSCRIBE',
		'isv.ACCOUNT_NOT_EXISTS',
		'isv.ACCOUNT_ABNORMAL',
		'isv.SMS_TEMPLATE_ILLEGAL',
		'isv.SMS_SIGNATURE_ILLEGAL',
		'isv.INVALID_PARAMETERS',
		'isp.SYSTEM_ERROR',
		'isv.MOBILE_NUMBER_ILLEGAL',
		'isv.MOBILE_COUNT_OVER_LIMIT',
		'isv.TEMPLATE_MISSING_PARAMETERS',
		'isv.BUSINESS_LIMIT_CONTROL',
		'isv.INVALID_JSON_PARAM',
		'isv.BLACK_KEY_CONTROL_LIMIT',
		'isv.PARAM_LENGTH_LIMIT',
		'isv.PARAM_NOT_SUPPORT_URL',
		'isv.AMOUNT_NOT_ENOUGH',
	];

	it.each(guide)('%s (HTTP 200) is an error in plain English with what to do', async (code) => {
		expect(ALIBABA_ERRORS[code]).toBeDefined();
		const { run } = deps(() => ({ Code: code, Message: '触发分钟级流控Permits:1', RequestId: 'R-1' }));
		const error = (await runAction(provider, 'sign.getMany', {}, run).catch((e) => e)) as SmsError;
		expect(error).toBeInstanceOf(SmsError);
		expect(error).toMatchObject({ code, httpStatus: 200, requestId: 'R-1', retryable: false });
		expect(error.message).toContain(ALIBABA_ERRORS[code].meaning);
		expect(error.hint).toBe(ALIBABA_ERRORS[code].hint);
	});

	it('never sends again after flow control, and reads a system error as an unknown outcome', async () => {
		const { run, requests } = deps(() => ({ Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1' }));
		const error = await runAction(
			provider,
			'message.send',
			{ ...send, templateContent: 'x', phoneNumbers: '13800000000' },
			run,
		).catch((e) => e);
		expect(error).toMatchObject({ code: 'isv.BUSINESS_LIMIT_CONTROL', kind: 'provider' });
		expect(error.hint).toMatch(/wait before sending to this number again/);
		expect(requests).toHaveLength(1);
		expect(alibabaError('isp.SYSTEM_ERROR', undefined, undefined, 200).kind).toBe('unknown');
		expect(alibabaError('Throttling.User', undefined, undefined, 400).retryable).toBe(true);
	});
});

describe('Alibaba pushes', () => {
	const parse = (body: unknown, event?: 'incoming' | 'delivery' | 'review') =>
		provider.inbound.parse(
			{ method: 'POST', query: {}, body },
			{ event, account: 'default', now: Date.parse('2026-12-01T08:00:00Z') },
		);

	it('one event per element of an SmsReport array, UTC times, same key when pushed again', () => {
		const body = JSON.stringify([
			{
				phone_number: '13800000000',
				send_time: '2026-12-01 16:00:00',
				report_time: '2026-12-01 16:00:05',
				success: true,
				err_code: 'DELIVERED',
				err_msg: '用户接收成功',
				sms_size: '1',
				biz_id: '9006^0',
				out_id: 'A-42',
			},
			{
				phone_number: '13800000001',
				send_time: '2026-12-01 16:00:00',
				report_time: '2026-12-01 16:00:06',
				success: false,
				err_code: 'MOBILE_NOT_ON_SERVICE',
				err_msg: '停机',
				sms_size: '1',
				biz_id: '9006^0',
			},
		]);
		const events = parse(body, 'delivery');
		expect(events.map((e) => e.payload)).toMatchObject([
			{
				provider: 'alibaba',
				event: 'delivery',
				status: 'delivered',
				to: '+8613800000000',
				messageId: '9006^0',
				at: '2026-12-01T08:00:05.000Z',
			},
			{ status: 'failed', to: '+8613800000001', description: '停机' },
		]);
		expect(parse(body).map((e) => e.key)).toEqual(events.map((e) => e.key));
		expect(new Set(events.map((e) => e.key)).size).toBe(2);
	});

	it('reads SmsUp replies with a number or text sequence id, and a TemplateSmsReport', () => {
		const [reply] = parse(
			[
				{
					phone_number: '13800000000',
					content: 'TD',
					send_time: '2026-12-01 16:01:00',
					dest_code: '1234',
					sequence_id: 1234567890,
				},
			],
			'incoming',
		);
		expect(reply.payload).toMatchObject({
			event: 'incoming',
			id: '1234567890',
			from: '+8613800000000',
			text: 'TD',
			receivedAt: '2026-12-01T08:01:00.000Z',
		});
		const [review] = parse(
			{ template_code: 'SMS_1', template_name: 'order', template_status: 'approved', reason: '', orderId: 77 },
			'review',
		);
		expect(review.payload).toMatchObject({ event: 'review', kind: 'template', id: 'SMS_1', status: 'approved' });
	});

	it('refuses a body that is no push, and a push of another event', () => {
		expect(() => parse('{"hello":1}')).toThrow(expect.objectContaining({ code: 'INVALID_CALLBACK' }));
		expect(() => parse([{ phone_number: '1', content: 'x' }], 'delivery')).toThrow(/incoming push/);
		expect(JSON.parse(provider.inbound.answer().body)).toEqual({ code: 0, msg: '接收成功' });
	});
});
