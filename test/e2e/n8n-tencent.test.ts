import { startSandbox, type Sandbox } from '../../sandbox/server';
import { freePort, startCollector } from './helpers/collector';
import { N8n, itemsOf } from './helpers/n8n';
import { triggerToCollector, workflow } from './helpers/workflows';

interface TencentDefaults {
	secretId: string;
	secretKey: string;
	smsSdkAppId: string;
	signName: string;
	templateId: string;
}

interface SentRequest {
	action: string;
	phoneNumbers: string[];
	templateId: string;
}

/** The real n8n runs Tencent Cloud SMS workflows against the sandbox: actions through the CLI, the webhook trigger in the server. */
describe('n8n 2.x × Tencent Cloud SMS (sandbox)', () => {
	const n8n = new N8n('tencent');
	let sandbox: Sandbox;
	let collector: Awaited<ReturnType<typeof startCollector>>;
	let defaults: TencentDefaults;
	let webhookBase: string;
	const WRONG_KEY = 'wrongTencentSecretKey0000000000';
	// Tencent does not sign its callbacks: the URL pasted in its console carries the credential's token.
	const CALLBACK_TOKEN = 'e2eTencentCallbackToken0123456';
	const control = (path: string, init?: RequestInit) =>
		fetch(`http://127.0.0.1:${sandbox.port}${path}`, { ...init, headers: { 'Content-Type': 'application/json' } }).then((r) =>
			r.json(),
		);
	const sent = async () => ((await control('/_sandbox/messages')) as { tencent: SentRequest[] }).tencent;

	const node = (parameters: Record<string, unknown>, credential = 'tencentSandbox01', continueOnFail = false) => ({
		type: '@smskit/n8n-nodes-sms.tencentSms',
		parameters,
		credentials: { tencentCloudSmsApi: { id: credential, name: credential } },
		continueOnFail,
	});
	const send = (phoneNumbers: string, templateId: string) => ({
		resource: 'message',
		operation: 'send',
		phoneNumbers,
		templateId: { __rl: true, mode: 'id', value: templateId },
		templateParams: '1234, 5',
		signName: { __rl: true, mode: 'name', value: 'SMSKit' },
		smsSdkAppId: '',
		options: {},
	});
	const numbers = (n: number) => Array.from({ length: n }, (_, i) => `+336${String(10000000 + i)}`).join(',');

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		collector = await startCollector();
		n8n.install();
		defaults = ((await control('/_sandbox/credentials')) as { tencent: TencentDefaults }).tencent;
		const data = {
			endpoint: 'custom',
			customUrl: sandbox.urls.tencent,
			region: 'ap-guangzhou',
			secretId: defaults.secretId,
			secretKey: defaults.secretKey,
			smsSdkAppId: defaults.smsSdkAppId,
			callbackToken: CALLBACK_TOKEN,
		};
		await n8n.importCredentials([
			{ id: 'tencentSandbox01', name: 'tencentSandbox01', type: 'tencentCloudSmsApi', data },
			{ id: 'tencentWrongKey1', name: 'tencentWrongKey1', type: 'tencentCloudSmsApi', data: { ...data, secretKey: WRONG_KEY } },
		]);
		// Webhook and polling are two nodes; events are incoming | delivery for every provider.
		const trigger = (mode: string) => ({
			type: mode === 'polling' ? '@smskit/n8n-nodes-sms.tencentSmsPollingTrigger' : '@smskit/n8n-nodes-sms.tencentSmsTrigger',
			parameters: { event: 'incoming', smsSdkAppId: '' },
			credentials: { tencentCloudSmsApi: { id: 'tencentSandbox01', name: 'tencentSandbox01' } },
		});
		await n8n.importWorkflows([
			workflow('wfTcSendThree001', node(send('+33601020304, +8613800000000, +14155552671', defaults.templateId))),
			workflow('wfTcPullStatus01', node({ resource: 'deliveryStatus', operation: 'pull', smsSdkAppId: '', limit: 100 })),
			workflow(
				'wfTcAddTemplate1',
				node({
					resource: 'template',
					operation: 'add',
					name: 'Reminder',
					content: 'Your appointment is on {1}.',
					smsType: 2,
					international: false,
					remark: 'e2e',
				}),
			),
			workflow('wfTcBatch2010001', node(send(numbers(201), defaults.templateId))),
			workflow('wfTcWrongKey0001', node(send('+33601020304', defaults.templateId), 'tencentWrongKey1')),
			// One parameter, as template 100002 takes: a wrong count is refused before sending (core checks it).
			workflow('wfTcUnapproved01', node({ ...send('+33601020304', '100002'), templateParams: '1234' })),
			triggerToCollector('wfTcReplyHook001', { ...trigger('webhook'), webhookId: 'tencent-e2e' }, collector.url),
			triggerToCollector(
				'wfTcStatusPoll01',
				{ ...trigger('polling'), parameters: { event: 'delivery', smsSdkAppId: '' } },
				collector.url,
			),
		]);
		await n8n.publish('wfTcReplyHook001');
		await n8n.publish('wfTcStatusPoll01');
	});

	afterAll(async () => {
		await n8n.stop();
		await collector?.close();
		await sandbox?.close();
	});

	it('sends to three numbers (mainland China apart), then pulls their three delivery receipts', async () => {
		sandbox.reset();
		const result = await n8n.execute('wfTcSendThree001');
		expect(result.success).toBe(true);
		// Tencent refuses requests mixing mainland China and other numbers: the node sends them apart.
		expect((await sent()).map((r) => r.phoneNumbers)).toEqual([['+8613800000000'], ['+33601020304', '+14155552671']]);
		const items = itemsOf(result, 'SMS');
		// Results come in the order the numbers were given, whatever the requests.
		expect(items.map((i) => [i.json.to, i.json.status, i.pairedItem?.item])).toEqual([
			['+33601020304', 'queued', 0],
			['+8613800000000', 'queued', 0],
			['+14155552671', 'queued', 0],
		]);
		for (const { json } of items) {
			expect(json).toMatchObject({ provider: 'tencent', Code: 'Ok', encoding: expect.any(String), segments: expect.any(Number) });
			expect(json.SerialNo).toEqual(json.messageId);
		}

		const pulled = itemsOf(await n8n.execute('wfTcPullStatus01'), 'SMS');
		expect(pulled.map((i) => [i.json.messageId, i.json.status]).sort()).toEqual(
			items.map((i) => [i.json.messageId, 'delivered']).sort(),
		);
	});

	it('adds a template, which waits for review', async () => {
		const [item] = itemsOf(await n8n.execute('wfTcAddTemplate1'), 'SMS');
		expect(item.json.TemplateId).toBeDefined();
	});

	it('splits 201 numbers into two requests (200 + 1), one output item per number', async () => {
		sandbox.reset();
		const items = itemsOf(await n8n.execute('wfTcBatch2010001'), 'SMS');
		expect((await sent()).map((r) => r.phoneNumbers.length)).toEqual([200, 1]);
		expect(items).toHaveLength(201);
		expect(items.every((i) => i.json.status === 'queued')).toBe(true);
	});

	it("fails with Tencent's code on a wrong SecretKey, without the secret", async () => {
		sandbox.reset();
		const result = await n8n.execute('wfTcWrongKey0001');
		expect(result.success).toBe(false);
		expect(result.resultData.error?.message).toContain('AuthFailure.SignatureFailure');
		expect(result.output).not.toContain(WRONG_KEY);
		expect(await sent()).toHaveLength(0);
	});

	it('fails on an unapproved template with FailedOperation.TemplateIncorrectOrUnapproved and a hint', async () => {
		const result = await n8n.execute('wfTcUnapproved01');
		expect(result.success).toBe(false);
		expect(result.resultData.error?.message).toContain('FailedOperation.TemplateIncorrectOrUnapproved');
		expect(String(result.resultData.error?.description)).toMatch(/approved template/);
	});

	describe('triggers, in the running n8n server', () => {
		const statusItems = () => (collector.received as Array<Record<string, unknown>>).filter((i) => 'messageId' in i);
		let serialNos: unknown[];

		beforeAll(async () => {
			// Three receipts wait in Tencent's queue; the polling trigger takes them when n8n activates it.
			sandbox.reset();
			serialNos = itemsOf(await n8n.execute('wfTcSendThree001'), 'SMS').map((i) => i.json.messageId);
			webhookBase = await n8n.start(await freePort());
		});

		it('polling mode emits each delivery receipt once, in the same shape as the webhook', async () => {
			await collector.waitFor(3);
			await new Promise((r) => setTimeout(r, 2000));
			expect(
				statusItems()
					.map((i) => [i.messageId, i.status])
					.sort(),
			).toEqual(serialNos.map((id) => [id, 'delivered']).sort());
			expect(statusItems()[0]).toMatchObject({
				provider: 'tencent',
				event: 'delivery',
				to: expect.stringMatching(/^\+/),
				account: defaults.smsSdkAppId,
				raw: expect.objectContaining({ SerialNo: expect.any(String) }),
			});
			expect(statusItems()[0]).not.toHaveProperty('dedupeKey');
		});

		it('a reply pushed by the sandbox starts the workflow exactly once; a repeated push starts nothing', async () => {
			collector.received.length = 0;
			const url = `${webhookBase}/webhook/tencent-e2e/tencent-sms?token=${CALLBACK_TOKEN}`;
			await control('/_sandbox/tencent/callbacks', { method: 'PUT', body: JSON.stringify({ replyUrl: url }) });
			await control('/_sandbox/tencent/replies', {
				method: 'POST',
				body: JSON.stringify({ phoneNumber: '+8613800000000', text: 'STOP', sign: 'SMSKit' }),
			});
			const [item] = (await collector.waitFor(1)) as Array<Record<string, unknown>>;
			expect(item).toMatchObject({
				provider: 'tencent',
				event: 'incoming',
				from: '+8613800000000',
				text: 'STOP',
				raw: expect.objectContaining({ sign: 'SMSKit' }),
			});

			const pushes = (await control('/_sandbox/tencent/callbacks?wait=1')) as {
				attempts: Array<{ kind: string; payload: unknown; state: string; response: unknown }>;
			};
			const pushed = pushes.attempts.at(-1)!;
			expect(pushed).toMatchObject({ kind: 'reply', response: { result: 0, errmsg: 'OK' }, state: 'accepted' });
			const again = await fetch(url, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(pushed.payload),
			});
			expect(await again.json()).toEqual({ result: 0, errmsg: 'OK' });
			await new Promise((r) => setTimeout(r, 3000));
			expect(collector.received).toHaveLength(1);
		});

		it('a malformed push gets HTTP 400 and starts nothing', async () => {
			collector.received.length = 0;
			const res = await fetch(`${webhookBase}/webhook/tencent-e2e/tencent-sms?token=${CALLBACK_TOKEN}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: '{"hello":"world"}',
			});
			expect(res.status).toBe(400);
			await new Promise((r) => setTimeout(r, 2000));
			expect(collector.received).toHaveLength(0);
		});
	});
});
