import http from 'node:http';
import type { LookupFunction } from 'node:net';
import { sms } from 'tencentcloud-sdk-nodejs-sms';
import { TENCENT_SEED } from '../../sandbox/providers';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { control, TENCENT } from './tencent-helpers';

/**
 * The official Node SDK (tencentcloud-sdk-nodejs-sms 4.1.306) drives the sandbox: if it is
 * satisfied, the verifier reads its signatures (hostname signed without the port, service derived
 * from the endpoint) and the answers have the shapes it expects.
 */

type Client = InstanceType<typeof sms.v20210111.Client>;
interface SdkError {
	code?: string;
	message: string;
	requestId: string;
	traceId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const THREE = ['+8613800000001', '13800000002', '008613800000003'];

let sandbox: Sandbox;
let origin: string;

beforeAll(async () => {
	sandbox = await startSandbox();
	origin = new URL(sandbox.urls.ovh).origin;
});

afterAll(() => sandbox.close());

beforeEach(() => sandbox.reset());

/**
 * As the brief of the SDK has it: a host (here with its port) and a protocol. A plain agent of our
 * own keeps the SDK from picking a proxy out of `http_proxy`.
 */
function client(
	options: {
		secretId?: string;
		secretKey?: string;
		endpoint?: string;
		reqMethod?: 'POST' | 'GET';
		language?: 'zh-CN' | 'en-US';
		agent?: http.Agent;
	} = {},
): Client {
	return new sms.v20210111.Client({
		credential: { secretId: options.secretId ?? TENCENT.secretId, secretKey: options.secretKey ?? TENCENT.secretKey },
		region: 'ap-guangzhou',
		profile: {
			httpProfile: {
				endpoint: options.endpoint ?? new URL(sandbox.urls.tencent).host,
				protocol: 'http://',
				// Only when given: the SDK's Object.assign would let an undefined replace its POST default.
				...(options.reqMethod ? { reqMethod: options.reqMethod } : {}),
				agent: options.agent ?? new http.Agent(),
			},
			language: options.language,
		},
	});
}

async function failure(call: Promise<unknown>): Promise<SdkError> {
	return (await call.then(
		() => {
			throw new Error('expected the call to fail');
		},
		(reason: unknown) => reason,
	)) as SdkError;
}

const send = (sdk: Client, numbers: string[], extra: Record<string, unknown> = {}) =>
	sdk.SendSms({
		PhoneNumberSet: numbers,
		SmsSdkAppId: TENCENT.smsSdkAppId,
		SignName: TENCENT.signName,
		TemplateId: TENCENT.templateId,
		TemplateParamSet: ['123456', '5'],
		...extra,
	});

/** `yyyymmddhh` in Beijing time, as the statistics actions read it. */
const beijingHour = (ms: number) => new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 13).replace(/[-T]/g, '');

describe('sending and receipts', () => {
	it('sends to three numbers, normalising the domestic forms, and records the message', async () => {
		const answer = await send(client(), THREE, { SessionContext: 'order-42' });
		expect(answer.RequestId).toMatch(UUID);
		expect(answer.SendStatusSet).toEqual(
			['+8613800000001', '+8613800000002', '+8613800000003'].map((PhoneNumber) => ({
				SerialNo: expect.stringMatching(/^2433:\d+$/),
				PhoneNumber,
				Fee: 1,
				SessionContext: 'order-42',
				Code: 'Ok',
				Message: 'send success',
				IsoCode: 'CN',
			})),
		);
		expect(new Set(answer.SendStatusSet!.map((s) => s.SerialNo)).size).toBe(3);

		const { json } = await control<{ tencent: unknown[] }>(origin, 'GET', '/messages');
		expect(json.tencent).toEqual([
			{
				action: 'SendSms',
				smsSdkAppId: TENCENT.smsSdkAppId,
				signName: 'SMSKit',
				templateId: '100001',
				templateParams: ['123456', '5'],
				phoneNumbers: THREE,
				sessionContext: 'order-42',
				extendCode: null,
				senderId: null,
				content: '【SMSKit】Your SMS Kit code is 123456, valid for 5 minutes.',
				statuses: answer.SendStatusSet,
				receivedAt: expect.any(String),
			},
		]);
	});

	it('hands each receipt out once through PullSmsSendStatus', async () => {
		const sdk = client();
		const sent = await send(sdk, THREE);
		const sentAt = Math.floor(Date.now() / 1000);
		const first = await sdk.PullSmsSendStatus({ SmsSdkAppId: TENCENT.smsSdkAppId, Limit: 100 });
		expect(first.PullSmsSendStatusSet).toEqual(
			sent.SendStatusSet!.map((status) => ({
				UserReceiveTime: expect.any(Number),
				CountryCode: '86',
				SubscriberNumber: status.PhoneNumber!.slice(3),
				PhoneNumber: status.PhoneNumber,
				SerialNo: status.SerialNo,
				ReportStatus: 'SUCCESS',
				Description: 'DELIVRD',
				SessionContext: '',
			})),
		);
		for (const receipt of first.PullSmsSendStatusSet!)
			expect(Math.abs(receipt.UserReceiveTime! - sentAt - 1)).toBeLessThanOrEqual(1);
		const second = await sdk.PullSmsSendStatus({ SmsSdkAppId: TENCENT.smsSdkAppId, Limit: 100 });
		expect(second.PullSmsSendStatusSet).toEqual([]);
	});

	it('pulls by number without draining, honouring Limit', async () => {
		const sdk = client();
		const [one] = (await send(sdk, ['+8613800000001'])).SendStatusSet!;
		await send(sdk, ['+8613800000001', '+8613800000002']);
		const query = {
			SmsSdkAppId: TENCENT.smsSdkAppId,
			PhoneNumber: '+8613800000001',
			BeginTime: Math.floor(Date.now() / 1000) - 3600,
			Offset: 0,
			Limit: 100,
		};
		const all = await sdk.PullSmsSendStatusByPhoneNumber(query);
		expect(all.PullSmsSendStatusSet!.map((r) => r.PhoneNumber)).toEqual(['+8613800000001', '+8613800000001']);
		expect(all.PullSmsSendStatusSet![0].SerialNo).toBe(one.SerialNo);
		expect((await sdk.PullSmsSendStatusByPhoneNumber(query)).PullSmsSendStatusSet).toHaveLength(2);
		expect((await sdk.PullSmsSendStatusByPhoneNumber({ ...query, Limit: 1 })).PullSmsSendStatusSet).toHaveLength(1);
		expect((await sdk.PullSmsSendStatus({ SmsSdkAppId: TENCENT.smsSdkAppId, Limit: 100 })).PullSmsSendStatusSet).toHaveLength(3);
	});

	it('sends abroad without a signature, with ISO codes and segments', async () => {
		const answer = await client().SendSms({
			PhoneNumberSet: ['+33601020304', '+447700900123', '+12025550123', '+5511987654321'],
			SmsSdkAppId: TENCENT.smsSdkAppId,
			TemplateId: TENCENT.templateId,
			TemplateParamSet: ['123456', 'x'.repeat(60)],
		});
		expect(answer.SendStatusSet!.map((s) => [s.Code, s.IsoCode, s.Fee])).toEqual([
			['Ok', 'FR', 2],
			['Ok', 'GB', 2],
			['Ok', 'US', 2],
			['Ok', 'BR', 2],
		]);
	});

	it('sends over GET too, with the parameters flattened into the query', async () => {
		const answer = await send(client({ reqMethod: 'GET' }), ['+8613800000001', '+8613800000002']);
		expect(answer.SendStatusSet!.map((s) => s.Code)).toEqual(['Ok', 'Ok']);
	});

	it('describes phone numbers', async () => {
		const answer = await client().DescribePhoneNumberInfo({ PhoneNumberSet: ['+8618501234444', '+86018501234445', 'nope'] });
		expect(answer.PhoneNumberInfoSet).toEqual([
			{
				Code: 'Ok',
				Message: 'Describe success',
				NationCode: '86',
				SubscriberNumber: '18501234444',
				PhoneNumber: '+8618501234444',
				IsoCode: 'CN',
				IsoName: 'China',
			},
			expect.objectContaining({ Code: 'Ok', PhoneNumber: '+8618501234445' }),
			expect.objectContaining({ Code: 'InvalidParameterValue.IncorrectPhoneNumber', PhoneNumber: 'nope' }),
		]);
	});
});

describe('templates and signatures', () => {
	it('adds a template under review, which sends once approved and can no longer be modified', async () => {
		const sdk = client();
		const template = {
			TemplateName: 'Welcome',
			TemplateContent: 'Welcome to SMS Kit, {1}!',
			SmsType: 2,
			International: 0,
			Remark: 'sandbox test',
		};
		const added = await sdk.AddSmsTemplate(template);
		const id = added.AddTemplateStatus!.TemplateId!;
		expect(id).toMatch(/^\d+$/);
		const describe = () => sdk.DescribeSmsTemplateList({ International: 0, TemplateIdSet: [Number(id)] });
		expect((await describe()).DescribeTemplateStatusSet).toEqual([
			{
				TemplateId: Number(id),
				International: 0,
				StatusCode: 1,
				ReviewReply: '',
				TemplateName: 'Welcome',
				CreateTime: expect.any(Number),
				TemplateContent: 'Welcome to SMS Kit, {1}!',
			},
		]);
		const pending = await failure(send(sdk, ['+8613800000001'], { TemplateId: id, TemplateParamSet: ['Ada'] }));
		expect(pending.code).toBe('FailedOperation.TemplateIncorrectOrUnapproved');

		const reviewed = await control(origin, 'POST', `/tencent/templates/${id}/review`, { status: 'approved' });
		expect(reviewed).toEqual({ status: 200, json: { id: Number(id), statusCode: 0, reviewReply: '' } });
		expect((await describe()).DescribeTemplateStatusSet![0].StatusCode).toBe(0);
		const sent = await send(sdk, ['+8613800000001'], { TemplateId: id, TemplateParamSet: ['Ada'] });
		expect(sent.SendStatusSet![0].Code).toBe('Ok');

		const modify = await failure(sdk.ModifySmsTemplate({ TemplateId: Number(id), ...template }));
		expect(modify.code).toBe('FailedOperation.TemplateAlreadyPassedCheck');
		const deleted = await sdk.DeleteSmsTemplate({ TemplateId: Number(id) });
		expect(deleted.DeleteTemplateStatus).toEqual({ DeleteStatus: 'return successfully!', DeleteTime: expect.any(Number) });
		expect((await describe()).DescribeTemplateStatusSet).toEqual([]);
	});

	it('modifies a rejected template back under review', async () => {
		const sdk = client();
		await control(origin, 'POST', `/tencent/templates/${TENCENT_SEED.pendingTemplateId}/review`, {
			status: 'rejected',
			reply: 'Too vague',
		});
		const list = await sdk.DescribeSmsTemplateList({ International: 0, Limit: 10, Offset: 0 });
		expect(list.DescribeTemplateStatusSet!.map((t) => [t.TemplateId, t.StatusCode, t.ReviewReply])).toEqual([
			[100001, 0, ''],
			[100002, -1, 'Too vague'],
		]);
		const modified = await sdk.ModifySmsTemplate({
			TemplateId: TENCENT_SEED.pendingTemplateId,
			TemplateName: 'SMS Kit notice',
			TemplateContent: 'Your SMS Kit order {1} has shipped and arrives on {2}.',
			SmsType: 2,
			International: 0,
			Remark: 'clearer',
		});
		expect(modified.ModifyTemplateStatus).toEqual({ TemplateId: TENCENT_SEED.pendingTemplateId });
		const after = await sdk.DescribeSmsTemplateList({ International: 0, TemplateIdSet: [TENCENT_SEED.pendingTemplateId] });
		expect(after.DescribeTemplateStatusSet![0]).toMatchObject({ StatusCode: 1, ReviewReply: '' });
	});

	it('lists the seeded signature, and adds one under review that the console can reject', async () => {
		const sdk = client();
		const seeded = await sdk.DescribeSmsSignList({ International: 0 });
		expect(seeded.DescribeSignListStatusSet).toEqual([
			{
				SignId: 1,
				International: 0,
				StatusCode: 0,
				ReviewReply: '',
				SignName: 'SMSKit',
				CreateTime: expect.any(Number),
				QualificationId: 1,
				QualificationName: expect.any(String),
				QualificationStatusCode: 1,
			},
		]);
		const added = await sdk.AddSmsSign({
			SignName: 'Acme',
			SignType: 0,
			DocumentType: 1,
			International: 0,
			SignPurpose: 0,
			ProofImage: 'iVBORw0KGgo=',
			QualificationId: 1,
		});
		const signId = added.AddSignStatus!.SignId!;
		expect(signId).toBe(2);
		await control(origin, 'POST', `/tencent/signs/${signId}/review`, { status: 'rejected', reply: 'Blurry proof' });
		const listed = await sdk.DescribeSmsSignList({ International: 0, SignIdSet: [signId] });
		expect(listed.DescribeSignListStatusSet![0]).toMatchObject({ SignId: signId, StatusCode: -1, ReviewReply: 'Blurry proof' });
		const unapproved = await failure(send(sdk, ['+8613800000001'], { SignName: 'Acme' }));
		expect(unapproved.code).toBe('FailedOperation.SignatureIncorrectOrUnapproved');
		await expect(sdk.DeleteSmsSign({ SignId: signId })).resolves.toMatchObject({
			DeleteSignStatus: { DeleteStatus: 'return successfully!' },
		});
	});
});

describe('replies and statistics', () => {
	it('pulls an injected reply once, and by number at will', async () => {
		const sdk = client();
		const injected = await control(origin, 'POST', '/tencent/replies', { phoneNumber: '+8613800000001', text: 'STOP' });
		expect(injected.status).toBe(200);
		const first = await sdk.PullSmsReplyStatus({ SmsSdkAppId: TENCENT.smsSdkAppId, Limit: 10 });
		expect(first.PullSmsReplyStatusSet).toEqual([
			{
				ExtendCode: '',
				CountryCode: '86',
				PhoneNumber: '+8613800000001',
				SignName: 'SMSKit',
				ReplyContent: 'STOP',
				ReplyTime: expect.any(Number),
				SubscriberNumber: '13800000001',
			},
		]);
		expect((await sdk.PullSmsReplyStatus({ SmsSdkAppId: TENCENT.smsSdkAppId, Limit: 10 })).PullSmsReplyStatusSet).toEqual([]);
		const byNumber = await sdk.PullSmsReplyStatusByPhoneNumber({
			SmsSdkAppId: TENCENT.smsSdkAppId,
			PhoneNumber: '+8613800000001',
			BeginTime: Math.floor(Date.now() / 1000) - 60,
			Offset: 0,
			Limit: 10,
		});
		expect(byNumber.PullSmsReplyStatusSet).toEqual(first.PullSmsReplyStatusSet);
	});

	it('counts sends, segments and receipts', async () => {
		const sdk = client();
		const before = beijingHour(Date.now());
		await send(sdk, [...THREE, 'not a number']);
		const range = {
			SmsSdkAppId: TENCENT.smsSdkAppId,
			BeginTime: before,
			EndTime: beijingHour(Date.now() + 5000),
			Limit: 0,
			Offset: 0,
		};
		expect((await sdk.SendStatusStatistics(range)).SendStatusStatistics).toEqual({
			FeeCount: 3,
			RequestCount: 4,
			RequestSuccessCount: 3,
		});
		expect((await sdk.CallbackStatusStatistics(range)).CallbackStatusStatistics).toMatchObject({
			CallbackCount: 3,
			CallbackSuccessCount: 3,
			CallbackFailCount: 0,
			RequestSuccessCount: 3,
		});
		const packages = await sdk.SmsPackagesStatistics({ ...range, BeginTime: '2024010100', EndTime: '2024123123', Limit: 10 });
		expect(packages.SmsPackagesStatisticsSet).toEqual([
			{
				PackageCreateTime: 1704038400,
				PackageEffectiveTime: 1704038400,
				PackageExpiredTime: expect.any(Number),
				PackageAmount: TENCENT_SEED.packageAmount,
				PackageType: 0,
				PackageId: TENCENT_SEED.packageId,
				CurrentUsage: 3,
			},
		]);
	});
});

describe('errors the SDK reports', () => {
	it('rejects a wrong SecretKey with AuthFailure.SignatureFailure', async () => {
		const error = await failure(send(client({ secretKey: 'not-the-key' }), ['+8613800000001']));
		expect(error.code).toBe('AuthFailure.SignatureFailure');
		expect(error.requestId).toMatch(UUID);
		expect(error.traceId).toMatch(UUID);
	});

	it('rejects an unknown SecretId with AuthFailure.SecretIdNotFound', async () => {
		const error = await failure(send(client({ secretId: 'AKIDnobodyKnowsThisOne' }), ['+8613800000001']));
		expect(error.code).toBe('AuthFailure.SecretIdNotFound');
	});

	it('rejects a template under review with FailedOperation.TemplateIncorrectOrUnapproved', async () => {
		const error = await failure(
			send(client(), ['+8613800000001'], { TemplateId: String(TENCENT_SEED.pendingTemplateId), TemplateParamSet: ['A1'] }),
		);
		expect(error.code).toBe('FailedOperation.TemplateIncorrectOrUnapproved');
		expect((await control<{ tencent: unknown[] }>(origin, 'GET', '/messages')).json.tencent).toEqual([]);
	});

	it('rejects 201 numbers with LimitExceeded.PhoneNumberCountLimit', async () => {
		const numbers = Array.from({ length: 201 }, (_, i) => `+86138${String(i).padStart(8, '0')}`);
		const error = await failure(send(client(), numbers));
		expect(error.code).toBe('LimitExceeded.PhoneNumberCountLimit');
		const answer = await send(client(), numbers.slice(0, 200));
		expect(answer.SendStatusSet).toHaveLength(200);
	});

	it('answers in Chinese when the SDK asks for zh-CN', async () => {
		const error = await failure(send(client({ secretKey: 'not-the-key', language: 'zh-CN' }), ['+8613800000001']));
		expect(error.code).toBe('AuthFailure.SignatureFailure');
		expect(error.message).toBe('请求签名验证失败，请检查您的签名计算是否正确。');
	});
});

describe('endpoints', () => {
	/** Resolves every name to the sandbox, so the SDK can use a real host name on a custom port. */
	const toLoopback: LookupFunction = (_hostname, options, callback) => {
		if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
		else callback(null, '127.0.0.1', 4);
	};

	it('accepts the real host name on a custom port: service sms, hostname signed without the port', async () => {
		const endpoint = `sms.tencentcloudapi.com:${sandbox.ports.tencent}`;
		const sdk = client({ endpoint, agent: new http.Agent({ lookup: toLoopback }) });
		expect((await send(sdk, ['+8613800000001'])).SendStatusSet![0].Code).toBe('Ok');
	});
});
