import { ALIBABA_SEED } from '../../sandbox/providers';
import { control, v3Call } from './alibaba-helpers';
import { useReceiver, useSandbox } from './helpers';

/** `/_sandbox/alibaba/…`: callback URLs, receipts, replies, reviews and balance, with pushes to a local receiver. */

interface Received {
	path: string;
	contentType: string | undefined;
	body: unknown;
}

const sandbox = useSandbox({ providers: { alibaba: { retryDelaysMs: [20, 40, 60] } } });
let received: Received[] = [];
/** What the receiver answers next, status and body, before the documented acknowledgement. */
let queued: [number, string][] = [];
const ACK: [number, string] = [200, JSON.stringify({ code: 0, msg: '接收成功' })];
const receiver = useReceiver(({ url, headers, body }) => {
	received.push({ path: url, contentType: headers['content-type'], body: JSON.parse(body) as unknown });
	const [status, text] = queued.shift() ?? ACK;
	return { status, headers: { 'Content-Type': 'application/json' }, body: text };
});

beforeEach(() => {
	received = [];
	queued = [];
});

const api = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) =>
	control<T>(sandbox.origin, method, `/alibaba${path}`, body);

interface CallbacksView {
	smsReportUrl: string | null;
	smsUpUrl: string | null;
	templateReportUrl: string | null;
	attempts: { kind: string; state: string; attempt: number; httpStatus: number | null; nextRetryAt: string | null }[];
}

const waitForPushes = async () => (await api<CallbacksView>('GET', '/callbacks?wait=1')).json;

async function sendTwo(): Promise<string> {
	const answer = await v3Call(sandbox.urls.alibaba, {
		action: 'SendSms',
		query: {
			PhoneNumbers: '13800000001,13800000002',
			SignName: 'SMSKit',
			TemplateCode: ALIBABA_SEED.notificationTemplateCode,
			TemplateParam: '{"order":"A1"}',
			OutId: 'out-7',
		},
	});
	return answer.json.BizId as string;
}

it('sets, shows and clears the callback URLs', async () => {
	const set = await api('PUT', '/callbacks', { smsReportUrl: `${receiver.url}/report`, smsUpUrl: `${receiver.url}/up` });
	expect(set.json).toEqual({
		smsReportUrl: `${receiver.url}/report`,
		smsUpUrl: `${receiver.url}/up`,
		templateReportUrl: null,
		attempts: [],
	});
	expect((await api('PUT', '/callbacks', { smsUpUrl: null })).json).toMatchObject({
		smsReportUrl: `${receiver.url}/report`,
		smsUpUrl: null,
	});
	expect((await api('PUT', '/callbacks', { smsReportUrl: 'ftp://x' })).status).toBe(400);
	expect((await api('PUT', '/callbacks', { statusUrl: receiver.url })).status).toBe(400);
	await control(sandbox.origin, 'POST', '/reset');
	expect((await api('GET', '/callbacks')).json).toMatchObject({ smsReportUrl: null });
});

it('pushes a receipt as an SmsReport array in the documented fields, and updates the details', async () => {
	await api('PUT', '/callbacks', { smsReportUrl: `${receiver.url}/report` });
	const bizId = await sendTwo();
	const answer = await api('POST', '/receipts', { bizId });
	expect(answer.status).toBe(200);
	const view = await waitForPushes();
	expect(view.attempts).toEqual([expect.objectContaining({ kind: 'SmsReport', state: 'accepted', attempt: 1, httpStatus: 200 })]);
	expect(received).toHaveLength(1);
	expect(received[0].contentType).toBe('application/json;charset=utf-8');
	const time = expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
	expect(received[0].body).toEqual(
		['13800000001', '13800000002'].map((phone_number) => ({
			phone_number,
			send_time: time,
			report_time: time,
			success: true,
			err_code: 'DELIVERED',
			err_msg: '用户接收成功',
			sms_size: '1',
			biz_id: bizId,
			out_id: 'out-7',
		})),
	);

	await api('POST', '/receipts', { bizId, phoneNumber: '+8613800000002', success: false, errCode: 'MOBILE_NOT_ON_SERVICE' });
	await waitForPushes();
	expect(received[1].body).toEqual([
		expect.objectContaining({ phone_number: '13800000002', success: false, err_code: 'MOBILE_NOT_ON_SERVICE' }),
	]);
	expect((await api('POST', '/receipts', { bizId: 'nope' })).status).toBe(404);
	expect((await api('POST', '/receipts', {})).status).toBe(400);
});

it('pushes an incoming SMS as an SmsUp array', async () => {
	await api('PUT', '/callbacks', { smsUpUrl: `${receiver.url}/up` });
	const answer = await api('POST', '/incoming', { phoneNumber: '+8613800000001', content: '退订', destCode: '1234' });
	expect(answer.json).toMatchObject({ pushed: true });
	await waitForPushes();
	expect(received.map((r) => [r.path, r.body])).toEqual([
		[
			'/up',
			[
				{
					phone_number: '13800000001',
					content: '退订',
					send_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
					dest_code: '1234',
					sequence_id: expect.stringMatching(/^\d+$/),
				},
			],
		],
	]);
	expect((await api('POST', '/incoming', { phoneNumber: 'x', content: 'a' })).status).toBe(400);
});

it('pushes a template review as a TemplateSmsReport (§0.6) and applies it', async () => {
	await api('PUT', '/callbacks', { templateReportUrl: `${receiver.url}/template` });
	const code = ALIBABA_SEED.pendingTemplateCode;
	await api('POST', `/templates/${code}/review`, { status: 'rejected', reason: 'Unclear wording' });
	await waitForPushes();
	expect(received[0].body).toEqual([
		{
			template_type: 1,
			reason: 'Unclear wording',
			template_name: 'Parcel out',
			orderId: expect.any(String),
			template_content: 'Your parcel ${parcel} is out for delivery.',
			template_status: 'rejected',
			remark: 'Sandbox seed',
			template_code: code,
			create_date: '2024-01-01 00:00:00',
		},
	]);
	expect((await api('POST', '/templates/SMS_404/review', { status: 'approved' })).status).toBe(404);
	expect((await api('POST', `/templates/${code}/review`, { status: 'maybe' })).status).toBe(400);
	expect((await api('POST', `/signs/${ALIBABA_SEED.pendingSignName}/review`, { status: 'approved' })).json).toMatchObject({
		signName: ALIBABA_SEED.pendingSignName,
		status: 1,
	});
});

it('retries a push the receiver does not accept, after each delay, and records every attempt', async () => {
	await api('PUT', '/callbacks', { smsUpUrl: `${receiver.url}/up` });
	queued = [
		[500, 'busy'],
		// A numeric `code` is what makes an answer accepted: a string is not.
		[200, '{"code":"0"}'],
	];
	await api('POST', '/incoming', { phoneNumber: '13800000001', content: 'hi' });
	let view = await waitForPushes();
	for (let i = 0; i < 100 && view.attempts.filter((a) => a.state !== 'pending').length < 3; i++) {
		await new Promise((resolve) => setTimeout(resolve, 20));
		view = await waitForPushes();
	}
	expect(view.attempts.map((a) => [a.attempt, a.state, a.httpStatus])).toEqual([
		[1, 'rejected', 500],
		[2, 'rejected', 200],
		[3, 'accepted', 200],
	]);
	expect(view.attempts[0].nextRetryAt).not.toBeNull();
	expect(view.attempts[2].nextRetryAt).toBeNull();
	expect(received).toHaveLength(3);
});

it('sets the balance, and a reset restores it', async () => {
	expect((await api('PUT', '/balance', { amount: 5 })).json).toEqual({ balance: 5 });
	expect((await api('PUT', '/balance', { amount: -1 })).status).toBe(400);
	await control(sandbox.origin, 'POST', '/reset');
	expect((await api('GET', '/balance')).json).toEqual({ balance: ALIBABA_SEED.balance });
	expect((await api('GET', '/nothing')).status).toBe(404);
});
