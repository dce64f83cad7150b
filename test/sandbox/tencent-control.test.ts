import { useReceiver, useSandbox } from './helpers';
import { control, ok, TENCENT, tencentCall } from './tencent-helpers';

/** `/_sandbox/tencent/…` and the Tencent parts of the shared control API; callbacks pushed to a local server. */

interface Attempt {
	id: number;
	kind: 'status' | 'reply';
	url: string;
	payload: unknown;
	state: 'pending' | 'accepted' | 'rejected' | 'failed';
	httpStatus: number | null;
	response: unknown;
	error: string | null;
}
interface Callbacks {
	statusUrl: string | null;
	replyUrl: string | null;
	autoDeliver: boolean;
	attempts: Attempt[];
}

const sandbox = useSandbox();
let origin: string;
/** What the callback server got, and what it answers next (by path). */
let received: { path: string; contentType: string | undefined; body: unknown }[] = [];
let answers: Record<string, { status: number; body: string }> = {};
const receiver = useReceiver(({ url, headers, body }) => {
	received.push({ path: url, contentType: headers['content-type'], body: JSON.parse(body) });
	const answer = answers[url] ?? { status: 200, body: '{"result":0,"errmsg":"OK"}' };
	return { status: answer.status, headers: { 'Content-Type': 'application/json' }, body: answer.body };
});

beforeAll(() => {
	origin = new URL(sandbox.urls.ovh).origin;
});

beforeEach(() => {
	received = [];
	answers = {};
});

const send = (numbers: string[], params: Record<string, unknown> = {}) =>
	tencentCall(sandbox.urls.tencent, {
		action: 'SendSms',
		params: {
			PhoneNumberSet: numbers,
			SmsSdkAppId: TENCENT.smsSdkAppId,
			SignName: TENCENT.signName,
			TemplateId: TENCENT.templateId,
			TemplateParamSet: ['1234', '5'],
			...params,
		},
	});
const pull = async (action = 'PullSmsSendStatus') => {
	const answer = ok(
		await tencentCall(sandbox.urls.tencent, { action, params: { SmsSdkAppId: TENCENT.smsSdkAppId, Limit: 100 } }),
	);
	return answer[`${action}Set`] as Record<string, unknown>[];
};
const settled = async () => (await control<Callbacks>(origin, 'GET', '/tencent/callbacks?wait=1')).json;
const setCallbacks = (body: unknown) => control<Callbacks>(origin, 'PUT', '/tencent/callbacks', body);
const serials = (answer: Awaited<ReturnType<typeof send>>) =>
	(ok(answer).SendStatusSet as { SerialNo: string }[]).map((s) => s.SerialNo);

describe('callbacks (specs/tencent.md §8)', () => {
	it('starts without URLs, delivering automatically', async () => {
		expect((await control(origin, 'GET', '/tencent/callbacks')).json).toEqual({
			statusUrl: null,
			replyUrl: null,
			autoDeliver: true,
			attempts: [],
		});
	});

	it('pushes one JSON array of receipts per send, and records the accepted attempt', async () => {
		await setCallbacks({ statusUrl: `${receiver.url}/status`, replyUrl: `${receiver.url}/reply` });
		const serialNos = serials(await send(['+8613800000001', '+8613800000002']));
		const callbacks = await settled();

		expect(received).toEqual([{ path: '/status', contentType: 'application/json', body: expect.any(Array) }]);
		expect(received[0].body).toEqual(
			serialNos.map((sid, i) => ({
				user_receive_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
				nationcode: '86',
				mobile: `1380000000${i + 1}`,
				report_status: 'SUCCESS',
				errmsg: 'DELIVRD',
				description: '用户短信送达成功',
				sid,
			})),
		);
		expect(callbacks.attempts).toEqual([
			{
				id: 1,
				kind: 'status',
				url: `${receiver.url}/status`,
				payload: received[0].body,
				state: 'accepted',
				httpStatus: 200,
				response: { result: 0, errmsg: 'OK' },
				error: null,
				sentAt: expect.any(String),
				settledAt: expect.any(String),
			},
		]);
		// Pushing does not take the receipts off the pull queue.
		expect(await pull()).toHaveLength(2);
	});

	it('pushes an injected reply as one JSON object, and queues it for PullSmsReplyStatus', async () => {
		await setCallbacks({ replyUrl: `${receiver.url}/reply` });
		const reply = await control(origin, 'POST', '/tencent/replies', {
			phoneNumber: '+33601020304',
			text: 'Yes please',
			sign: 'Acme',
			extend: '12',
			time: 1700000000,
		});
		expect(reply).toEqual({
			status: 200,
			json: {
				smsSdkAppId: TENCENT.smsSdkAppId,
				ExtendCode: '12',
				CountryCode: '33',
				PhoneNumber: '+33601020304',
				SignName: 'Acme',
				ReplyContent: 'Yes please',
				ReplyTime: 1700000000,
				SubscriberNumber: '601020304',
			},
		});
		const callbacks = await settled();
		expect(received).toEqual([
			{
				path: '/reply',
				contentType: 'application/json',
				body: { extend: '12', mobile: '601020304', nationcode: '33', sign: 'Acme', text: 'Yes please', time: 1700000000 },
			},
		]);
		expect(callbacks.attempts.map((a) => [a.kind, a.state])).toEqual([['reply', 'accepted']]);
		expect(await pull('PullSmsReplyStatus')).toEqual([
			expect.objectContaining({ ReplyContent: 'Yes please', ReplyTime: 1700000000 }),
		]);
	});

	it('records answers other than HTTP 200 with result 0 as rejected, and no answer as failed', async () => {
		answers['/refuse'] = { status: 200, body: '{"result":1,"errmsg":"busy"}' };
		answers['/broken'] = { status: 500, body: 'oops' };
		for (const path of ['/refuse', '/broken']) {
			await setCallbacks({ statusUrl: `${receiver.url}${path}` });
			await send(['+8613800000001']);
		}
		await setCallbacks({ statusUrl: 'http://127.0.0.1:1/nobody' });
		await send(['+8613800000001']);
		const { attempts } = await settled();
		expect(attempts.map((a) => [a.state, a.httpStatus, a.response])).toEqual([
			['rejected', 200, { result: 1, errmsg: 'busy' }],
			['rejected', 500, 'oops'],
			['failed', null, null],
		]);
		expect(attempts[2].error).toEqual(expect.any(String));
	});

	it('stops pushing when a URL is set back to null', async () => {
		await setCallbacks({ statusUrl: `${receiver.url}/status` });
		expect((await setCallbacks({ statusUrl: null })).json).toMatchObject({ statusUrl: null });
		await send(['+8613800000001']);
		expect((await settled()).attempts).toEqual([]);
	});
});

describe('receipts set by the control API', () => {
	it('without autoDeliver, queues nothing until a receipt is set, then queues and pushes it', async () => {
		expect((await setCallbacks({ autoDeliver: false, statusUrl: `${receiver.url}/status` })).json).toMatchObject({
			autoDeliver: false,
		});
		const [serialNo] = serials(await send(['+8613800000001'], { SessionContext: 'ctx' }));
		expect(await pull()).toEqual([]);

		const set = await control(origin, 'POST', '/tencent/receipts', { serialNo, status: 'FAIL', time: 1700000001 });
		expect(set).toEqual({
			status: 200,
			json: {
				smsSdkAppId: TENCENT.smsSdkAppId,
				UserReceiveTime: 1700000001,
				CountryCode: '86',
				SubscriberNumber: '13800000001',
				PhoneNumber: '+8613800000001',
				SerialNo: serialNo,
				ReportStatus: 'FAIL',
				Description: 'UNDELIV',
				SessionContext: 'ctx',
			},
		});
		await settled();
		expect(received[0].body).toEqual([
			expect.objectContaining({
				report_status: 'FAIL',
				errmsg: 'UNDELIV',
				sid: serialNo,
				user_receive_time: '2023-11-15 06:13:21',
			}),
		]);
		expect(await pull()).toEqual([set.json].map(({ smsSdkAppId: _app, ...receipt }) => receipt));
		expect(await pull()).toEqual([]);
	});

	it('takes the carrier code and description given', async () => {
		const [serialNo] = serials(await send(['+8613800000001']));
		await pull();
		await control(origin, 'POST', '/tencent/receipts', {
			serialNo,
			status: 'SUCCESS',
			errmsg: 'DELIVRD',
			description: 'delivered late',
		});
		expect(await pull()).toEqual([
			expect.objectContaining({ SerialNo: serialNo, ReportStatus: 'SUCCESS', Description: 'DELIVRD' }),
		]);
	});
});

describe('control API input', () => {
	it.each([
		['a review without a known status', 'POST', '/tencent/templates/100002/review', { status: 'maybe' }],
		['a review that is not JSON', 'POST', '/tencent/signs/1/review', '{'],
		['a reply without text', 'POST', '/tencent/replies', { phoneNumber: '+33601020304' }],
		['a reply from an invalid number', 'POST', '/tencent/replies', { phoneNumber: '0601', text: 'hi' }],
		[
			'a reply to an unknown application',
			'POST',
			'/tencent/replies',
			{ phoneNumber: '+33601020304', text: 'hi', smsSdkAppId: '1' },
		],
		[
			'a reply at a time that is not seconds',
			'POST',
			'/tencent/replies',
			{ phoneNumber: '+33601020304', text: 'hi', time: 'now' },
		],
		['a receipt without a serial number', 'POST', '/tencent/receipts', { status: 'SUCCESS' }],
		['a callback URL that is not http', 'PUT', '/tencent/callbacks', { statusUrl: 'ftp://example.com' }],
		['an unknown callback setting', 'PUT', '/tencent/callbacks', { pushUrl: 'http://example.com' }],
		['autoDeliver that is not a boolean', 'PUT', '/tencent/callbacks', { autoDeliver: 'yes' }],
		['Tencent credentials without AKID', 'POST', '/credentials', { tencent: { secretId: 'sandbox', secretKey: 'k' } }],
		['Tencent credentials without a key', 'POST', '/credentials', { tencent: { secretId: 'AKIDx' } }],
		[
			'Tencent credentials with a bad application',
			'POST',
			'/credentials',
			{ tencent: { secretId: 'AKIDx', secretKey: 'k', smsSdkAppId: 'app' } },
		],
		[
			'another key for the default SecretId',
			'POST',
			'/credentials',
			{ tencent: { secretId: TENCENT.secretId, secretKey: 'other' } },
		],
	])('answers 400 to %s', async (_case, method, path, body) => {
		const response = await control(origin, method, path, body);
		expect(response).toEqual({ status: 400, json: { error: expect.any(String) } });
	});

	it.each([
		['an unknown template', 'POST', '/tencent/templates/5/review', { status: 'approved' }],
		['an unknown signature', 'POST', '/tencent/signs/5/review', { status: 'approved' }],
		['an unknown serial number', 'POST', '/tencent/receipts', { serialNo: '2433:1', status: 'SUCCESS' }],
		['an unknown route', 'GET', '/tencent/nothing', undefined],
	])('answers 404 to %s', async (_case, method, path, body) => {
		expect((await control(origin, method, path, body)).status).toBe(404);
	});
});

describe('credentials, messages and reset', () => {
	const EXTRA = { secretId: 'AKIDextraKey00000000000000000000000', secretKey: 'extraSecret', smsSdkAppId: '1400000009' };
	const extraSend = () =>
		tencentCall(sandbox.urls.tencent, {
			action: 'SendSms',
			keys: EXTRA,
			params: {
				PhoneNumberSet: ['+8613800000001'],
				SmsSdkAppId: EXTRA.smsSdkAppId,
				SignName: 'SMSKit',
				TemplateId: '100001',
				TemplateParamSet: ['1', '2'],
			},
		});

	it('adds keys with an application of their own until the next reset', async () => {
		expect((await extraSend()).response.Error?.Code).toBe('AuthFailure.SecretIdNotFound');
		expect(await control(origin, 'POST', '/credentials', { tencent: EXTRA })).toEqual({ status: 200, json: { ok: true } });
		expect((await extraSend()).response.Error).toBeUndefined();
		// The default key may not use it, nor the extra key the default application.
		expect((await send(['+8613800000001'], { SmsSdkAppId: EXTRA.smsSdkAppId })).response.Error?.Code).toBe(
			'UnauthorizedOperation.SmsSdkAppIdVerifyFail',
		);

		await control(origin, 'POST', '/reset');
		expect((await extraSend()).response.Error?.Code).toBe('AuthFailure.SecretIdNotFound');
	});

	it('adds keys to the seeded application when none is named', async () => {
		await control(origin, 'POST', '/credentials', { tencent: [{ secretId: EXTRA.secretId, secretKey: EXTRA.secretKey }] });
		const answer = await tencentCall(sandbox.urls.tencent, {
			action: 'PullSmsSendStatus',
			keys: EXTRA,
			params: { SmsSdkAppId: TENCENT.smsSdkAppId, Limit: 1 },
		});
		expect(answer.response.Error).toBeUndefined();
	});

	it('forgets messages, added templates, queues and callback settings on reset', async () => {
		await setCallbacks({ statusUrl: `${receiver.url}/status`, autoDeliver: false });
		await send(['+8613800000001']);
		await tencentCall(sandbox.urls.tencent, {
			action: 'AddSmsTemplate',
			params: { TemplateName: 'T', TemplateContent: 'Hi {1}', SmsType: 2, International: 0, Remark: 'r' },
		});
		await control(origin, 'POST', '/tencent/replies', { phoneNumber: '+8613800000001', text: 'hi' });
		await control(origin, 'POST', `/tencent/templates/100002/review`, { status: 'approved' });
		await settled();

		expect((await control(origin, 'POST', '/reset')).json).toEqual({ ok: true });
		expect((await control<{ tencent: unknown[] }>(origin, 'GET', '/messages')).json.tencent).toEqual([]);
		expect(await control(origin, 'GET', '/tencent/callbacks')).toMatchObject({
			json: { statusUrl: null, replyUrl: null, autoDeliver: true, attempts: [] },
		});
		expect(await pull('PullSmsReplyStatus')).toEqual([]);
		const templates = ok(
			await tencentCall(sandbox.urls.tencent, { action: 'DescribeSmsTemplateList', params: { International: 0, Limit: 100 } }),
		);
		expect(
			(templates.DescribeTemplateStatusSet as { TemplateId: number; StatusCode: number }[]).map((t) => [
				t.TemplateId,
				t.StatusCode,
			]),
		).toEqual([
			[100001, 0],
			[100002, 1],
		]);
	});

	it('keeps the Tencent URL out of the TLS details', async () => {
		expect(Object.keys((await control(origin, 'GET', '/tls')).json)).toEqual(['ovh', 'smsmobileapi', 'ca']);
	});
});
