import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { freePort, startCollector } from './helpers/collector';
import { N8n, itemsOf, type N8nWorkflow } from './helpers/n8n';
import { branches, triggerToCollector, type BranchSpec } from './helpers/workflows';

interface AlibabaDefaults {
	accessKeyId: string;
	accessKeySecret: string;
	signName: string;
	templateCode: string;
}

interface SentMessage {
	action: string;
	phoneNumbers: string[];
	templateCode: string;
	templateParams: Array<Record<string, string>>;
	outId: string | null;
	bizId: string | null;
}

const NOTIFICATION = 'SMS_900000002'; // `Your order ${order} has shipped.`
const VERIFICATION = 'SMS_900000001'; // `Your SMS Kit code is ${code}.`
const WRONG_SECRET = 'wrongAlibabaAccessKeySecret000';
const CALLBACK_TOKEN = 'e2eAlibabaCallbackToken0123456';
const THREE = ['13800000001', '+8613800000002', '+33601020304'];
const CODE_NUMBER = '13800009999';

/**
 * The real n8n runs Alibaba Cloud SMS workflows against the sandbox: each case is a branch of a few
 * workflows (one CLI execution each, to stay quick), then the webhook trigger and the example workflow in
 * the running server.
 */
describe('n8n 2.x × Alibaba Cloud SMS (sandbox)', () => {
	const n8n = new N8n('alibaba');
	let sandbox: Sandbox;
	let collector: Awaited<ReturnType<typeof startCollector>>;
	let webhookBase: string;
	const control = (p: string, init?: RequestInit) =>
		fetch(`${sandbox.origin}${p}`, { ...init, headers: { 'Content-Type': 'application/json' } }).then(
			(r) => r.json() as Promise<Record<string, unknown>>,
		);
	const sent = async () => ((await control('/_sandbox/messages')) as unknown as { alibaba: SentMessage[] }).alibaba;
	const sentTo = async (number: string) => (await sent()).filter((m) => m.phoneNumbers.includes(number));

	const node = (parameters: Record<string, unknown>, extra: Partial<BranchSpec> = {}): BranchSpec => ({
		type: '@smskit/n8n-nodes-sms.alibabaSms',
		parameters,
		credentials: { alibabaCloudSmsApi: { id: 'alibabaSandbox01', name: 'alibabaSandbox01' } },
		...extra,
	});
	const rl = (mode: string, value: string) => ({ __rl: true, mode, value });
	const send = (phoneNumbers: string, params: Record<string, string> = { order: 'A-1' }, template = NOTIFICATION) => ({
		resource: 'message',
		operation: 'send',
		phoneNumbers,
		signName: rl('name', 'SMSKit'),
		templateCode: rl('code', template),
		paramsMode: 'pairs',
		templateParams: { parameter: Object.entries(params).map(([name, value]) => ({ name, value })) },
		options: {},
	});
	const numbers = (n: number) => Array.from({ length: n }, (_, i) => `139${String(10000000 + i)}`);
	const failing = { continueOnFail: true };

	let actions: Awaited<ReturnType<N8n['execute']>>;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		collector = await startCollector();
		n8n.install();
		const defaults = ((await control('/_sandbox/credentials')) as unknown as { alibaba: AlibabaDefaults }).alibaba;
		const data = {
			region: 'custom',
			customUrl: (sandbox.urls as Record<string, string>).alibaba,
			accessKeyId: defaults.accessKeyId,
			accessKeySecret: defaults.accessKeySecret,
			// Alibaba does not sign its pushes: the URLs pasted in its console carry the credential's token.
			callbackToken: CALLBACK_TOKEN,
		};
		await n8n.importCredentials([
			{ id: 'alibabaSandbox01', name: 'alibabaSandbox01', type: 'alibabaCloudSmsApi', data },
			{
				id: 'alibabaWrongKey1',
				name: 'alibabaWrongKey1',
				type: 'alibabaCloudSmsApi',
				data: { ...data, accessKeySecret: WRONG_SECRET },
			},
		]);
		const trigger = (event: string, webhookId: string) => ({
			type: '@smskit/n8n-nodes-sms.alibabaSmsTrigger',
			parameters: { event },
			credentials: { alibabaCloudSmsApi: { id: 'alibabaSandbox01', name: 'alibabaSandbox01' } },
			webhookId,
		});
		// The example workflow as shipped, with its credential pointed at the sandbox.
		const example = JSON.parse(
			fs.readFileSync(path.join(__dirname, '../../docs/n8n-workflows/alibaba-order-sms.json'), 'utf8'),
		) as N8nWorkflow & { nodes: Array<{ credentials?: Record<string, { id: string; name: string }> }> };
		for (const n of example.nodes)
			if (n.credentials) n.credentials.alibabaCloudSmsApi = { id: 'alibabaSandbox01', name: 'alibabaSandbox01' };
		await n8n.importWorkflows([
			branches('wfAliActions0001', {
				'Send three': node(send(THREE.join(', '))),
				'Send 1001': node(send(numbers(1001).join(','))),
				Batch: node(
					{
						resource: 'message',
						operation: 'sendBatch',
						phoneNumber: '={{ $json.phone }}',
						signName: rl('name', 'SMSKit'),
						templateCode: rl('code', NOTIFICATION),
						paramsMode: 'pairs',
						templateParams: { parameter: [{ name: 'order', value: '={{ $json.order }}' }] },
						options: {},
					},
					{
						inputItems: [
							{ phone: '13700000001', order: 'B-1' },
							{ phone: '+8613700000002', order: 'B-2' },
							{ phone: '13700000003', order: 'B-3' },
						],
					},
				),
				'Create template': node({
					resource: 'template',
					operation: 'create',
					templateName: 'Pickup',
					templateContent: 'Your order ${order} is ready for pickup.',
					templateType: 1,
					templateRule: '{"order":"others"}',
					relatedSignName: 'SMSKit',
					remark: 'e2e',
					templateOptions: {},
				}),
				'Missing parameter': node(send('13800000007', {}, VERIFICATION), failing),
				'Invalid number': node(send('13800000008, +86 123'), failing),
				'Invalid number, fail': node({ ...send('13800000009, +86 123'), options: { onInvalidNumber: 'fail' } }, failing),
				'Code 1': node(send(CODE_NUMBER, { code: '1234' }, VERIFICATION), failing),
				'Code 2': node(send(CODE_NUMBER, { code: '5678' }, VERIFICATION), failing),
			}),
			branches('wfAliStatus00001', {
				Status: node({
					resource: 'deliveryStatus',
					operation: 'getMany',
					phoneNumber: THREE[0],
					sendDate: '={{ $now.toISO() }}',
					bizId: '',
					returnAll: true,
				}),
			}),
			// Topmost first: the no-balance case continues, then the wrong secret fails the execution.
			branches('wfAliFailures001', {
				'No balance': node(send('13800000006'), failing),
				'Wrong secret': node(send('13800000005'), {
					credentials: { alibabaCloudSmsApi: { id: 'alibabaWrongKey1', name: 'alibabaWrongKey1' } },
				}),
			}),
			triggerToCollector('wfAliIncoming001', trigger('incoming', 'alibaba-e2e-up'), collector.url),
			triggerToCollector('wfAliDelivery001', trigger('delivery', 'alibaba-e2e-report'), collector.url),
			{ ...example, id: 'wfAliOrderSms001' },
		]);
		for (const id of ['wfAliIncoming001', 'wfAliDelivery001', 'wfAliOrderSms001']) await n8n.publish(id);
		actions = await n8n.execute('wfAliActions0001');
	});

	afterAll(async () => {
		await n8n.stop();
		await collector?.close();
		await sandbox?.close();
	});

	it('sends to three numbers in one SendSms: one item per recipient, paired to the input item', async () => {
		const items = itemsOf(actions, 'Send three');
		expect(items.map((i) => [i.json.to, i.json.status, i.pairedItem?.item])).toEqual([
			['+8613800000001', 'queued', 0],
			['+8613800000002', 'queued', 0],
			['+33601020304', 'queued', 0],
		]);
		for (const { json } of items)
			expect(json).toMatchObject({ provider: 'alibaba', Code: 'OK', BizId: expect.any(String), segments: 1 });
		expect((await sentTo('13800000001')).map((m) => m.phoneNumbers)).toEqual([['13800000001', '13800000002', '33601020304']]);
	});

	it('splits 1001 numbers into two requests (1000 + 1), one output item per number', async () => {
		const first = numbers(1)[0];
		const requests = (await sent()).filter((m) => m.phoneNumbers.includes(first) || m.phoneNumbers.includes(numbers(1001)[1000]));
		expect(requests.map((m) => m.phoneNumbers.length)).toEqual([1000, 1]);
		const items = itemsOf(actions, 'Send 1001');
		expect(items).toHaveLength(1001);
		expect(items.every((i) => i.json.status === 'queued')).toBe(true);
	});

	it('batch send: three items, one SendBatchSms with per-number parameters, result i paired to item i', async () => {
		const items = itemsOf(actions, 'Batch');
		expect(items.map((i) => [i.json.to, i.pairedItem?.item])).toEqual([
			['+8613700000001', 0],
			['+8613700000002', 1],
			['+8613700000003', 2],
		]);
		expect((await sentTo('13700000001')).map((m) => [m.action, m.phoneNumbers, m.templateParams])).toEqual([
			['SendBatchSms', ['13700000001', '13700000002', '13700000003'], [{ order: 'B-1' }, { order: 'B-2' }, { order: 'B-3' }]],
		]);
	});

	it('creates a template, which waits for review', () => {
		const [item] = itemsOf(actions, 'Create template');
		expect(item.json.TemplateCode).toEqual(expect.stringMatching(/^SMS_/));
	});

	it('a missing template parameter is refused before sending (INVALID_INPUT)', async () => {
		const [item] = itemsOf(actions, 'Missing parameter');
		expect(item.json).toMatchObject({ code: 'INVALID_INPUT', error: expect.stringContaining('${code}') });
		expect(await sentTo('13800000007')).toEqual([]);
	});

	it('an invalid number in a list is its own rejected item; the valid one is sent', async () => {
		const items = itemsOf(actions, 'Invalid number');
		expect(items.map((i) => [i.json.to, i.json.status, (i.json.error as { code?: string } | null)?.code ?? null])).toEqual([
			['+8613800000008', 'queued', null],
			['+86 123', 'rejected', 'INVALID_PHONE_NUMBER'],
		]);
		expect(String((items[1].json.error as { message: string }).message)).toContain('Phone Numbers, 2nd value');
		expect(await sentTo('13800000008')).toHaveLength(1);
	});

	it('with On Invalid Number → Fail the Item, an invalid number fails the item before any request, naming the field', async () => {
		const [item] = itemsOf(actions, 'Invalid number, fail');
		expect(item.json).toMatchObject({ code: 'INVALID_PHONE_NUMBER', error: expect.stringContaining('Phone Numbers') });
		expect(await sentTo('13800000009')).toEqual([]);
	});

	it('flow control: a second verification code to the same number within a minute is isv.BUSINESS_LIMIT_CONTROL', async () => {
		const [first] = itemsOf(actions, 'Code 1');
		const [second] = itemsOf(actions, 'Code 2');
		expect(first.json.status).toBe('queued');
		expect(second.json).toMatchObject({ code: 'isv.BUSINESS_LIMIT_CONTROL', hint: expect.stringMatching(/wait/i) });
		expect(await sentTo(CODE_NUMBER)).toHaveLength(1);
	});

	it('delivery status after a receipt: normalised status beside SendStatus and ErrCode', async () => {
		const [sentItem] = itemsOf(actions, 'Send three');
		await control('/_sandbox/alibaba/receipts', {
			method: 'POST',
			body: JSON.stringify({ bizId: sentItem.json.BizId, phoneNumber: '13800000001' }),
		});
		const items = itemsOf(await n8n.execute('wfAliStatus00001'), 'Status');
		expect(items.map((i) => [i.json.to, i.json.status, i.json.SendStatus, i.json.ErrCode])).toEqual([
			['+8613800000001', 'delivered', 3, 'DELIVERED'],
		]);
	});

	it('no balance is isv.AMOUNT_NOT_ENOUGH; a wrong secret fails the execution with SignatureDoesNotMatch, secret-free', async () => {
		await control('/_sandbox/alibaba/balance', { method: 'PUT', body: JSON.stringify({ amount: 0 }) });
		const result = await n8n.execute('wfAliFailures001');
		await control('/_sandbox/alibaba/balance', { method: 'PUT', body: JSON.stringify({ amount: 100000 }) });
		const [broke] = itemsOf(result, 'No balance');
		expect(broke.json).toMatchObject({ code: 'isv.AMOUNT_NOT_ENOUGH', hint: expect.stringMatching(/Top up/) });
		expect(result.success).toBe(false);
		expect(result.resultData.error?.message).toContain('SignatureDoesNotMatch');
		expect(String(result.resultData.error?.description)).toMatch(/AccessKey secret/);
		expect(result.output).not.toContain(WRONG_SECRET);
		expect(await sentTo('13800000005')).toEqual([]);
	});

	describe('trigger and the example workflow, in the running n8n server', () => {
		beforeAll(async () => {
			webhookBase = await n8n.start(await freePort());
			await control('/_sandbox/alibaba/callbacks', {
				method: 'PUT',
				body: JSON.stringify({
					smsUpUrl: `${webhookBase}/webhook/alibaba-e2e-up/alibaba-sms?token=${CALLBACK_TOKEN}`,
					smsReportUrl: `${webhookBase}/webhook/alibaba-e2e-report/alibaba-sms?token=${CALLBACK_TOKEN}`,
				}),
			});
		});

		type Attempt = { kind: string; payload: unknown; state: string; response: unknown; url: string };
		const lastPush = async (kind: string) =>
			((await control('/_sandbox/alibaba/callbacks?wait=1')) as unknown as { attempts: Attempt[] }).attempts
				.filter((a) => a.kind === kind)
				.at(-1)!;

		it('an incoming SMS pushed by the sandbox starts the workflow exactly once; a repeated push starts nothing', async () => {
			collector.received.length = 0;
			await control('/_sandbox/alibaba/incoming', {
				method: 'POST',
				body: JSON.stringify({ phoneNumber: '13800000001', content: 'TD' }),
			});
			const [item] = (await collector.waitFor(1)) as Array<Record<string, unknown>>;
			expect(item).toMatchObject({ provider: 'alibaba', event: 'incoming', from: '+8613800000001', text: 'TD' });
			const push = await lastPush('SmsUp');
			expect(push).toMatchObject({ response: { code: 0, msg: '接收成功' } });
			const again = await fetch(push.url, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(push.payload),
			});
			expect(await again.json()).toEqual({ code: 0, msg: '接收成功' });
			await new Promise((r) => setTimeout(r, 1500));
			expect(collector.received).toHaveLength(1);
		});

		it('a delivery report pushed for a sent message starts the workflow exactly once', async () => {
			collector.received.length = 0;
			const [sentItem] = itemsOf(actions, 'Send three');
			await control('/_sandbox/alibaba/receipts', {
				method: 'POST',
				body: JSON.stringify({ bizId: sentItem.json.BizId, phoneNumber: '13800000002' }),
			});
			const [item] = (await collector.waitFor(1)) as Array<Record<string, unknown>>;
			expect(item).toMatchObject({
				provider: 'alibaba',
				event: 'delivery',
				status: 'delivered',
				to: '+8613800000002',
				messageId: sentItem.json.BizId,
				raw: expect.objectContaining({ err_code: 'DELIVERED' }),
			});
			expect(await lastPush('SmsReport')).toMatchObject({ response: { code: 0, msg: '接收成功' } });
			await new Promise((r) => setTimeout(r, 1500));
			expect(collector.received).toHaveLength(1);
		});

		it('a malformed push gets HTTP 400 and starts nothing', async () => {
			collector.received.length = 0;
			const res = await fetch(`${webhookBase}/webhook/alibaba-e2e-report/alibaba-sms?token=${CALLBACK_TOKEN}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: '{"hello":"world"}',
			});
			expect(res.status).toBe(400);
			await new Promise((r) => setTimeout(r, 1000));
			expect(collector.received).toHaveLength(0);
		});

		it('the example workflow: a new order sends an SMS with the order number as the template parameter', async () => {
			const res = await fetch(`${webhookBase}/webhook/new-order`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ orderId: 'ORD-1024', phone: '13600000001' }),
			});
			expect(res.status).toBe(200);
			let requests: SentMessage[] = [];
			for (let i = 0; i < 50 && !requests.length; i++) {
				requests = await sentTo('13600000001');
				if (!requests.length) await new Promise((r) => setTimeout(r, 200));
			}
			expect(requests.map((m) => [m.action, m.templateCode, m.templateParams, m.outId])).toEqual([
				['SendSms', NOTIFICATION, [{ order: 'ORD-1024' }], 'ORD-1024'],
			]);
		});
	});
});
