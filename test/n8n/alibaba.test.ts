import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { AlibabaCloudSmsApi } from '../../credentials/AlibabaCloudSmsApi.credentials';
import { provider as alibaba } from '../../core/providers/alibaba';
import { acs3Headers } from '../../core/providers/alibaba/sign';
import { AlibabaSms } from '../../nodes/AlibabaSms/AlibabaSms.node';
import { AlibabaSmsTrigger } from '../../nodes/AlibabaSms/AlibabaSmsTrigger.node';
import { alibabaOperations } from '../../nodes/AlibabaSms/actions/router';
import { searchSigns, searchTemplates } from '../../nodes/AlibabaSms/methods/listSearch';
import pkg from '../../package.json';
import { fakeContext, type FakeOptions, type Parameters } from './fake';
import { useSandbox } from './helpers';
import { webhookContext } from './webhook-context';

interface AlibabaDefaults {
	accessKeyId: string;
	accessKeySecret: string;
	signName: string;
	templateCode: string;
}

interface SentMessage {
	action: string;
	phoneNumbers: string[];
	signNames: string[];
	templateParams: Array<Record<string, string>>;
	bizId: string | null;
}

type Item = { json: Record<string, unknown>; pairedItem?: unknown };

const NOTIFICATION = 'SMS_900000002'; // `Your order ${order} has shipped.`
const VERIFICATION = 'SMS_900000001'; // `Your SMS Kit code is ${code}.`
const WRONG_SECRET = 'wrongAlibabaAccessKeySecret000';

const rl = (mode: string, value: string) => ({ __rl: true, mode, value });
const send = (phoneNumbers: unknown, params: Record<string, string> = { order: 'A-1' }, template = NOTIFICATION): Parameters => ({
	resource: 'message',
	operation: 'send',
	phoneNumbers,
	signName: rl('name', 'SMSKit'),
	templateCode: rl('code', template),
	paramsMode: 'pairs',
	templateParams: { parameter: Object.entries(params).map(([name, value]) => ({ name, value })) },
	options: {},
});
const batch = (phoneNumber: string, order: string): Parameters => ({
	resource: 'message',
	operation: 'sendBatch',
	phoneNumber,
	signName: rl('list', 'SMSKit'),
	templateCode: rl('list', NOTIFICATION),
	paramsMode: 'json',
	templateParamsJson: JSON.stringify({ order }),
	options: {},
});

/**
 * The fake signs with the credential types it knows; this adds ours the way n8n uses it: `authenticate`
 * on the request the node built, then the signed request sent as it is.
 */
function withAlibaba<T extends ReturnType<typeof fakeContext>>(ctx: T): T {
	const credential = new AlibabaCloudSmsApi();
	const helpers = (ctx.execute as unknown as { helpers: Record<string, unknown> }).helpers;
	const original = helpers.httpRequestWithAuthentication as (type: string, r: IHttpRequestOptions) => Promise<unknown>;
	helpers.httpRequestWithAuthentication = async (type: string, request: IHttpRequestOptions) => {
		if (type !== 'alibabaCloudSmsApi') return original(type, request);
		const signed = await credential.authenticate(await ctx.execute.getCredentials(type), request);
		ctx.sent.push({ method: signed.method ?? 'GET', url: signed.url, body: signed.body as string | undefined });
		const res = await fetch(signed.url, {
			method: signed.method,
			headers: signed.headers as Record<string, string>,
			body: signed.body as string | undefined,
		});
		const headers: Record<string, string> = {};
		res.headers.forEach((v, k) => (headers[k] = v));
		return { statusCode: res.status, headers, body: await res.text() };
	};
	return ctx;
}

function useAlibaba() {
	const env = useSandbox();
	const ctx = env as typeof env & { alibaba: AlibabaDefaults; credential: ICredentialDataDecryptedObject };
	beforeAll(() => {
		ctx.alibaba = (env.defaults as unknown as { alibaba: AlibabaDefaults }).alibaba;
		ctx.credential = {
			region: 'custom',
			customUrl: (env.sandbox.urls as Record<string, string>).alibaba,
			accessKeyId: ctx.alibaba.accessKeyId,
			accessKeySecret: ctx.alibaba.accessKeySecret,
		};
	});
	return ctx;
}

describe('n8n Alibaba Cloud SMS nodes: description', () => {
	const node = new AlibabaSms();
	const trigger = new AlibabaSmsTrigger();

	it('every resource/operation is an action of the module, and the reverse', () => {
		const offered = node.description.properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) =>
				(p.options as Array<{ value: string }>).map((o) => `${(p.displayOptions?.show?.resource as string[])[0]}.${o.value}`),
			);
		expect(offered.sort()).toEqual(Object.keys(alibaba.actions).sort());
		expect(Object.keys(alibabaOperations).sort()).toEqual(Object.keys(alibaba.actions).sort());
	});

	it('every operation has a description and an action naming the provider; defaults and versions as the others', () => {
		for (const prop of node.description.properties.filter((p) => p.name === 'operation')) {
			for (const option of prop.options as Array<{ action: string; description?: string }>) {
				expect(option.description).toEqual(expect.any(String));
				expect(option.action).toContain('Alibaba Cloud SMS');
			}
		}
		expect(node.description).toMatchObject({ name: 'alibabaSms', defaults: { name: 'Alibaba Cloud SMS' }, version: [1] });
		expect(trigger.description).toMatchObject({ name: 'alibabaSmsTrigger', version: [1], defaultVersion: 1 });
		for (const d of [node.description, trigger.description]) expect(d.defaultVersion === d.version).toBe(false);
		expect(trigger.description.polling).toBeUndefined();
		expect(pkg.n8n.nodes).toEqual(
			expect.arrayContaining(['dist/nodes/AlibabaSms/AlibabaSms.node.js', 'dist/nodes/AlibabaSms/AlibabaSmsTrigger.node.js']),
		);
		expect(pkg.n8n.credentials).toContain('dist/credentials/AlibabaCloudSmsApi.credentials.js');
	});

	it('the trigger offers the events the module pushes, with a label each, and says where to paste its URL', () => {
		const event = trigger.description.properties.find((p) => p.name === 'event') as INodeProperties;
		expect((event.options as Array<{ value: string; name: string }>).map((o) => [o.value, o.name])).toEqual([
			['incoming', 'Incoming SMS'],
			['delivery', 'Delivery Report'],
			['review', 'Template Review'],
		]);
		expect(Object.keys(alibaba.inbound.methods)).toEqual(['incoming', 'delivery', 'review']);
		const notice = trigger.description.properties.find((p) => p.type === 'notice')!;
		expect(notice.displayName).toMatch(/System Settings → General Settings → Receipt Messages/);
		expect(notice.displayName).toMatch(/HTTP batch push/);
	});

	it('the credential: regions from the module, a custom base URL with a placeholder and no default', () => {
		const credential = new AlibabaCloudSmsApi();
		const region = credential.properties.find((p) => p.name === 'region')!;
		expect(region.default).toBe('cn-hangzhou');
		expect((region.options as Array<{ value: string }>).map((o) => o.value)).toEqual(Object.keys(alibaba.connection.endpoints));
		expect(credential.properties.find((p) => p.name === 'customUrl')).toMatchObject({
			default: '',
			placeholder: expect.stringMatching(/^http/),
			displayOptions: { show: { region: ['custom'] } },
		});
		for (const name of ['accessKeySecret', 'securityToken'])
			expect(credential.properties.find((p) => p.name === name)?.typeOptions).toEqual({ password: true });
		expect('test' in credential).toBe(false);
	});
});

describe('AlibabaCloudSmsApi authenticate', () => {
	const credential = new AlibabaCloudSmsApi();
	const data = { accessKeyId: 'LTAIexample', accessKeySecret: 'secret', securityToken: 'sts-token', region: 'cn-hangzhou' };
	const request: IHttpRequestOptions = {
		method: 'POST',
		url: 'http://127.0.0.1:4012/?PageIndex=1&PageSize=1',
		headers: { accept: 'application/json', 'x-acs-action': 'QuerySmsSignList', 'x-acs-version': '2017-05-25' },
	};

	it('signs the wire as sent (host with its port, no body) with a fresh nonce per request', async () => {
		const [a, b] = [await credential.authenticate(data, request), await credential.authenticate(data, request)];
		const ha = a.headers as Record<string, string>;
		const hb = b.headers as Record<string, string>;
		expect(ha['x-acs-signature-nonce']).toMatch(/^[0-9a-f]{64}$/);
		expect(ha['x-acs-signature-nonce']).not.toBe(hb['x-acs-signature-nonce']);
		expect(ha['x-acs-security-token']).toBe('sts-token');
		expect(a.body).toBeUndefined();
		expect(a.json).toBe(false);
		const again = acs3Headers(
			data,
			{ method: 'POST', url: request.url, headers: request.headers as Record<string, string> },
			Date.parse(ha['x-acs-date']),
			ha['x-acs-signature-nonce'],
		);
		expect(ha.authorization).toBe(again.authorization);
		expect(ha.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=LTAIexample,SignedHeaders=host;x-acs-action;/);
	});

	it('signs a form body as the string that goes out, and a baseURL is folded into the URL', async () => {
		const signed = await credential.authenticate(data, {
			method: 'POST',
			baseURL: 'http://127.0.0.1:4012/',
			url: '/?TemplateCode=SMS_1',
			headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-acs-action': 'SendBatchSms' },
			body: 'PhoneNumberJson=%5B%2213800000000%22%5D',
		});
		expect(signed.url).toBe('http://127.0.0.1:4012/?TemplateCode=SMS_1');
		expect(signed.body).toBe('PhoneNumberJson=%5B%2213800000000%22%5D');
		expect((signed.headers as Record<string, string>).authorization).toContain('content-type;host;x-acs-action');
	});
});

describe('n8n Alibaba Cloud SMS node, against the sandbox', () => {
	const env = useAlibaba();
	const node = new AlibabaSms();
	const sentMessages = async () => ((await env.control('/_sandbox/messages')) as unknown as { alibaba: SentMessage[] }).alibaba;
	const run = (parameters: FakeOptions['parameters'], extra: Partial<FakeOptions> = {}) => {
		const ctx = withAlibaba(fakeContext({ parameters, credentials: { alibabaCloudSmsApi: env.credential }, ...extra }));
		return { ctx, result: node.execute!.call(ctx.execute) as Promise<Item[][]> };
	};

	it('sends to three numbers (mainland 11 digits, +86, international): one item per recipient, billed segments', async () => {
		const [items] = await run(send('13800000000, +8613900000000, +33601020304')).result;
		expect(items.map((i) => [i.json.to, i.json.status, i.pairedItem])).toEqual([
			['+8613800000000', 'queued', { item: 0 }],
			['+8613900000000', 'queued', { item: 0 }],
			['+33601020304', 'queued', { item: 0 }],
		]);
		expect(items[0].json).toMatchObject({ provider: 'alibaba', Code: 'OK', BizId: expect.any(String), segments: 1 });
		expect((await sentMessages()).map((m) => [m.action, m.phoneNumbers])).toEqual([
			['SendSms', ['13800000000', '13900000000', '33601020304']],
		]);
	});

	it('runs once per input item, each result paired to its item; JSON parameters work like pairs', async () => {
		const numbers = ['13800000001', '13800000002'];
		const [items] = await run((i) => ({ ...send(numbers[i]), paramsMode: 'json', templateParamsJson: { order: `B-${i}` } }), {
			items: [{}, {}],
		}).result;
		expect(items.map((i) => [i.json.to, i.pairedItem])).toEqual([
			['+8613800000001', { item: 0 }],
			['+8613800000002', { item: 1 }],
		]);
		expect((await sentMessages()).map((m) => m.templateParams)).toEqual([[{ order: 'B-0' }], [{ order: 'B-1' }]]);
	});

	it('continue on fail: the failing item gets an error item paired to it, the others go on', async () => {
		const numbers = ['13800000001', '+33 12', '13800000003'];
		const [items] = await run((i) => send(numbers[i]), { items: [{}, {}, {}], continueOnFail: true }).result;
		expect(items.map((i) => [(i.pairedItem as { item: number }).item, i.json.status ?? i.json.code])).toEqual([
			[0, 'queued'],
			[1, 'INVALID_PHONE_NUMBER'],
			[2, 'queued'],
		]);
		expect(items[1].json.error).toContain('Phone Numbers');
	});

	it('a missing template parameter is refused before anything is sent (INVALID_INPUT)', async () => {
		await expect(run(send('13800000000', {}, VERIFICATION)).result).rejects.toThrow(/\$\{code\}/);
		expect(await sentMessages()).toEqual([]);
	});

	it('send batch: one recipient per item, one request, result i paired to item i with its own parameters', async () => {
		const rows = [
			['13800000001', 'C-1'],
			['+8613800000002', 'C-2'],
			['13800000003', 'C-3'],
		];
		const [items] = await run((i) => batch(rows[i][0], rows[i][1]), { items: rows.map(() => ({})) }).result;
		expect(items.map((i) => [i.json.to, i.pairedItem])).toEqual([
			['+8613800000001', { item: 0 }],
			['+8613800000002', { item: 1 }],
			['+8613800000003', { item: 2 }],
		]);
		const messages = await sentMessages();
		expect(messages.map((m) => [m.action, m.phoneNumbers, m.templateParams])).toEqual([
			['SendBatchSms', ['13800000001', '13800000002', '13800000003'], [{ order: 'C-1' }, { order: 'C-2' }, { order: 'C-3' }]],
		]);
		expect(new Set(items.map((i) => i.json.BizId))).toEqual(new Set([messages[0].bizId]));
	});

	it('send batch: 150 items go in requests of 100 and 50, every result paired to its item', async () => {
		const number = (i: number) => `138${String(10000000 + i)}`;
		const [items] = await run((i) => batch(number(i), `D-${i}`), { items: Array.from({ length: 150 }, () => ({})) }).result;
		expect((await sentMessages()).map((m) => m.phoneNumbers.length)).toEqual([100, 50]);
		expect(items).toHaveLength(150);
		items.forEach((item, i) => expect([item.json.to, item.pairedItem]).toEqual([`+86${number(i)}`, { item: i }]));
	});

	it('send batch: an item whose number is invalid fails alone (continue on fail: its error item); the others are sent, each paired', async () => {
		const numbers = ['13800000001', 'not a number', '13800000003'];
		const [items] = await run((i) => batch(numbers[i], 'E'), { items: [{}, {}, {}], continueOnFail: true }).result;
		expect(items.map((i) => [i.pairedItem, i.json.status ?? i.json.code])).toEqual([
			[{ item: 0 }, 'queued'],
			[{ item: 1 }, 'INVALID_PHONE_NUMBER'],
			[{ item: 2 }, 'queued'],
		]);
		const sent = (await sentMessages()) as Array<{ phoneNumbers: string[] }>;
		// Items 1 and 3 still share one SendBatchSms.
		expect(sent.map((m) => m.phoneNumbers)).toEqual([['13800000001', '13800000003']]);
	});

	it('send batch, On Invalid Number → Fail the Item: each item goes alone, the bad one fails before any request', async () => {
		const numbers = ['13800000001', 'not a number', '13800000003'];
		const [items] = await run((i) => ({ ...batch(numbers[i], 'E'), options: { onInvalidNumber: 'fail' } }), {
			items: [{}, {}, {}],
			continueOnFail: true,
		}).result;
		expect(items.map((i) => [i.pairedItem, i.json.status ?? i.json.code])).toEqual([
			[{ item: 0 }, 'queued'],
			[{ item: 1 }, 'INVALID_PHONE_NUMBER'],
			[{ item: 2 }, 'queued'],
		]);
		const sent = (await sentMessages()) as Array<{ phoneNumbers: string[] }>;
		expect(sent.map((m) => m.phoneNumbers)).toEqual([['13800000001'], ['13800000003']]);
	});

	it('send batch without continue on fail stops the node with the error', async () => {
		const { result } = run((i) => batch(i === 1 ? '13800000002' : '13800000001', 'F'), { items: [{}, {}] });
		await expect(result).resolves.toHaveLength(1);
		const failing = run(() => ({ ...batch('13800000001', 'F'), signName: rl('name', 'SMSKitReview') }), {
			items: [{}, {}],
		});
		const error = await failing.result.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toContain('isv.SMS_SIGNATURE_ILLEGAL');
	});

	it('send international: free text to each number, one request each', async () => {
		const [items] = await run({
			resource: 'message',
			operation: 'sendInternational',
			to: '+6591234567, +33601020304',
			message: 'Hello from SMS Kit',
			options: { type: 'NOTIFY' },
		}).result;
		expect(items.map((i) => [i.json.to, i.json.status, i.json.encoding])).toEqual([
			['+6591234567', 'queued', 'GSM-7'],
			['+33601020304', 'queued', 'GSM-7'],
		]);
		expect((await sentMessages()).map((m) => m.action)).toEqual(['SendMessageToGlobe', 'SendMessageToGlobe']);
	});

	it('delivery status after a receipt: the normalised status beside SendStatus and ErrCode', async () => {
		const [[sent]] = await run(send('13800000000')).result;
		await env.control('/_sandbox/alibaba/receipts', 'POST', { bizId: sent.json.BizId, success: false, errCode: 'MK:0001' });
		const [items] = await run({
			resource: 'deliveryStatus',
			operation: 'getMany',
			phoneNumber: '13800000000',
			sendDate: new Date().toISOString(),
			bizId: String(sent.json.BizId),
			returnAll: false,
			limit: 50,
		}).result;
		expect(items.map((i) => [i.json.to, i.json.status, i.json.SendStatus, i.json.ErrCode])).toEqual([
			['+8613800000000', 'failed', 2, 'MK:0001'],
		]);
	});

	it('statistics, templates and signs: get, get many with Limit or Return All (by page number), create, delete', async () => {
		const today = new Date().toISOString();
		const [stats] = await run({ resource: 'statistics', operation: 'get', startDate: today, endDate: today, returnAll: true })
			.result;
		expect(Array.isArray(stats)).toBe(true);
		const one = run({ resource: 'template', operation: 'getMany', returnAll: false, limit: 1 });
		expect((await one.result)[0]).toHaveLength(1);
		expect(one.ctx.sent[0].url).toMatch(/PageIndex=1&PageSize=50/);
		const [all] = await run({ resource: 'template', operation: 'getMany', returnAll: true }).result;
		expect(all.map((t) => t.json.TemplateCode)).toEqual(expect.arrayContaining([VERIFICATION, NOTIFICATION]));
		const [[created]] = await run({
			resource: 'template',
			operation: 'create',
			templateName: 'Order',
			templateContent: 'Order ${order} is ready.',
			templateType: 1,
			templateRule: '{"order":"others"}',
			relatedSignName: 'SMSKit',
			remark: 'unit',
			templateOptions: {},
		}).result;
		expect(created.json.TemplateCode).toEqual(expect.any(String));
		const code = rl('list', String(created.json.TemplateCode));
		const review = (status: string) =>
			env.control(`/_sandbox/alibaba/templates/${String(created.json.TemplateCode)}/review`, 'POST', { status, reason: 'unit' });
		await review('rejected');
		await run({
			resource: 'template',
			operation: 'update',
			templateCode: code,
			templateName: 'Order',
			templateContent: 'Your order ${order} is ready.',
			templateType: 1,
			templateRule: '{"order":"others"}',
			relatedSignName: 'SMSKit',
			remark: 'unit, again',
			templateOptions: {},
		}).result;
		const [[got]] = await run({ resource: 'template', operation: 'get', templateCode: code }).result;
		expect(got.json).toMatchObject({
			TemplateCode: created.json.TemplateCode,
			status: 'pending',
			TemplateContent: 'Your order ${order} is ready.',
		});
		await review('approved');
		const [[deleted]] = await run({ resource: 'template', operation: 'delete', templateCode: code }).result;
		expect(deleted.json).toMatchObject({ deleted: true });
		const [signs] = await run({ resource: 'sign', operation: 'getMany', returnAll: false, limit: 50 }).result;
		expect(signs.map((s) => [s.json.SignName, s.json.status])).toEqual(expect.arrayContaining([['SMSKit', 'approved']]));
		const [[sign]] = await run({ resource: 'sign', operation: 'get', signName: rl('name', 'SMSKit') }).result;
		expect(sign.json).toMatchObject({ SignName: 'SMSKit', status: 'approved' });
	});

	it('the pickers list templates and signs from the account, with their review status', async () => {
		const ctx = withAlibaba(fakeContext({ parameters: {}, credentials: { alibabaCloudSmsApi: env.credential } }));
		const load = ctx.execute as never;
		const templates = await searchTemplates.call(load);
		expect(templates.results).toEqual(
			expect.arrayContaining([
				{ name: expect.stringContaining(NOTIFICATION), value: NOTIFICATION },
				{ name: expect.stringMatching(/SMS_900000003 \(pending\)$/), value: 'SMS_900000003' },
			]),
		);
		expect((await searchSigns.call(load, 'review')).results).toEqual([{ name: 'SMSKitReview (pending)', value: 'SMSKitReview' }]);
	});

	it("a wrong secret: Alibaba's code and hint as an API error, without the secret", async () => {
		const ctx = withAlibaba(
			fakeContext({
				parameters: send('13800000000'),
				credentials: { alibabaCloudSmsApi: { ...env.credential, accessKeySecret: WRONG_SECRET } },
			}),
		);
		const error = (await node.execute!.call(ctx.execute).catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('SignatureDoesNotMatch');
		expect(error.description).toMatch(/AccessKey secret in the credential/);
		expect(JSON.stringify(error)).not.toContain(WRONG_SECRET);
	});

	it('no balance is isv.AMOUNT_NOT_ENOUGH; a second verification code within a minute is isv.BUSINESS_LIMIT_CONTROL, not retried', async () => {
		await env.control('/_sandbox/alibaba/balance', 'PUT', { amount: 0 });
		const broke = (await run(send('13800000000')).result.catch((e: unknown) => e)) as NodeApiError;
		expect(broke.message).toContain('isv.AMOUNT_NOT_ENOUGH');
		expect(broke.description).toMatch(/Top up/);
		await env.control('/_sandbox/alibaba/balance', 'PUT', { amount: 1000 });
		const code = send('13800000009', { code: '1234' }, VERIFICATION);
		const [[first]] = await run(code).result;
		expect(first.json.status).toBe('queued');
		const [[limited]] = await run(code, { continueOnFail: true }).result;
		expect(limited.json).toMatchObject({ code: 'isv.BUSINESS_LIMIT_CONTROL', hint: expect.stringMatching(/wait/) });
		expect((await sentMessages()).filter((m) => m.phoneNumbers.includes('13800000009'))).toHaveLength(1);
	});

	it('sign create sends the qualification; the new sign waits for review', async () => {
		const [[created]] = await run({
			resource: 'sign',
			operation: 'create',
			newSignName: 'SMSKitShop',
			signSource: 0,
			signType: 1,
			qualificationId: 900001,
			remark: 'unit',
			signOptions: {},
		}).result;
		expect(created.json.SignName).toBe('SMSKitShop');
		const [[got]] = await run({ resource: 'sign', operation: 'get', signName: rl('list', 'SMSKitShop') }).result;
		expect(got.json.status).toBe('pending');
	});

	it('with On Invalid Number → Fail the Item, an invalid number fails before any request, naming the field', async () => {
		const { ctx, result } = run({ ...send('13800000000, 12'), options: { onInvalidNumber: 'fail' } });
		const error = await result.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toContain('Phone Numbers');
		expect(ctx.sent).toEqual([]);
	});

	it('the credential test: OK, then SignatureDoesNotMatch / InvalidAccessKeyId.NotFound with what to do', async () => {
		const test = node.methods!.credentialTest!.alibabaCloudSmsApiTest;
		const check = (data: ICredentialDataDecryptedObject) =>
			test.call({} as never, { id: '1', name: 'c', type: 'alibabaCloudSmsApi', data });
		expect(await check(env.credential)).toEqual({ status: 'OK', message: 'Connection successful!' });
		const wrong = await check({ ...env.credential, accessKeySecret: WRONG_SECRET });
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toContain('SignatureDoesNotMatch');
		expect(wrong.message).toContain('Check the AccessKey secret in the credential');
		expect(wrong.message).not.toContain(WRONG_SECRET);
		const unknown = await check({ ...env.credential, accessKeyId: 'LTAI5tUnknownKey000000' });
		expect(unknown.message).toContain('InvalidAccessKeyId.NotFound');
		expect(unknown.message).toContain('RAM console');
	});
});

describe('n8n Alibaba Cloud SMS Trigger (HTTP batch push)', () => {
	const trigger = new AlibabaSmsTrigger();
	const report = (phone: string, bizId: string) => ({
		phone_number: phone,
		send_time: '2026-01-01 10:00:00',
		report_time: '2026-01-01 10:00:05',
		success: true,
		err_code: 'DELIVERED',
		err_msg: '用户接收成功',
		sms_size: '1',
		biz_id: bizId,
		out_id: 'order-1',
	});
	const push = (event: string, body: unknown, staticData: IDataObject) => {
		const ctx = webhookContext({
			parameters: { event },
			credentials: { alibabaCloudSmsApi: { callbackToken: 'ali-token' } },
			request: { method: 'POST', body, query: { token: 'ali-token' } },
			staticData,
			mode: 'webhook',
		});
		return { ctx, out: trigger.webhook!.call(ctx.webhook) };
	};

	it('a pushed SmsReport array of two gives two items, answered as Alibaba expects; the same push again gives none', async () => {
		const staticData = {};
		const body = [report('13800000001', '900001^0'), report('13800000002', '900001^0')];
		const first = push('delivery', body, staticData);
		const items = (await first.out).workflowData?.[0].map((i) => i.json);
		expect(first.ctx.response).toMatchObject({ status: 200, body: JSON.stringify({ code: 0, msg: '接收成功' }) });
		expect(items).toEqual([
			expect.objectContaining({ provider: 'alibaba', event: 'delivery', status: 'delivered', to: '+8613800000001' }),
			expect.objectContaining({ provider: 'alibaba', event: 'delivery', status: 'delivered', to: '+8613800000002' }),
		]);
		expect(items?.[0]).toMatchObject({ messageId: '900001^0', account: '', raw: expect.objectContaining({ out_id: 'order-1' }) });
		const again = push('delivery', JSON.stringify(body), staticData);
		expect((await again.out).workflowData).toBeUndefined();
		expect(JSON.parse(String(again.ctx.response.body))).toEqual({ code: 0, msg: '接收成功' });
	});

	it('incoming SMS and template reviews arrive in the same normalised shapes as the other providers', async () => {
		const up = push(
			'incoming',
			[{ phone_number: '13800000000', content: 'TD', send_time: '2026-01-01 10:00:00', dest_code: '01', sequence_id: 7 }],
			{},
		);
		expect((await up.out).workflowData?.[0][0].json).toMatchObject({
			provider: 'alibaba',
			event: 'incoming',
			id: '7',
			from: '+8613800000000',
			text: 'TD',
			receivedAt: '2026-01-01T02:00:00.000Z',
		});
		const review = push(
			'review',
			{ template_code: 'SMS_1', template_name: 'Order', template_status: 'approved', reason: '', orderId: 42 },
			{},
		);
		expect((await review.out).workflowData?.[0][0].json).toMatchObject({
			event: 'review',
			kind: 'template',
			id: 'SMS_1',
			status: 'approved',
		});
	});

	it('a malformed body, or a push of another event, gets HTTP 400 and starts nothing', async () => {
		for (const [event, body] of [
			['delivery', { hello: 'world' }],
			['delivery', '[{"phone_number":'],
			['incoming', [report('13800000001', '1')]],
		] as const) {
			const bad = push(event, body, {});
			expect((await bad.out).workflowData).toBeUndefined();
			expect(bad.ctx.response.status).toBe(400);
		}
	});

	it('registers nothing (the URL is pasted in Alibaba’s console) and does not activate without a Callback Token', async () => {
		expect(trigger.description.credentials).toEqual([expect.objectContaining({ name: 'alibabaCloudSmsApi', required: true })]);
		const ctx = fakeContext({ parameters: { event: 'delivery' }, credentials: { alibabaCloudSmsApi: { callbackToken: 't' } } });
		expect(await trigger.webhookMethods!.default.checkExists.call(ctx.hook)).toBe(true);
		expect(await trigger.webhookMethods!.default.create.call(ctx.hook)).toBe(true);
		const none = fakeContext({ parameters: { event: 'delivery' }, credentials: { alibabaCloudSmsApi: { callbackToken: '' } } });
		await expect(trigger.webhookMethods!.default.checkExists.call(none.hook)).rejects.toThrow(/no Callback Token/);
	});
});
