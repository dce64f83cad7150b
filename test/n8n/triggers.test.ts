import { runOperation } from '../../core/operation';
import { provider as ovh, updateService } from '../../core/providers/ovh';
import { withToken } from '../../core/guard';
import type { Transport } from '../../core/http';
import { OvhSms } from '../../nodes/OvhSms/OvhSms.node';
import { OvhSmsPollingTrigger } from '../../nodes/OvhSms/OvhSmsPollingTrigger.node';
import { OvhSmsTrigger } from '../../nodes/OvhSms/OvhSmsTrigger.node';
import { TencentSms } from '../../nodes/TencentSms/TencentSms.node';
import { TencentSmsPollingTrigger } from '../../nodes/TencentSms/TencentSmsPollingTrigger.node';
import { TencentSmsTrigger } from '../../nodes/TencentSms/TencentSmsTrigger.node';
import { fakeContext, type FakeOptions } from './fake';
import { useSandbox } from './helpers';
import { webhookContext } from './webhook-context';

const SERVICE = { __rl: true, mode: 'name', value: 'sms-sandbox-1' };
const HOOK_URL = 'https://n8n.example/webhook/abc/ovh-sms';

describe('n8n OVHcloud triggers, against the sandbox', () => {
	const env = useSandbox();

	/** The account settings as OVHcloud has them, read and written with the module's own session. */
	const transport: Transport = async (wire) => {
		const res = await fetch(wire.url, { method: wire.method, headers: wire.headers, body: wire.body });
		const text = await res.text();
		return { status: res.status, headers: {}, body: text ? JSON.parse(text) : null };
	};
	let session: ReturnType<typeof ovh.connection.session>;
	const settings = async () => (await session({ method: 'GET', path: '/sms/sms-sandbox-1' })).body as Record<string, unknown>;
	const update = (input: object) =>
		runOperation(
			updateService,
			{ service: 'sms-sandbox-1', ...input },
			{ send: session, sleep: async () => {}, toError: ovh.connection.toError },
		);

	beforeEach(() => {
		session = ovh.connection.session(ovh.connection.credentials(env.ovhApi), transport, Date.now);
	});

	const hook = (event: string, staticData = {}) =>
		fakeContext({
			parameters: { event, service: SERVICE },
			credentials: { ovhApi: env.ovhApi },
			webhookUrl: HOOK_URL,
			staticData,
		});

	it('webhook: create points the delivery callback at n8n with a token of its own, delete puts the previous one back', async () => {
		await update({ callBack: 'https://previous.example/dlr' });
		const trigger = new OvhSmsTrigger();
		const ctx = hook('delivery');
		const lifecycle = trigger.webhookMethods!.default;
		expect(await lifecycle.checkExists.call(ctx.hook)).toBe(false);
		expect(await lifecycle.create.call(ctx.hook)).toBe(true);
		const token = ctx.staticData.callbackToken as string;
		expect(token).toMatch(/^[\w-]{22}$/);
		expect((await settings()).callBack).toBe(withToken(HOOK_URL, token));
		expect(await lifecycle.checkExists.call(ctx.hook)).toBe(true);
		// The same URL without the token is not this trigger's registration.
		await update({ callBack: HOOK_URL });
		expect(await lifecycle.checkExists.call(ctx.hook)).toBe(false);
		await update({ callBack: withToken(HOOK_URL, token) });
		expect(await lifecycle.delete.call(ctx.hook)).toBe(true);
		expect((await settings()).callBack).toBe('https://previous.example/dlr');
		expect(ctx.staticData.registration).toBeUndefined();
		// A trigger keeps its token: activated again, it registers the same URL.
		await lifecycle.create.call(ctx.hook);
		expect((await settings()).callBack).toBe(withToken(HOOK_URL, token));
	});

	it('webhook: incoming SMS take over the reply URL and give back the previous reply settings', async () => {
		await update({ smsResponse: { responseType: 'cgi', cgiUrl: 'https://previous.example/replies' } });
		const lifecycle = new OvhSmsTrigger().webhookMethods!.default;
		const ctx = hook('incoming');
		await lifecycle.create.call(ctx.hook);
		expect((await settings()).smsResponse).toMatchObject({
			responseType: 'cgi',
			cgiUrl: withToken(HOOK_URL, ctx.staticData.callbackToken as string),
		});
		await lifecycle.delete.call(ctx.hook);
		expect((await settings()).smsResponse).toMatchObject({ responseType: 'cgi', cgiUrl: 'https://previous.example/replies' });
	});

	it('webhook: our own URL left behind by a crash is registered again and then cleared, not restored', async () => {
		await update({ callBack: withToken(HOOK_URL, 'kept-token') });
		const lifecycle = new OvhSmsTrigger().webhookMethods!.default;
		const ctx = hook('delivery', { callbackToken: 'kept-token' });
		// Nothing saved to put back: register again, which saves what to restore.
		expect(await lifecycle.checkExists.call(ctx.hook)).toBe(false);
		await lifecycle.create.call(ctx.hook);
		await lifecycle.delete.call(ctx.hook);
		expect((await settings()).callBack).toBeFalsy();
	});

	it('webhook: an incoming SMS is emitted once in the normalised shape, a repeat starts nothing, junk gets 400', async () => {
		const trigger = new OvhSmsTrigger();
		const staticData = { callbackToken: 'ovh-token' };
		const push = (request: NonNullable<FakeOptions['request']>) =>
			webhookContext({
				parameters: { event: 'incoming', service: SERVICE },
				request: { query: { token: 'ovh-token' }, ...request },
				staticData,
				mode: 'webhook',
			});
		const form = { id: '42', message: 'Hello', senderid: '0033601020304', tag: 'rdv' };
		const first = push({ method: 'POST', body: form });
		const out = await trigger.webhook!.call(first.webhook);
		expect(first.response).toMatchObject({ status: 200, body: 'OK' });
		expect(out.workflowData?.[0].map((i) => i.json)).toEqual([
			{
				provider: 'ovh',
				event: 'incoming',
				id: '42',
				from: '+33601020304',
				text: 'Hello',
				receivedAt: expect.any(String),
				account: 'sms-sandbox-1',
				raw: expect.objectContaining({ tag: 'rdv' }),
			},
		]);
		// The token proves the sender and stays out of the item.
		expect(JSON.stringify(out.workflowData)).not.toContain('ovh-token');
		const again = push({ method: 'POST', body: form });
		expect((await trigger.webhook!.call(again.webhook)).workflowData).toBeUndefined();
		const junk = push({ method: 'POST', body: {} });
		expect((await trigger.webhook!.call(junk.webhook)).workflowData).toBeUndefined();
		expect(junk.response.status).toBe(400);
	});

	it('polling: state kept across two polls emits each incoming SMS once; a manual run stores nothing', async () => {
		const trigger = new OvhSmsPollingTrigger();
		const staticData = {};
		const poll = (mode: 'trigger' | 'manual' = 'trigger') =>
			trigger.poll!.call(
				fakeContext({
					parameters: { event: 'incoming', service: SERVICE },
					credentials: { ovhApi: env.ovhApi },
					staticData,
					mode,
				}).poll,
			);
		await env.control('/_sandbox/ovh/incoming', 'POST', { sender: '+33601020304', message: 'first' });
		const first = await poll();
		expect(first?.[0].map((i) => i.json.text)).toEqual(['first']);
		expect(first?.[0][0].json).toMatchObject({
			provider: 'ovh',
			event: 'incoming',
			account: 'sms-sandbox-1',
			raw: expect.any(Object),
		});
		expect(await poll()).toBeNull();
		await env.control('/_sandbox/ovh/incoming', 'POST', { sender: '+33601020305', message: 'second' });
		const stored = JSON.stringify(staticData);
		const manual = await poll('manual');
		expect(manual?.[0].map((i) => i.json.text)).toEqual(['first', 'second']);
		expect(JSON.stringify(staticData)).toBe(stored);
		expect((await poll())?.[0].map((i) => i.json.text)).toEqual(['second']);
		expect(await poll()).toBeNull();
	});

	it('polling: a final delivery report is emitted once, in the same shape as a pushed one', async () => {
		const send = fakeContext({
			parameters: {
				resource: 'message',
				operation: 'send',
				service: SERVICE,
				receivers: '+33601020304',
				message: 'Hi',
				senderType: 'default',
				options: {},
			},
			credentials: { ovhApi: env.ovhApi },
		});
		const [[sent]] = await new OvhSms().execute!.call(send.execute);
		await env.control(`/_sandbox/ovh/outgoing/${sent.json.messageId}/delivery`, 'POST', { status: 'delivered' });
		const trigger = new OvhSmsPollingTrigger();
		const staticData = {};
		const poll = () =>
			trigger.poll!.call(
				fakeContext({ parameters: { event: 'delivery', service: SERVICE }, credentials: { ovhApi: env.ovhApi }, staticData })
					.poll,
			);
		const [[report]] = (await poll())!;
		expect(report.json).toMatchObject({
			provider: 'ovh',
			event: 'delivery',
			status: 'delivered',
			to: '+33601020304',
			messageId: sent.json.messageId,
			account: 'sms-sandbox-1',
			raw: expect.objectContaining({ deliveryReceipt: 1 }),
		});
		expect(await poll()).toBeNull();
	});
});

describe('n8n Tencent triggers, against the sandbox', () => {
	const env = useSandbox();

	it('polling: receipts are emitted once across polls, normalised, with the raw fields under raw', async () => {
		const send = fakeContext({
			parameters: {
				resource: 'message',
				operation: 'send',
				phoneNumbers: '+33601020304, +14155552671',
				templateId: { __rl: true, mode: 'id', value: env.defaults.tencent.templateId },
				templateParams: '1234, 5',
				signName: { __rl: true, mode: 'name', value: 'SMSKit' },
				smsSdkAppId: '',
				options: {},
			},
			credentials: { tencentCloudSmsApi: env.tencentCloudSmsApi },
		});
		const [sent] = await new TencentSms().execute!.call(send.execute);
		const trigger = new TencentSmsPollingTrigger();
		const staticData = {};
		const poll = () =>
			trigger.poll!.call(
				fakeContext({
					parameters: { event: 'delivery', smsSdkAppId: '' },
					credentials: { tencentCloudSmsApi: env.tencentCloudSmsApi },
					staticData,
				}).poll,
			);
		const [items] = (await poll())!;
		expect(items.map((i) => i.json.messageId).sort()).toEqual(sent.map((i) => i.json.messageId).sort());
		expect(items[0].json).toMatchObject({
			provider: 'tencent',
			event: 'delivery',
			status: 'delivered',
			account: env.defaults.tencent.smsSdkAppId,
			raw: expect.objectContaining({ SerialNo: expect.any(String) }),
		});
		expect(Object.keys(items[0].json)).not.toContain('SerialNo');
		expect(await poll()).toBeNull();
	});

	it("webhook: a pushed reply carrying the credential's token is emitted once and answered as Tencent expects", async () => {
		const trigger = new TencentSmsTrigger();
		const staticData = {};
		const body = { extend: '', mobile: '13800000000', nationcode: '86', sign: 'SMSKit', text: 'STOP', time: 1700000000 };
		const push = () =>
			webhookContext({
				parameters: { event: 'incoming', smsSdkAppId: '1400000001' },
				credentials: { tencentCloudSmsApi: { callbackToken: 'tc-token' } },
				request: { method: 'POST', body, query: { token: 'tc-token' } },
				staticData,
			});
		const first = push();
		const out = await trigger.webhook!.call(first.webhook);
		expect(JSON.parse(String(first.response.body))).toEqual({ result: 0, errmsg: 'OK' });
		expect(out.workflowData?.[0][0].json).toMatchObject({
			provider: 'tencent',
			event: 'incoming',
			from: '+8613800000000',
			text: 'STOP',
			account: '1400000001',
			raw: expect.objectContaining({ sign: 'SMSKit' }),
		});
		expect((await trigger.webhook!.call(push().webhook)).workflowData).toBeUndefined();
		// Registration is Tencent's console's business: the lifecycle only checks there is a token.
		expect(await trigger.webhookMethods!.default.create.call(push().hook)).toBe(true);
		expect(await trigger.webhookMethods!.default.checkExists.call(push().hook)).toBe(true);
	});
});
