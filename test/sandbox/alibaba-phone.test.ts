import { ALIBABA_SEED } from '../../sandbox/providers';
import { control, v3Call } from './alibaba-helpers';
import { phoneLine, useReceiver, useSandbox, type ListedMessage } from './helpers';

/** The Alibaba emulator's phone line, over `/_sandbox/phone/…`: its list, settling and replies, with pushes to a local receiver. */

const sandbox = useSandbox({ providers: { alibaba: { retryDelaysMs: [20, 40, 60] } } });
let received: { path: string; body: unknown }[] = [];
const receiver = useReceiver(({ url, body }) => {
	received.push({ path: url, body: JSON.parse(body) as unknown });
	return { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: 0, msg: '接收成功' }) };
});

beforeEach(() => {
	received = [];
});

const chinaDay = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const { messages: phoneList, post: phone } = phoneLine(sandbox, 'alibaba');
const waitForPushes = () => control(sandbox.origin, 'GET', '/alibaba/callbacks?wait=1');

async function sendSms(params: Record<string, string>): Promise<string> {
	const answer = await v3Call(sandbox.urls.alibaba, {
		action: 'SendSms',
		query: { SignName: 'SMSKit', TemplateCode: ALIBABA_SEED.notificationTemplateCode, ...params },
	});
	expect(answer.json).toMatchObject({ Code: 'OK' });
	return answer.json.BizId as string;
}

async function details(phoneNumber: string, bizId: string): Promise<Record<string, unknown>[]> {
	const answer = await v3Call(sandbox.urls.alibaba, {
		action: 'QuerySendDetails',
		query: { PhoneNumber: phoneNumber, SendDate: chinaDay(), PageSize: '10', CurrentPage: '1', BizId: bizId },
	});
	expect(answer.json).toMatchObject({ Code: 'OK' });
	return (answer.json.SmsSendDetailDTOs as { SmsSendDetailDTO: Record<string, unknown>[] }).SmsSendDetailDTO;
}

it('lists a SendSms to two numbers as two queued messages, one per number', async () => {
	const bizId = await sendSms({ PhoneNumbers: '13800000001,+8613800000002', TemplateParam: '{"order":"A1"}' });
	const list = await phoneList();
	expect(list).toEqual(
		['+8613800000001', '+8613800000002'].map((number) => ({
			provider: 'alibaba',
			id: expect.any(String),
			direction: 'sent',
			phone: number,
			peer: 'SMSKit',
			text: '【SMSKit】Your order A1 has shipped.',
			status: 'queued',
			segments: 1,
			encoding: 'UCS-2',
			at: expect.stringMatching(ISO),
		})),
	);
	expect(list[0].id).toContain(bizId);
	expect(new Set(list.map((m) => m.id)).size).toBe(2);
	// Stable: the same ids on the next read.
	expect((await phoneList()).map((m) => m.id)).toEqual(list.map((m) => m.id));
});

it('counts a long mainland message in segments of 67 characters, as Alibaba bills it', async () => {
	const created = await v3Call(sandbox.urls.alibaba, {
		action: 'CreateSmsTemplate',
		query: { TemplateName: 'Long', TemplateContent: 'y'.repeat(130), TemplateType: '1', RelatedSignName: 'SMSKit' },
	});
	const code = created.json.TemplateCode as string;
	expect((await control(sandbox.origin, 'POST', `/alibaba/templates/${code}/review`, { status: 'approved' })).status).toBe(200);
	await sendSms({ PhoneNumbers: '13800000001', TemplateCode: code });
	// 【SMSKit】 and 130 characters: 138, three segments.
	expect((await phoneList()).map((m) => [m.text, m.segments, m.encoding])).toEqual([
		[`【SMSKit】${'y'.repeat(130)}`, 3, 'UCS-2'],
	]);
});

it('lists international sends with their own segment count and encoding, oldest first', async () => {
	const globe = await v3Call(sandbox.urls.alibaba, {
		action: 'SendMessageToGlobe',
		version: '2018-05-01',
		query: { To: '85212345678', Message: 'x'.repeat(161), From: 'Acme' },
	});
	expect(globe.json).toMatchObject({ ResponseCode: 'OK', Segments: '2' });
	// Kinds are ordered by time: keep the three sends in distinct milliseconds.
	await tick();
	await sendSms({ PhoneNumbers: '85212345679', TemplateParam: '{"order":"HK2"}' });
	await tick();
	const unicode = await v3Call(sandbox.urls.alibaba, {
		action: 'SendMessageToGlobe',
		version: '2018-05-01',
		query: { To: '6591234567', Message: '你'.repeat(71) },
	});
	expect(unicode.json).toMatchObject({ ResponseCode: 'OK', Segments: '2' });
	expect((await phoneList()).map((m) => [m.id, m.phone, m.peer, m.text, m.status, m.segments, m.encoding])).toEqual([
		[globe.json.MessageId, '+85212345678', 'Acme', 'x'.repeat(161), 'queued', 2, 'GSM-7'],
		[expect.any(String), '+85212345679', 'SMSKit', '【SMSKit】Your order HK2 has shipped.', 'queued', 1, 'UCS-2'],
		[unicode.json.MessageId, '+6591234567', null, '你'.repeat(71), 'queued', 2, 'UCS-2'],
	]);
});

it('settles one number of a send as the receipts route does: QuerySendDetails, the SmsReport push and the list', async () => {
	await control(sandbox.origin, 'PUT', '/alibaba/callbacks', { smsReportUrl: `${receiver.url}/report` });
	const bizId = await sendSms({ PhoneNumbers: '13800000001,13800000002', TemplateParam: '{"order":"A1"}', OutId: 'out-1' });
	const [first, second] = await phoneList();
	expect((await details('13800000001', bizId)).map((d) => d.SendStatus)).toEqual([1]);

	expect(await phone('settle', { provider: 'alibaba', id: first.id, status: 'delivered' })).toEqual({
		status: 200,
		json: { ok: true },
	});
	expect(await details('13800000001', bizId)).toEqual([
		expect.objectContaining({
			PhoneNum: '13800000001',
			SendStatus: 3,
			ErrCode: 'DELIVERED',
			ReceiveDate: expect.stringMatching(/^\d{4}-/),
		}),
	]);
	expect((await details('13800000002', bizId)).map((d) => d.SendStatus)).toEqual([1]);
	expect((await phoneList()).map((m) => [m.id, m.status])).toEqual([
		[first.id, 'delivered'],
		[second.id, 'queued'],
	]);
	await waitForPushes();
	expect(received).toEqual([
		{
			path: '/report',
			body: [
				expect.objectContaining({
					phone_number: '13800000001',
					success: true,
					err_code: 'DELIVERED',
					biz_id: bizId,
					out_id: 'out-1',
					sms_size: '1',
				}),
			],
		},
	]);

	await phone('settle', { provider: 'alibaba', id: second.id, status: 'failed' });
	expect((await details('13800000002', bizId)).map((d) => [d.SendStatus, d.ErrCode])).toEqual([[2, 'MOBILE_NOT_ON_SERVICE']]);
	expect((await phoneList()).map((m) => m.status)).toEqual(['delivered', 'failed']);
});

it('settles an international message for QueryMessage', async () => {
	const globe = await v3Call(sandbox.urls.alibaba, {
		action: 'SendMessageToGlobe',
		version: '2018-05-01',
		query: { To: '85212345678', Message: 'Hello' },
	});
	const id = globe.json.MessageId as string;
	expect((await phone('settle', { provider: 'alibaba', id, status: 'delivered' })).status).toBe(200);
	const query = await v3Call(sandbox.urls.alibaba, { action: 'QueryMessage', version: '2018-05-01', query: { MessageId: id } });
	expect(query.json).toMatchObject({ ResponseCode: 'OK', Status: '1', ErrorCode: 'DELIVERED' });
	expect((await phoneList()).map((m) => m.status)).toEqual(['delivered']);
});

it('pushes a reply as an SmsUp with the sign and extend code of the last message to that phone, and lists it', async () => {
	await control(sandbox.origin, 'PUT', '/alibaba/callbacks', { smsUpUrl: `${receiver.url}/up` });
	await sendSms({ PhoneNumbers: '13800000001', TemplateParam: '{"order":"A1"}', SmsUpExtendCode: '1234' });
	const answer = await phone<ListedMessage>('reply', { provider: 'alibaba', from: '+8613800000001', text: '退订' });
	expect(answer.status).toBe(200);
	expect(answer.json).toEqual({
		provider: 'alibaba',
		id: expect.any(String),
		direction: 'received',
		phone: '+8613800000001',
		peer: 'SMSKit',
		text: '退订',
		status: 'received',
		segments: 1,
		encoding: 'UCS-2',
		at: expect.stringMatching(ISO),
	});
	await waitForPushes();
	expect(received).toEqual([
		{
			path: '/up',
			body: [
				{
					phone_number: '13800000001',
					content: '退订',
					send_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
					dest_code: '1234',
					sequence_id: expect.stringMatching(/^\d+$/),
					sign_name: 'SMSKit',
				},
			],
		},
	]);
	const list = await phoneList();
	expect(list.map((m) => [m.direction, m.phone, m.status])).toEqual([
		['sent', '+8613800000001', 'queued'],
		['received', '+8613800000001', 'received'],
	]);
	expect(list[1]).toEqual(expect.objectContaining({ id: answer.json.id, text: '退订', peer: 'SMSKit' }));
});

it('replies to the sign given as `to`, with the seeded sign and no extend code when nothing was sent, and lists /incoming', async () => {
	await control(sandbox.origin, 'PUT', '/alibaba/callbacks', { smsUpUrl: `${receiver.url}/up` });
	await sendSms({ PhoneNumbers: '13800000002', TemplateParam: '{"order":"A1"}', SmsUpExtendCode: '77' });
	// One at a time, so that the receiver gets them in order.
	await phone('reply', { provider: 'alibaba', from: '+8613800000002', to: 'smskit', text: 'ok' });
	await waitForPushes();
	await phone('reply', { provider: 'alibaba', from: '+85212345678', text: 'hi' });
	await waitForPushes();
	await control(sandbox.origin, 'POST', '/alibaba/incoming', { phoneNumber: '13800000003', content: 'route' });
	await waitForPushes();
	expect(received.map((r) => (r.body as Record<string, unknown>[])[0])).toEqual([
		expect.objectContaining({ phone_number: '13800000002', content: 'ok', dest_code: '77', sign_name: 'SMSKit' }),
		expect.objectContaining({ phone_number: '85212345678', content: 'hi', dest_code: '', sign_name: 'SMSKit' }),
		expect.not.objectContaining({ sign_name: expect.anything() }),
	]);
	expect((await phoneList()).filter((m) => m.direction === 'received').map((m) => [m.phone, m.peer, m.text, m.encoding])).toEqual(
		[
			['+8613800000002', 'SMSKit', 'ok', 'GSM-7'],
			['+85212345678', 'SMSKit', 'hi', 'GSM-7'],
			['+8613800000003', null, 'route', 'GSM-7'],
		],
	);
});

it('answers bad input with HTTP 400 and changes nothing', async () => {
	const bizId = await sendSms({ PhoneNumbers: '13800000001', TemplateParam: '{"order":"A1"}' });
	const unknown = await phone<{ error: string }>('settle', {
		provider: 'alibaba',
		id: `${bizId}:13800000009`,
		status: 'delivered',
	});
	expect(unknown.status).toBe(400);
	expect(unknown.json.error).toMatch(/no message .*Alibaba/i);
	expect((await phone('settle', { provider: 'alibaba', id: `${bizId}:13800000001`, status: 'read' })).status).toBe(400);
	const badFrom = await phone<{ error: string }>('reply', { provider: 'alibaba', from: 'not a number', text: 'hi' });
	expect(badFrom.status).toBe(400);
	expect(badFrom.json.error).toMatch(/^from: /);
	expect((await phone('reply', { provider: 'alibaba', from: '+86123', text: 'hi' })).status).toBe(400);
	expect((await phone('reply', { provider: 'alibaba', from: '+8613800000001', text: '' })).status).toBe(400);
	expect((await phoneList()).map((m) => [m.direction, m.status])).toEqual([['sent', 'queued']]);
	expect((await details('13800000001', bizId)).map((d) => d.SendStatus)).toEqual([1]);
});
