import Dysmsapi, * as $Dysmsapi from '@alicloud/dysmsapi20170525';
import * as $OpenApi from '@alicloud/openapi-core/dist/utils';
import type { Transport } from '../../core/http';
import { lowerCaseHeaders, parseBody } from '../../core/http';
import { provider } from '../../core/providers/alibaba';
import { runAction } from '../../core/run';
import { ALIBABA_DEFAULT_CREDENTIALS as KEYS, ALIBABA_SEED } from '../../sandbox/providers';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { control } from './alibaba-helpers';

/**
 * Proof of fidelity: the official @alicloud/dysmsapi20170525 client and our core, against the same sandbox, get
 * the same answers — so what our nodes report is what Alibaba's own client would see.
 */
let sandbox: Sandbox;

const transport: Transport = async (wire) => {
	const res = await fetch(wire.url, { method: wire.method, headers: wire.headers, body: wire.body });
	const headers: Record<string, string> = {};
	res.headers.forEach((v, k) => (headers[k] = v));
	return { status: res.status, headers: lowerCaseHeaders(headers), body: parseBody(await res.text()) };
};

function ours(action: string, input: Record<string, unknown>): Promise<Array<Record<string, unknown>>> {
	const send = provider.connection.session(
		provider.connection.credentials({ ...KEYS, endpoint: 'custom', customUrl: sandbox.urls.alibaba }),
		transport,
		Date.now,
	);
	return runAction(provider, action, input, { send, sleep: async () => {}, now: Date.now, cache: new Map() }) as Promise<
		Array<Record<string, unknown>>
	>;
}

function sdk(): Dysmsapi {
	return new Dysmsapi(
		new $OpenApi.Config({
			accessKeyId: KEYS.accessKeyId,
			accessKeySecret: KEYS.accessKeySecret,
			endpoint: new URL(sandbox.urls.alibaba).host,
			protocol: 'http',
		}),
	);
}

const chinaDay = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

it('SendSms: both get a BizId for the same numbers, and the sandbox records the same message', async () => {
	const order = { code: ALIBABA_SEED.notificationTemplateCode };
	const theirs = await sdk().sendSms(
		new $Dysmsapi.SendSmsRequest({
			phoneNumbers: '13800000001,13800000002',
			signName: KEYS.signName,
			templateCode: order.code,
			templateParam: JSON.stringify({ order: 'A-1' }),
		}),
	);
	const mine = await ours('message.send', {
		phoneNumbers: ['+8613800000001', '+8613800000002'],
		signName: KEYS.signName,
		templateCode: order.code,
		templateParams: { order: 'A-1' },
	});
	expect(theirs.body?.code).toBe('OK');
	expect(mine.map((r) => r.Code)).toEqual(['OK', 'OK']);
	expect(mine[0].BizId).toMatch(/^\d{18}\^0$/);
	const { json } = await control<{ alibaba: Array<Record<string, unknown>> }>(sandbox.origin, 'GET', '/messages');
	const [a, b] = json.alibaba;
	expect({ ...b, bizId: undefined, receivedAt: undefined }).toEqual({ ...a, bizId: undefined, receivedAt: undefined });
});

it('QuerySendDetails: the same records, our status normalised beside Alibaba’s SendStatus', async () => {
	const [sent] = await ours('message.send', {
		phoneNumbers: '13800000001',
		signName: KEYS.signName,
		templateCode: KEYS.templateCode,
		templateParams: { code: '1234' },
	});
	await control(sandbox.origin, 'POST', '/alibaba/receipts', {
		bizId: sent.BizId,
		phoneNumber: '13800000001',
		success: false,
		errCode: 'MOBILE_NOT_ON_SERVICE',
	});
	const theirs = await sdk().querySendDetails(
		new $Dysmsapi.QuerySendDetailsRequest({ phoneNumber: '13800000001', sendDate: chinaDay(), pageSize: 10, currentPage: 1 }),
	);
	const mine = await ours('deliveryStatus.getMany', { phoneNumber: '13800000001', sendDate: chinaDay() });
	const details = theirs.body?.smsSendDetailDTOs?.smsSendDetailDTO ?? [];
	expect(mine.map((d) => [d.PhoneNum, d.SendStatus, d.ErrCode, d.Content])).toEqual(
		details.map((d) => [d.phoneNum, d.sendStatus, d.errCode, d.content]),
	);
	expect(mine[0]).toMatchObject({ status: 'failed', to: '+8613800000001', ErrCode: 'MOBILE_NOT_ON_SERVICE' });
});

it('QuerySmsTemplateList and a business error: the same templates, the same code', async () => {
	const theirs = await sdk().querySmsTemplateList(new $Dysmsapi.QuerySmsTemplateListRequest({ pageIndex: 1, pageSize: 50 }));
	const mine = await ours('template.getMany', {});
	expect(mine.map((t) => t.TemplateCode)).toEqual((theirs.body?.smsTemplateList ?? []).map((t) => t.templateCode));
	const sdkAnswer = await sdk().sendSms(
		new $Dysmsapi.SendSmsRequest({
			phoneNumbers: '13800000001',
			signName: 'NoSuchSign',
			templateCode: KEYS.templateCode,
			templateParam: '{"code":"1"}',
		}),
	);
	const ourError = await ours('message.send', {
		phoneNumbers: '13800000001',
		signName: 'NoSuchSign',
		templateCode: KEYS.templateCode,
		templateParams: { code: '1' },
	}).catch((e: { code: string }) => e);
	expect(sdkAnswer.body?.code).toBe('isv.SMS_SIGNATURE_ILLEGAL');
	expect(ourError).toMatchObject({ code: sdkAnswer.body?.code, httpStatus: 200 });
});
