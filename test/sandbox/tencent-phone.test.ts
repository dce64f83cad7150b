import { phoneLine, useReceiver, useSandbox } from './helpers';
import { control, ok, TENCENT, tencentCall, type TencentKeys } from './tencent-helpers';

/** The Tencent emulator's phone line, through `/_sandbox/phone/…` and the signed API 3.0, over real HTTP. */

let clock = 0;
const sandbox = useSandbox(
	{ now: () => clock },
	// A whole second plus 200 ms, so that a reply 500 ms after a send falls in the same second.
	{ beforeReset: () => (clock = Math.floor(Date.now() / 1000) * 1000 + 200) },
);
/** What the callback server got. */
let pushed: { path: string; body: unknown }[] = [];
const receiver = useReceiver(({ url, body }) => {
	pushed.push({ path: url, body: JSON.parse(body) });
	return { headers: { 'Content-Type': 'application/json' }, body: '{"result":0,"errmsg":"OK"}' };
});

const EXTRA = { secretId: 'AKIDphoneLineKey000000000000000000', secretKey: 'phoneLineSecret', smsSdkAppId: '1400000007' };

beforeEach(() => {
	pushed = [];
});

const api = (action: string, params: Record<string, unknown>, keys: TencentKeys = TENCENT) =>
	tencentCall(sandbox.urls.tencent, { action, params, keys, timestamp: Math.floor(clock / 1000) });
const send = async (numbers: string[], params: Record<string, unknown> = {}, keys: TencentKeys = TENCENT) => {
	const statuses = ok(
		await api(
			'SendSms',
			{
				PhoneNumberSet: numbers,
				SmsSdkAppId: TENCENT.smsSdkAppId,
				SignName: TENCENT.signName,
				TemplateId: TENCENT.templateId,
				TemplateParamSet: ['1234', '5'],
				...params,
			},
			keys,
		),
	).SendStatusSet as { SerialNo: string; Fee: number; Code: string }[];
	expect(statuses.map((s) => s.Code)).toEqual(numbers.map(() => 'Ok'));
	return statuses;
};
const pull = async (
	action: 'PullSmsSendStatus' | 'PullSmsReplyStatus',
	appId: string = TENCENT.smsSdkAppId,
	keys: TencentKeys = TENCENT,
) => ok(await api(action, { SmsSdkAppId: appId, Limit: 100 }, keys))[`${action}Set`] as Record<string, unknown>[];
const line = phoneLine(sandbox, 'tencent');
const phoneList = line.messages;
const phone = (route: 'settle' | 'reply', body: Record<string, unknown>) => line.post<Record<string, unknown>>(route, body);
const setCallbacks = async (body: unknown) =>
	expect((await control(sandbox.origin, 'PUT', '/tencent/callbacks', body)).status).toBe(200);
/** Waits for pushes in flight. */
const settled = () => control(sandbox.origin, 'GET', '/tencent/callbacks?wait=1');

const RENDERED = '【SMSKit】Your SMS Kit code is 1234, valid for 5 minutes.';

describe('messages', () => {
	it('lists every number of a SendSms as a queued sent message, with its text, segments and encoding', async () => {
		await setCallbacks({ autoDeliver: false });
		const first = await send(['+8613800000001', '13800000002']);
		clock += 1500;
		const long = 'x'.repeat(80);
		const second = await send(['+33601020304'], { TemplateParamSet: [long, '5'] });
		// 8 + 21 + 80 + 22 characters: two segments of 67.
		expect(second[0].Fee).toBe(2);

		const sentAt = (await control<{ tencent: { receivedAt: string }[] }>(sandbox.origin, 'GET', '/messages')).json.tencent.map(
			(m) => m.receivedAt,
		);
		expect(sentAt).toEqual([new Date(clock - 1500).toISOString(), new Date(clock).toISOString()]);
		const sent = { provider: 'tencent', direction: 'sent', peer: 'SMSKit', status: 'queued', encoding: 'UCS-2' };
		expect(await phoneList()).toEqual([
			{ ...sent, id: first[0].SerialNo, phone: '+8613800000001', text: RENDERED, segments: 1, at: sentAt[0] },
			{ ...sent, id: first[1].SerialNo, phone: '+8613800000002', text: RENDERED, segments: 1, at: sentAt[0] },
			{
				...sent,
				id: second[0].SerialNo,
				phone: '+33601020304',
				text: `【SMSKit】Your SMS Kit code is ${long}, valid for 5 minutes.`,
				segments: 2,
				at: sentAt[1],
			},
		]);
	});

	it('shows as delivered what autoDeliver has a receipt for, and leaves out numbers SendSms refused', async () => {
		const statuses = ok(
			await api('SendSms', {
				PhoneNumberSet: ['+8613800000001', '12'],
				SmsSdkAppId: TENCENT.smsSdkAppId,
				SignName: TENCENT.signName,
				TemplateId: TENCENT.templateId,
				TemplateParamSet: ['1234', '5'],
			}),
		).SendStatusSet as { SerialNo: string; Code: string }[];
		expect(statuses.map((s) => s.Code)).toEqual(['Ok', 'InvalidParameterValue.IncorrectPhoneNumber']);
		expect((await phoneList()).map((m) => [m.id, m.phone, m.status])).toEqual([
			[statuses[0].SerialNo, '+8613800000001', 'delivered'],
		]);
	});

	it('is empty again after a reset', async () => {
		await send(['+8613800000001']);
		await phone('reply', { provider: 'tencent', from: '+8613800000001', text: 'hi' });
		expect(await phoneList()).toHaveLength(2);
		sandbox.reset();
		expect(await phoneList()).toEqual([]);
	});
});

describe('settle', () => {
	it('reports the receipt to PullSmsSendStatus and the status callback, and the list shows it', async () => {
		await setCallbacks({ autoDeliver: false, statusUrl: `${receiver.url}/status` });
		const [one, two] = await send(['+8613800000001', '+8613800000002'], { SessionContext: 'order-7' });
		expect(await pull('PullSmsSendStatus')).toEqual([]);

		expect(await phone('settle', { provider: 'tencent', id: one.SerialNo, status: 'delivered' })).toEqual({
			status: 200,
			json: { ok: true },
		});
		expect(await pull('PullSmsSendStatus')).toEqual([
			{
				UserReceiveTime: Math.floor(clock / 1000),
				CountryCode: '86',
				SubscriberNumber: '13800000001',
				PhoneNumber: '+8613800000001',
				SerialNo: one.SerialNo,
				ReportStatus: 'SUCCESS',
				Description: 'DELIVRD',
				SessionContext: 'order-7',
			},
		]);
		expect((await phoneList()).map((m) => [m.id, m.status])).toEqual([
			[one.SerialNo, 'delivered'],
			[two.SerialNo, 'queued'],
		]);

		await settled();
		const pushedReceipts = () =>
			pushed.map((p) => [p.path, (p.body as { sid: string; report_status: string }[]).map((r) => [r.sid, r.report_status])]);
		expect(pushedReceipts()).toEqual([['/status', [[one.SerialNo, 'SUCCESS']]]]);

		await phone('settle', { provider: 'tencent', id: two.SerialNo, status: 'failed' });
		expect(await pull('PullSmsSendStatus')).toEqual([
			expect.objectContaining({ SerialNo: two.SerialNo, ReportStatus: 'FAIL', Description: 'UNDELIV' }),
		]);
		expect((await phoneList()).map((m) => m.status)).toEqual(['delivered', 'failed']);
		await settled();
		expect(pushedReceipts()).toEqual([
			['/status', [[one.SerialNo, 'SUCCESS']]],
			['/status', [[two.SerialNo, 'FAIL']]],
		]);
	});
});

describe('reply', () => {
	it('hands the reply to PullSmsReplyStatus and the reply callback, with the sign and extend code of the message it answers', async () => {
		await setCallbacks({ replyUrl: `${receiver.url}/reply` });
		const [sent] = await send(['+8613800000001'], { ExtendCode: '12' });
		clock += 500;
		const answer = await phone('reply', { provider: 'tencent', from: '+8613800000001', to: 'SMSKit', text: 'Yes please' });
		expect(answer).toEqual({
			status: 200,
			json: {
				provider: 'tencent',
				id: expect.stringMatching(/^reply-\d+$/),
				direction: 'received',
				phone: '+8613800000001',
				peer: 'SMSKit',
				text: 'Yes please',
				status: 'received',
				segments: null,
				encoding: null,
				at: new Date(clock).toISOString(),
			},
		});

		const reply = {
			ExtendCode: '12',
			CountryCode: '86',
			PhoneNumber: '+8613800000001',
			SignName: 'SMSKit',
			ReplyContent: 'Yes please',
			ReplyTime: Math.floor(clock / 1000),
			SubscriberNumber: '13800000001',
		};
		expect(await pull('PullSmsReplyStatus')).toEqual([reply]);
		expect(await pull('PullSmsReplyStatus')).toEqual([]);
		await settled();
		expect(pushed).toEqual([
			{
				path: '/reply',
				body: {
					extend: '12',
					mobile: '13800000001',
					nationcode: '86',
					sign: 'SMSKit',
					text: 'Yes please',
					time: reply.ReplyTime,
				},
			},
		]);
		// In the same second as the send, yet listed after it.
		expect((await phoneList()).map((m) => [m.direction, m.id, m.status])).toEqual([
			['sent', sent.SerialNo, 'delivered'],
			['received', answer.json.id, 'received'],
		]);
	});

	it('goes to the application of the last message the phone got, or the one whose sign or extend code is `to`', async () => {
		expect((await control(sandbox.origin, 'POST', '/credentials', { tencent: EXTRA })).status).toBe(200);
		await send(['+8613800000001'], { ExtendCode: '7' });
		await send(['+8613800000001'], { SmsSdkAppId: EXTRA.smsSdkAppId, ExtendCode: '8' }, EXTRA);

		await phone('reply', { provider: 'tencent', from: '+8613800000001', text: 'to the last one' });
		await phone('reply', { provider: 'tencent', from: '+8613800000001', to: '7', text: 'to extend 7' });
		await phone('reply', { provider: 'tencent', from: '+8613800000001', to: 'SMSKit', text: 'to the sign' });

		const replies = (app: string, keys: TencentKeys) =>
			pull('PullSmsReplyStatus', app, keys).then((set) => set.map((r) => [r.ExtendCode, r.ReplyContent]));
		expect(await replies(EXTRA.smsSdkAppId, EXTRA)).toEqual([
			['8', 'to the last one'],
			['8', 'to the sign'],
		]);
		expect(await replies(TENCENT.smsSdkAppId, TENCENT)).toEqual([['7', 'to extend 7']]);
	});

	it('goes to the seeded application and sign from a phone that got nothing', async () => {
		const answer = await phone('reply', { provider: 'tencent', from: '+33601020304', text: 'Hello?' });
		expect(answer.json).toMatchObject({ direction: 'received', phone: '+33601020304', peer: 'SMSKit' });
		expect(await pull('PullSmsReplyStatus')).toEqual([
			expect.objectContaining({ PhoneNumber: '+33601020304', SignName: 'SMSKit', ExtendCode: '', ReplyContent: 'Hello?' }),
		]);
		expect((await phoneList()).map((m) => [m.id, m.direction, m.text])).toEqual([[answer.json.id, 'received', 'Hello?']]);
	});
});

describe('bad input', () => {
	it.each([
		['a settle of an unknown id', 'settle', { provider: 'tencent', id: '2433:1', status: 'delivered' }],
		['a settle to an unknown status', 'settle', { provider: 'tencent', id: 'SERIAL', status: 'read' }],
		['a reply from an invalid number', 'reply', { provider: 'tencent', from: '0601', text: 'hi' }],
		['a reply from something not a number', 'reply', { provider: 'tencent', from: 'SMSKit', text: 'hi' }],
	] as const)('answers 400 to %s, and changes nothing', async (_case, route, body) => {
		await setCallbacks({ autoDeliver: false });
		const [sent] = await send(['+8613800000001']);
		const input = 'id' in body && body.id === 'SERIAL' ? { ...body, id: sent.SerialNo } : body;
		expect(await phone(route, input)).toEqual({ status: 400, json: { error: expect.any(String) } });
		expect((await phoneList()).map((m) => [m.id, m.status])).toEqual([[sent.SerialNo, 'queued']]);
		expect(await pull('PullSmsSendStatus')).toEqual([]);
		expect(await pull('PullSmsReplyStatus')).toEqual([]);
	});

	it('does not settle a reply', async () => {
		const reply = await phone('reply', { provider: 'tencent', from: '+8613800000001', text: 'hi' });
		const answer = await phone('settle', { provider: 'tencent', id: reply.json.id, status: 'delivered' });
		expect(answer).toEqual({
			status: 400,
			json: { error: `No Tencent message was sent with SerialNo ${String(reply.json.id)}` },
		});
	});
});
