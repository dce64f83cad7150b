import http from 'node:http';
import { sms } from 'tencentcloud-sdk-nodejs-sms';
import { runOperation } from '../../core/operation';
import { addTemplate, pullSendStatus, sendSms, tencentHttpError, tencentSession } from '../../core/providers/tencent';
import type { Transport } from '../../core/http';
import { TENCENT_DEFAULT_CREDENTIALS as KEYS } from '../../sandbox/providers';
import { startSandbox, type Sandbox } from '../../sandbox/server';

/**
 * Proof of fidelity: the official SDK and our core, against the same sandbox, get the same answers —
 * so what our nodes report is what Tencent's own client would see.
 */
let sandbox: Sandbox;

const transport: Transport = async (wire) => {
	const res = await fetch(wire.url, { method: wire.method, headers: wire.headers, body: wire.body });
	return { status: res.status, headers: {}, body: JSON.parse(await res.text()) };
};

function ours<O>(op: Parameters<typeof runOperation>[0], input: unknown): Promise<O> {
	const send = tencentSession(
		{ ...KEYS, region: 'ap-guangzhou', endpoint: 'custom', customUrl: sandbox.urls.tencent },
		transport,
		Date.now,
	);
	return runOperation(op, input, { send, toError: tencentHttpError, sleep: async () => {} }) as Promise<O>;
}

function sdk() {
	return new sms.v20210111.Client({
		credential: { secretId: KEYS.secretId, secretKey: KEYS.secretKey },
		region: 'ap-guangzhou',
		profile: { httpProfile: { endpoint: new URL(sandbox.urls.tencent).host, protocol: 'http://', agent: new http.Agent() } },
	});
}

const stripIds = <T extends { SerialNo?: string }>(rows: T[]) =>
	rows.map(({ SerialNo, ...rest }) => ({ ...rest, hasSerialNo: Boolean(SerialNo) }));

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const numbers = ['+33601020304', '+447911123456', '+14155552671'];
const send = {
	smsSdkAppId: KEYS.smsSdkAppId,
	signName: KEYS.signName,
	templateId: KEYS.templateId,
	templateParams: ['1234', '5'],
};

it('SendSms: the same per-number statuses', async () => {
	const official = await sdk().SendSms({
		PhoneNumberSet: numbers,
		SmsSdkAppId: KEYS.smsSdkAppId,
		SignName: KEYS.signName,
		TemplateId: KEYS.templateId,
		TemplateParamSet: ['1234', '5'],
	});
	const mine = await ours<Array<Record<string, unknown>>>(sendSms, { ...send, phoneNumbers: numbers });
	const pick = (r: Record<string, unknown>) => ({
		SerialNo: r.SerialNo as string,
		PhoneNumber: r.PhoneNumber,
		Fee: r.Fee,
		Code: r.Code,
		Message: r.Message,
		IsoCode: r.IsoCode,
		SessionContext: r.SessionContext,
	});
	expect(stripIds(mine.map(pick))).toEqual(
		stripIds((official.SendStatusSet ?? []).map((r) => pick(r as unknown as Record<string, unknown>))),
	);
});

it('PullSmsSendStatus: the same receipts, whoever pulls them', async () => {
	await ours(sendSms, { ...send, phoneNumbers: numbers });
	const mine = await ours<Array<Record<string, unknown>>>(pullSendStatus, { smsSdkAppId: KEYS.smsSdkAppId, limit: 100 });
	await ours(sendSms, { ...send, phoneNumbers: numbers });
	const official = (await sdk().PullSmsSendStatus({ SmsSdkAppId: KEYS.smsSdkAppId, Limit: 100 })).PullSmsSendStatusSet ?? [];
	const shape = (r: Record<string, unknown>) => ({
		PhoneNumber: r.PhoneNumber,
		ReportStatus: r.ReportStatus,
		Description: r.Description,
	});
	expect(mine.map(shape)).toEqual(official.map((r) => shape(r as unknown as Record<string, unknown>)));
	expect(mine.map((r) => r.status)).toEqual(['delivered', 'delivered', 'delivered']);
});

it('AddSmsTemplate: both get a new TemplateId', async () => {
	const template = {
		TemplateName: 'Reminder',
		TemplateContent: 'See you on {1}.',
		SmsType: 2,
		International: 0,
		Remark: 'parity',
	};
	const official = await sdk().AddSmsTemplate(template);
	const [mine] = await ours<Array<{ TemplateId: string | number }>>(addTemplate, {
		name: 'Reminder',
		content: 'See you on {1}.',
		smsType: 2,
		international: 0,
		remark: 'parity',
	});
	expect(Number(mine.TemplateId)).toBe(Number(official.AddTemplateStatus?.TemplateId) + 1);
});
