import { startSandbox, type Sandbox } from '../../sandbox/server';
import { ALIBABA, v1Call } from './alibaba-helpers';
import { rawCall, signedCall } from './helpers';
import { api, keyed } from './smsmobileapi-helpers';
import { ok, TENCENT, tencentCall } from './tencent-helpers';

/**
 * The lookups a client makes before sending again, to learn which recipients already got a message
 * carrying its idempotency key: OVH `tag`, Tencent `SessionContext`, Alibaba `OutId`, SMSMobileAPI text.
 */

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});

afterAll(() => sandbox.close());

beforeEach(() => sandbox.reset());

const KEY = 'smskit-idem-7f3a9c';
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('OVH: tag', () => {
	const ovh = (method: string, path: string, body?: unknown) =>
		signedCall(sandbox.urls.ovh, { method, path, body: body === undefined ? undefined : JSON.stringify(body) });
	const send = (body: Record<string, unknown>) =>
		ovh('POST', '/sms/sms-sandbox-1/jobs', { message: 'Hello', noStopClause: true, ...body });

	it('lists a just-accepted message in outgoing at once, filtered by tag and receiver together', async () => {
		const sent = await send({ receivers: ['+33601020304', '+33601020305'], tag: KEY });
		expect(sent.json).toMatchObject({ tag: KEY, validReceivers: ['+33601020304', '+33601020305'] });
		const [first] = (sent.json as { ids: number[] }).ids;
		await send({ receivers: ['+33601020304'], tag: 'another-key' });

		const query = `tag=${KEY}&receiver=${encodeURIComponent('+33601020304')}`;
		expect((await ovh('GET', `/sms/sms-sandbox-1/outgoing?${query}`)).json).toEqual([first]);
		expect((await ovh('GET', `/sms/sms-sandbox-1/outgoing?tag=${KEY}`)).json).toHaveLength(2);
		expect((await ovh('GET', `/sms/sms-sandbox-1/outgoing?tag=${KEY}&receiver=%2B33699999999`)).json).toEqual([]);
		expect((await ovh('GET', `/sms/sms-sandbox-1/outgoing/${first}`)).json).toMatchObject({
			id: first,
			tag: KEY,
			receiver: '+33601020304',
		});
		expect((await ovh('GET', '/sms/sms-sandbox-1/jobs')).json).toEqual([]);
	});

	it('keeps a differed message in jobs, with its receiver but no tag (sms.Job has none), until its period is over', async () => {
		const sent = await send({ receivers: ['+33601020304'], tag: KEY, differedPeriod: 10 });
		const [id] = (sent.json as { ids: number[] }).ids;
		expect((await ovh('GET', '/sms/sms-sandbox-1/jobs')).json).toEqual([id]);
		const job = (await ovh('GET', `/sms/sms-sandbox-1/jobs/${id}`)).json as Record<string, unknown>;
		expect(job).toMatchObject({ id, receiver: '+33601020304', differedDelivery: 10 });
		expect(job).not.toHaveProperty('tag');
		expect((await ovh('GET', `/sms/sms-sandbox-1/outgoing?tag=${KEY}`)).json).toEqual([]);

		await rawCall(`${sandbox.origin}/_sandbox/ovh/clock`, { method: 'POST', body: '{"advanceMinutes":10}' });
		expect((await ovh('GET', '/sms/sms-sandbox-1/jobs')).json).toEqual([]);
		expect((await ovh('GET', `/sms/sms-sandbox-1/outgoing?tag=${KEY}&receiver=%2B33601020304`)).json).toEqual([id]);
	});

	it('takes a long tag as it is: the schema gives no maximum and the sandbox enforces none', async () => {
		const long = 'k'.repeat(200);
		const sent = await send({ receivers: ['+33601020304'], tag: long });
		expect(sent.status).toBe(200);
		expect((await ovh('GET', `/sms/sms-sandbox-1/outgoing?tag=${long}`)).json).toHaveLength(1);
	});
});

describe('Tencent: SessionContext', () => {
	const call = (action: string, params: Record<string, unknown>) => tencentCall(sandbox.urls.tencent, { action, params });
	const send = async (phone: string) =>
		ok(
			await call('SendSms', {
				PhoneNumberSet: [phone],
				SmsSdkAppId: TENCENT.smsSdkAppId,
				SignName: TENCENT.signName,
				TemplateId: TENCENT.templateId,
				TemplateParamSet: ['1234', '5'],
				SessionContext: KEY,
			}),
		).SendStatusSet as { SerialNo: string }[];
	const byNumber = async (phone: string, window: { EndTime?: number } = {}) =>
		ok(
			await call('PullSmsSendStatusByPhoneNumber', {
				PhoneNumber: phone,
				BeginTime: nowSeconds() - 60,
				Offset: 0,
				Limit: 100,
				SmsSdkAppId: TENCENT.smsSdkAppId,
				...window,
			}),
		).PullSmsSendStatusSet as Record<string, unknown>[];

	it('lists a message at once, since the automatic receipt is made when it is accepted (received 1 s later)', async () => {
		const [status] = await send('+8613800000001');
		const items = await byNumber('+8613800000001', { EndTime: nowSeconds() + 5 });
		expect(items).toEqual([
			{
				UserReceiveTime: expect.any(Number),
				CountryCode: '86',
				SubscriberNumber: '13800000001',
				PhoneNumber: '+8613800000001',
				SerialNo: status.SerialNo,
				ReportStatus: 'SUCCESS',
				Description: 'DELIVRD',
				SessionContext: KEY,
			},
		]);
		expect(await byNumber('+8613800000002')).toEqual([]);
	});

	it('lists nothing before a receipt when automatic receipts are off, then the reported message', async () => {
		await rawCall(`${sandbox.origin}/_sandbox/tencent/callbacks`, { method: 'PUT', body: '{"autoDeliver":false}' });
		const [status] = await send('+8613800000001');
		expect(await byNumber('+8613800000001')).toEqual([]);
		await rawCall(`${sandbox.origin}/_sandbox/tencent/receipts`, {
			method: 'POST',
			body: JSON.stringify({ serialNo: status.SerialNo, status: 'FAIL' }),
		});
		expect(await byNumber('+8613800000001')).toMatchObject([
			{ SerialNo: status.SerialNo, ReportStatus: 'FAIL', SessionContext: KEY },
		]);
	});
});

describe('Alibaba: OutId', () => {
	const chinaDay = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
	const details = async (phone: string, extra: Record<string, string> = {}) =>
		(
			await v1Call(sandbox.urls.alibaba, {
				action: 'QuerySendDetails',
				params: { PhoneNumber: phone, SendDate: chinaDay(), PageSize: '50', CurrentPage: '1', ...extra },
			})
		).json;

	it('shows a just-accepted message as waiting (SendStatus 1) with its OutId, by number and by BizId', async () => {
		const sent = await v1Call(sandbox.urls.alibaba, {
			action: 'SendSms',
			params: {
				PhoneNumbers: '13800000001,13800000002',
				SignName: ALIBABA.signName,
				TemplateCode: 'SMS_900000002',
				TemplateParam: '{"order":"A1"}',
				OutId: KEY,
			},
		});
		const bizId = sent.json.BizId as string;
		const answer = await details('13800000001');
		expect(answer).toMatchObject({ Code: 'OK', TotalCount: 1 });
		expect((answer.SmsSendDetailDTOs as { SmsSendDetailDTO: unknown[] }).SmsSendDetailDTO).toEqual([
			{
				PhoneNum: '13800000001',
				SendStatus: 1,
				ErrCode: '',
				TemplateCode: 'SMS_900000002',
				Content: expect.stringContaining('A1'),
				SendDate: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
				ReceiveDate: '',
				OutId: KEY,
			},
		]);
		expect(await details('13800000002', { BizId: bizId })).toMatchObject({ TotalCount: 1 });
		expect(await details('13800000002', { BizId: '000000000000000000^0' })).toMatchObject({ TotalCount: 0 });
		expect(await details('13800000003')).toMatchObject({ TotalCount: 0 });
	});
});

describe('SMSMobileAPI: the key in the text', () => {
	it('finds a message by a keyword of its text, any case, with recipient, message, guid and date', async () => {
		const send = (recipients: string, message: string) =>
			api(sandbox, '/sendsms/', keyed({ recipients, message }), { method: 'POST' });
		const guid = ((await send('+15551230001', `Your code [${KEY}]`)).json as { result: { id: string } }).result.id;
		await send('+15551230002', 'Something else');

		const log = await api(sandbox, '/log/sent/sms/', keyed({ keyword: KEY.toUpperCase() }));
		const rows = (log.json as { result: { sms: Record<string, unknown>[] } }).result.sms;
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			guid,
			id: guid,
			recipients: '+15551230001',
			message: `Your code [${KEY}]`,
			date: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
			hour: expect.stringMatching(/^\d\d:\d\d:\d\d$/),
			timestamp_unix: expect.any(Number),
			status: 'queued',
			error_api: '0',
		});
		const byNumber = await api(sandbox, '/log/sent/sms/', keyed({ keyword: '5551230002' }));
		expect((byNumber.json as { result: { sms: { guid: string }[] } }).result.sms).toHaveLength(1);
	});
});
