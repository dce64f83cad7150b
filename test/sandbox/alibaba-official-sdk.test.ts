import Dysmsapi, * as $Dysmsapi from '@alicloud/dysmsapi20170525';
import Globe, * as $Globe from '@alicloud/dysmsapi20180501';
import * as $OpenApi from '@alicloud/openapi-core/dist/utils';
import RPCClient from '@alicloud/pop-core';
import { ALIBABA_SEED } from '../../sandbox/providers';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { ALIBABA, control } from './alibaba-helpers';

/**
 * The official SDKs drive the sandbox: @alicloud/dysmsapi20170525 4.6.0 (V3 by default, V1 in its
 * "v2" mode), @alicloud/pop-core 1.8.0 (V1) and @alicloud/dysmsapi20180501 1.0.10. If they are
 * satisfied, the verifier reads their signatures and the answers have the shapes their models expect.
 */

const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;
const BIZ_ID = /^\d{18}\^0$/;
const THREE = ['13800000001', '+8613800000002', '008613800000003'];

let sandbox: Sandbox;
let origin: string;
let host: string;

beforeAll(async () => {
	sandbox = await startSandbox();
	origin = sandbox.origin;
	host = new URL(sandbox.urls.alibaba).host;
});

afterAll(() => sandbox.close());

beforeEach(() => sandbox.reset());

/** As the SDK is configured for a custom endpoint: a host with its port and a protocol. */
function client(options: { accessKeySecret?: string; accessKeyId?: string; signatureAlgorithm?: string } = {}): Dysmsapi {
	return new Dysmsapi(
		new $OpenApi.Config({
			accessKeyId: options.accessKeyId ?? ALIBABA.accessKeyId,
			accessKeySecret: options.accessKeySecret ?? ALIBABA.accessKeySecret,
			endpoint: host,
			protocol: 'http',
			...(options.signatureAlgorithm ? { signatureAlgorithm: options.signatureAlgorithm } : {}),
		}),
	);
}

interface SdkError {
	name: string;
	code: string;
	statusCode: number;
	data: Record<string, unknown>;
}

async function failure(call: Promise<unknown>): Promise<SdkError> {
	return (await call.then(
		() => {
			throw new Error('expected the call to fail');
		},
		(reason: unknown) => reason,
	)) as SdkError;
}

const chinaDay = (ms = Date.now()) => new Date(ms + 8 * 3600e3).toISOString().slice(0, 10).replace(/-/g, '');

const notify = (sdk: Dysmsapi, phoneNumbers: string, order = 'A42') =>
	sdk.sendSms(
		new $Dysmsapi.SendSmsRequest({
			phoneNumbers,
			signName: ALIBABA.signName,
			templateCode: ALIBABA_SEED.notificationTemplateCode,
			templateParam: JSON.stringify({ order }),
			outId: 'order-42',
		}),
	);

describe('@alicloud/dysmsapi20170525 (V3)', () => {
	it('sends to three numbers in one request, one BizId, and records the message', async () => {
		const { statusCode, body } = await notify(client(), THREE.join(','));
		expect(statusCode).toBe(200);
		expect(body).toEqual({
			code: 'OK',
			message: 'OK',
			requestId: expect.stringMatching(UUID),
			bizId: expect.stringMatching(BIZ_ID),
		});
		const { json } = await control<{ alibaba: unknown[] }>(origin, 'GET', '/messages');
		expect(json.alibaba).toEqual([
			{
				action: 'SendSms',
				version: '2017-05-25',
				accessKeyId: ALIBABA.accessKeyId,
				phoneNumbers: ['13800000001', '13800000002', '13800000003'],
				signNames: ['SMSKit', 'SMSKit', 'SMSKit'],
				templateCode: ALIBABA_SEED.notificationTemplateCode,
				templateParams: [{ order: 'A42' }, { order: 'A42' }, { order: 'A42' }],
				contents: Array(3).fill('【SMSKit】Your order A42 has shipped.'),
				outId: 'order-42',
				smsUpExtendCode: null,
				bizId: body!.bizId,
				messageIds: [],
				segments: [1, 1, 1],
				receivedAt: expect.any(String),
			},
		]);
	});

	it('sends a batch with per-number signs and parameters (form body, chunked)', async () => {
		const { body } = await client().sendBatchSms(
			new $Dysmsapi.SendBatchSmsRequest({
				phoneNumberJson: JSON.stringify(['13800000001', '13800000002']),
				signNameJson: JSON.stringify(['SMSKit', 'smskit']),
				templateCode: ALIBABA_SEED.notificationTemplateCode,
				templateParamJson: JSON.stringify([{ order: 'A1' }, { order: 'B2' }]),
			}),
		);
		expect(body).toMatchObject({ code: 'OK', bizId: expect.stringMatching(BIZ_ID) });
		const { json } = await control<{ alibaba: { contents: string[] }[] }>(origin, 'GET', '/messages');
		expect(json.alibaba[0].contents).toEqual(['【SMSKit】Your order A1 has shipped.', '【SMSKit】Your order B2 has shipped.']);
	});

	it('answers QuerySendDetails in its DTO wrapper, pending then delivered after the receipt', async () => {
		const sdk = client();
		const { body: sent } = await notify(sdk, '13800000001');
		const query = () =>
			sdk.querySendDetails(
				new $Dysmsapi.QuerySendDetailsRequest({ phoneNumber: '13800000001', sendDate: chinaDay(), pageSize: 10, currentPage: 1 }),
			);
		expect((await query()).body).toMatchObject({
			code: 'OK',
			totalCount: '1',
			smsSendDetailDTOs: {
				smsSendDetailDTO: [
					{
						phoneNum: '13800000001',
						sendStatus: 1,
						errCode: '',
						templateCode: ALIBABA_SEED.notificationTemplateCode,
						content: '【SMSKit】Your order A42 has shipped.',
						sendDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
						receiveDate: '',
						outId: 'order-42',
					},
				],
			},
		});
		await control(origin, 'POST', '/alibaba/receipts', { bizId: sent!.bizId });
		const [detail] = (await query()).body!.smsSendDetailDTOs!.smsSendDetailDTO!;
		expect(detail).toMatchObject({ sendStatus: 3, errCode: 'DELIVERED', receiveDate: expect.stringMatching(/^\d{4}-/) });

		const { body: stats } = await sdk.querySendStatistics(
			new $Dysmsapi.QuerySendStatisticsRequest({
				isGlobe: 1,
				startDate: chinaDay(),
				endDate: chinaDay(),
				pageIndex: 1,
				pageSize: 10,
			}),
		);
		expect(stats!.data).toMatchObject({
			totalSize: 1,
			targetList: [{ totalCount: 1, respondedSuccessCount: 1, respondedFailCount: 0, noRespondedCount: 0, sendDate: chinaDay() }],
		});
	});

	it('creates a template under review, which sends only once approved', async () => {
		const sdk = client();
		const { body: created } = await sdk.createSmsTemplate(
			new $Dysmsapi.CreateSmsTemplateRequest({
				templateName: 'Order ready',
				templateContent: 'Order ${order} is ready for pickup.',
				templateType: 1,
				relatedSignName: 'SMSKit',
				templateRule: JSON.stringify({ order: 'others' }),
				remark: 'pickup notices',
			}),
		);
		expect(created).toMatchObject({
			code: 'OK',
			templateCode: expect.stringMatching(/^SMS_\d+$/),
			templateName: 'Order ready',
			orderId: expect.any(String),
		});
		const code = created!.templateCode!;
		const get = () => sdk.getSmsTemplate(new $Dysmsapi.GetSmsTemplateRequest({ templateCode: code }));
		expect((await get()).body).toMatchObject({
			templateStatus: '0',
			templateType: '1',
			templateContent: 'Order ${order} is ready for pickup.',
		});

		const send = () =>
			sdk.sendSms(
				new $Dysmsapi.SendSmsRequest({
					phoneNumbers: '13800000001',
					signName: 'SMSKit',
					templateCode: code,
					templateParam: '{"order":"7"}',
				}),
			);
		expect((await send()).body).toMatchObject({ code: 'isv.SMS_TEMPLATE_ILLEGAL' });
		const deleting = await sdk.deleteSmsTemplate(new $Dysmsapi.DeleteSmsTemplateRequest({ templateCode: code }));
		expect(deleting.body).toMatchObject({ code: 'isv.ERROR_TEMPLATE_NOT_DELETE' });

		await control(origin, 'POST', `/alibaba/templates/${code}/review`, { status: 'approved' });
		expect((await get()).body).toMatchObject({ templateStatus: '1', auditInfo: { auditDate: expect.stringMatching(/^\d{4}-/) } });
		expect((await send()).body).toMatchObject({ code: 'OK' });

		const { body: list } = await sdk.querySmsTemplateList(
			new $Dysmsapi.QuerySmsTemplateListRequest({ pageIndex: 1, pageSize: 2 }),
		);
		expect(list).toMatchObject({ totalCount: 4, currentPage: 1, pageSize: 2 });
		expect(list!.smsTemplateList![0]).toMatchObject({
			templateCode: code,
			auditStatus: 'AUDIT_STATE_PASS',
			templateType: 0,
			outerTemplateType: 1,
		});
		const { body: other } = await sdk.getSmsTemplateList(new $Dysmsapi.GetSmsTemplateListRequest({ pageIndex: 1, pageSize: 10 }));
		expect(other).toMatchObject({ success: true, data: { pageNo: 1, pageSize: 10, total: 4 } });
		expect(other!.data!.list!.find((t) => t.templateCode === ALIBABA_SEED.pendingTemplateCode)).toMatchObject({ auditStatus: 0 });

		expect((await sdk.deleteSmsTemplate(new $Dysmsapi.DeleteSmsTemplateRequest({ templateCode: code }))).body).toMatchObject({
			code: 'OK',
			templateCode: code,
		});
		expect((await get()).body).toMatchObject({ code: 'isv.SMS_TEMPLATE_ILLEGAL' });
	});

	it('updates only a rejected template, which goes back to review', async () => {
		const sdk = client();
		const update = () =>
			sdk.updateSmsTemplate(
				new $Dysmsapi.UpdateSmsTemplateRequest({
					templateCode: ALIBABA_SEED.pendingTemplateCode,
					templateName: 'Parcel out',
					templateContent: 'Parcel ${parcel} is on its way.',
					templateType: 1,
					relatedSignName: 'SMSKit',
					templateRule: '{"parcel":"others"}',
				}),
			);
		expect((await update()).body).toMatchObject({ code: 'isv.ERROR_TEMPLATE_NOT_MODIFY' });
		await control(origin, 'POST', `/alibaba/templates/${ALIBABA_SEED.pendingTemplateCode}/review`, {
			status: 'rejected',
			reason: 'Too vague',
		});
		const rejected = await sdk.getSmsTemplate(
			new $Dysmsapi.GetSmsTemplateRequest({ templateCode: ALIBABA_SEED.pendingTemplateCode }),
		);
		expect(rejected.body).toMatchObject({ templateStatus: '2', auditInfo: { rejectInfo: 'Too vague' } });
		expect((await update()).body).toMatchObject({ code: 'OK', templateCode: ALIBABA_SEED.pendingTemplateCode });
	});

	it('manages signs: create under review, get, list, delete', async () => {
		const sdk = client();
		const { body: created } = await sdk.createSmsSign(
			new $Dysmsapi.CreateSmsSignRequest({
				signName: 'KitShop',
				signSource: 0,
				signType: 1,
				qualificationId: ALIBABA_SEED.qualificationId,
				remark: 'shop',
			}),
		);
		expect(created).toMatchObject({ code: 'OK', signName: 'KitShop', orderId: expect.any(String) });
		const { body: got } = await sdk.getSmsSign(new $Dysmsapi.GetSmsSignRequest({ signName: 'KitShop' }));
		expect(got).toMatchObject({ code: 'OK', signName: 'KitShop', signStatus: 0, qualificationId: ALIBABA_SEED.qualificationId });
		const { body: list } = await sdk.querySmsSignList(new $Dysmsapi.QuerySmsSignListRequest({ pageIndex: 1, pageSize: 10 }));
		expect(list!.smsSignList!.map((s) => [s.signName, s.auditStatus])).toEqual([
			['KitShop', 'AUDIT_STATE_INIT'],
			['SMSKitReview', 'AUDIT_STATE_INIT'],
			['SMSKit', 'AUDIT_STATE_PASS'],
		]);
		const again = await sdk.createSmsSign(
			new $Dysmsapi.CreateSmsSignRequest({ signName: 'kitshop', signSource: 0, qualificationId: ALIBABA_SEED.qualificationId }),
		);
		expect(again.body).toMatchObject({ code: 'isv.SIGN_NAME_ILLEGAL' });
		expect((await sdk.deleteSmsSign(new $Dysmsapi.DeleteSmsSignRequest({ signName: 'KitShop' }))).body).toMatchObject({
			code: 'isv.ERROR_SIGN_NOT_DELETE',
		});
		await control(origin, 'POST', '/alibaba/signs/KitShop/review', { status: 'rejected', reason: 'blurry licence' });
		const updated = await sdk.updateSmsSign(
			new $Dysmsapi.UpdateSmsSignRequest({ signName: 'KitShop', signSource: 0, qualificationId: ALIBABA_SEED.qualificationId }),
		);
		expect(updated.body).toMatchObject({ code: 'OK', signName: 'KitShop' });
		await control(origin, 'POST', '/alibaba/signs/KitShop/review', { status: 'approved' });
		expect((await sdk.deleteSmsSign(new $Dysmsapi.DeleteSmsSignRequest({ signName: 'KitShop' }))).body).toMatchObject({
			code: 'OK',
			signName: 'KitShop',
		});
	});

	it('answers business errors with HTTP 200, which the SDK returns as normal responses', async () => {
		const sdk = client();
		const tooMany = Array.from({ length: 1001 }, (_, i) => `1380000${String(i).padStart(4, '0')}`).join(',');
		const answer = await notify(sdk, tooMany);
		expect(answer.statusCode).toBe(200);
		expect(answer.body).toEqual({
			code: 'isv.MOBILE_COUNT_OVER_LIMIT',
			message: expect.any(String),
			requestId: expect.stringMatching(UUID),
		});

		const code = (n: string) =>
			sdk.sendSms(
				new $Dysmsapi.SendSmsRequest({
					phoneNumbers: n,
					signName: 'SMSKit',
					templateCode: ALIBABA.templateCode,
					templateParam: '{"code":"1234"}',
				}),
			);
		expect((await code('13800000009')).body).toMatchObject({ code: 'OK' });
		expect((await code('13800000009')).body).toMatchObject({
			code: 'isv.BUSINESS_LIMIT_CONTROL',
			message: '触发分钟级流控Permits:1',
		});

		await control(origin, 'PUT', '/alibaba/balance', { amount: 0 });
		expect((await notify(sdk, '13800000001')).body).toMatchObject({ code: 'isv.AMOUNT_NOT_ENOUGH' });
	});

	it('raises a ClientError for a wrong secret (400) and an unknown key (404)', async () => {
		const wrong = await failure(notify(client({ accessKeySecret: 'not-the-secret' }), '13800000001'));
		expect(wrong).toMatchObject({ name: 'ClientError', code: 'SignatureDoesNotMatch', statusCode: 400 });
		expect(wrong.data).toMatchObject({ Recommend: expect.stringContaining('SignatureDoesNotMatch'), HostId: host });
		const unknown = await failure(notify(client({ accessKeyId: 'LTAI5tNobodyKnowsThis01' }), '13800000001'));
		expect(unknown).toMatchObject({ code: 'InvalidAccessKeyId.NotFound', statusCode: 404 });
	});

	it('signs V1 in its "v2" mode too, parameters split between query and form body', async () => {
		const sdk = client({ signatureAlgorithm: 'v2' });
		expect((await notify(sdk, '13800000001')).body).toMatchObject({ code: 'OK', bizId: expect.stringMatching(BIZ_ID) });
		const batch = await sdk.sendBatchSms(
			new $Dysmsapi.SendBatchSmsRequest({
				phoneNumberJson: '["13800000001"]',
				signNameJson: '["SMSKit"]',
				templateCode: ALIBABA_SEED.notificationTemplateCode,
				templateParamJson: '[{"order":"9"}]',
			}),
		);
		expect(batch.body).toMatchObject({ code: 'OK' });
	});
});

describe('@alicloud/pop-core (V1)', () => {
	const pop = (secret: string = ALIBABA.accessKeySecret) =>
		new RPCClient({
			accessKeyId: ALIBABA.accessKeyId,
			accessKeySecret: secret,
			endpoint: sandbox.urls.alibaba,
			apiVersion: '2017-05-25',
		});
	const params = {
		RegionId: 'cn-hangzhou',
		PhoneNumbers: '13800000001',
		SignName: 'SMSKit',
		TemplateCode: ALIBABA_SEED.notificationTemplateCode,
		TemplateParam: '{"order":"P1"}',
	};

	it.each(['POST', 'GET'])('sends with %s and reads the details', async (method) => {
		const sent = await pop().request<{ Code: string; BizId: string }>('SendSms', params, { method });
		expect(sent).toMatchObject({
			Code: 'OK',
			Message: 'OK',
			BizId: expect.stringMatching(BIZ_ID),
			RequestId: expect.stringMatching(UUID),
		});
		const details = await pop().request<Record<string, unknown>>(
			'QuerySendDetails',
			{ PhoneNumber: '13800000001', SendDate: chinaDay(), PageSize: 10, CurrentPage: 1, BizId: sent.BizId },
			{ method },
		);
		expect(details).toMatchObject({
			Code: 'OK',
			TotalCount: 1,
			SmsSendDetailDTOs: { SmsSendDetailDTO: [{ PhoneNum: '13800000001', SendStatus: 1 }] },
		});
	});

	it('throws the business code, as pop-core does for anything but OK', async () => {
		const error = await failure(pop().request('SendSms', { ...params, TemplateParam: '{}' }, { method: 'POST' }));
		expect(error).toMatchObject({ code: 'isv.TEMPLATE_MISSING_PARAMETERS' });
		const wrong = await failure(pop('wrong').request('SendSms', params, { method: 'POST' }));
		expect(wrong).toMatchObject({ code: 'SignatureDoesNotMatch' });
	});
});

describe('@alicloud/dysmsapi20180501 (international)', () => {
	const globe = () =>
		new Globe(
			new $OpenApi.Config({
				accessKeyId: ALIBABA.accessKeyId,
				accessKeySecret: ALIBABA.accessKeySecret,
				endpoint: host,
				protocol: 'http',
			}),
		);

	it('sends with SendMessageToGlobe and queries it, delivered after the receipt', async () => {
		const { body } = await globe().sendMessageToGlobe(
			new $Globe.SendMessageToGlobeRequest({
				to: '85212345678',
				message: 'Hello from SMS Kit',
				from: 'SMSKit',
				taskId: 'campaign-1',
			}),
		);
		expect(body).toEqual({
			requestId: expect.stringMatching(UUID),
			responseCode: 'OK',
			responseDescription: 'The SMS Send Request was accepted',
			to: '85212345678',
			from: 'SMSKit',
			messageId: expect.stringMatching(/^\d{16}$/),
			segments: '1',
			numberDetail: { carrier: 'SandboxTel', country: 'Hong Kong', region: 'Hong Kong' },
		});
		await control(origin, 'POST', '/alibaba/receipts', { messageId: body!.messageId });
		const { body: query } = await globe().queryMessage(new $Globe.QueryMessageRequest({ messageId: body!.messageId }));
		expect(query).toMatchObject({
			responseCode: 'OK',
			status: '1',
			errorCode: 'DELIVERED',
			message: 'Hello from SMS Kit',
			sendDate: expect.stringMatching(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0800$/),
		});
	});

	it('refuses mainland numbers and counts segments as §0.8 says', async () => {
		const mainland = await globe().sendMessageToGlobe(
			new $Globe.SendMessageToGlobeRequest({ to: '8613800000001', message: 'Hi' }),
		);
		expect(mainland.statusCode).toBe(200);
		expect(mainland.body).toMatchObject({ responseCode: 'DOMESTIC_NUMBER_NOT_SUPPORTED' });
		const long = await globe().sendMessageToGlobe(
			new $Globe.SendMessageToGlobeRequest({ to: '6591234567', message: 'x'.repeat(161) }),
		);
		expect(long.body).toMatchObject({ responseCode: 'OK', segments: '2' });
		const unicode = await globe().sendMessageToGlobe(
			new $Globe.SendMessageToGlobeRequest({ to: '6591234567', message: '你'.repeat(71) }),
		);
		expect(unicode.body).toMatchObject({ segments: '2' });
	});

	it('sends with a template and in batches, bad numbers in FailedList', async () => {
		const templated = await globe().sendMessageWithTemplate(
			new $Globe.SendMessageWithTemplateRequest({
				to: '85212345678',
				from: 'SMSKit',
				templateCode: ALIBABA_SEED.notificationTemplateCode,
				templateParam: '{"order":"HK1"}',
			}),
		);
		expect(templated.body).toMatchObject({ responseCode: 'OK', to: '85212345678', segments: '1' });
		const batch = await globe().batchSendMessageToGlobe(
			new $Globe.BatchSendMessageToGlobeRequest({
				to: JSON.stringify(['85212345678', '8613800000001', '6591234567']),
				message: 'Hi all',
				from: 'SMSKit',
			}),
		);
		expect(batch.body).toMatchObject({ responseCode: 'OK', successCount: '2', failedList: '["8613800000001"]' });
		expect(JSON.parse(batch.body!.messageIdList!)).toHaveLength(2);
	});
});
