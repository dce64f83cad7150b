import type { ICredentialDataDecryptedObject, IDataObject, IWebhookResponseData } from 'n8n-workflow';
import { MAX_CALLBACK_BYTES } from '../../core/guard';
import { webhookSignature } from '../../core/providers/smsmobileapi/sign';
import { OvhSmsTrigger } from '../../nodes/OvhSms/OvhSmsTrigger.node';
import { SmsMobileApiTrigger } from '../../nodes/SmsMobileApi/SmsMobileApiTrigger.node';
import { TencentSmsTrigger } from '../../nodes/TencentSms/TencentSmsTrigger.node';
import type { FakeOptions } from './fake';
import { webhookContext, type WebhookContextOptions } from './webhook-context';

const TOKEN = 'tencent-callback-token-0123456789';
const reply = (i: number) => ({
	extend: '',
	mobile: `138${String(10000000 + i)}`,
	nationcode: '86',
	sign: 'SMSKit',
	text: `reply ${i}`,
	time: 1700000000 + i,
});

/** One Tencent reply callback to a trigger whose credential has the Callback Token. */
function tencentPush(request: Partial<NonNullable<FakeOptions['request']>>, extra: Partial<WebhookContextOptions> = {}) {
	return webhookContext({
		parameters: { event: 'incoming', smsSdkAppId: '1400000001' },
		credentials: { tencentCloudSmsApi: { callbackToken: TOKEN } },
		request: { method: 'POST', body: reply(0), headers: { 'content-type': 'application/json' }, ...request },
		mode: 'webhook',
		...extra,
	});
}

async function call(ctx: ReturnType<typeof webhookContext>, trigger: { webhook(this: never): Promise<IWebhookResponseData> }) {
	const out = await trigger.webhook.call(ctx.webhook as never);
	return { out, status: ctx.response.status, body: String(ctx.response.body), staticData: ctx.staticData };
}

describe('n8n webhook triggers: the guard before parsing', () => {
	const tencent = new TencentSmsTrigger();
	const withToken = { query: { token: TOKEN } };

	it('a callback with the token starts the workflow; without it or with another one: 401, nothing started, nothing stored', async () => {
		const ok = await call(tencentPush(withToken), tencent);
		expect([ok.status, ok.out.workflowData?.[0].length]).toEqual([200, 1]);
		expect(JSON.stringify(ok.out.workflowData)).not.toContain(TOKEN);
		for (const query of [{}, { token: 'guessed' }, { token: `${TOKEN}x` }, { token: [TOKEN, TOKEN] }]) {
			const refused = await call(tencentPush({ query: query as IDataObject }), tencent);
			expect(refused).toMatchObject({ status: 401, out: { noWebhookResponse: true }, staticData: {} });
			expect(refused.out.workflowData).toBeUndefined();
			expect(refused.body).toMatch(/^[^\n]+$/);
			expect(refused.body).not.toContain(TOKEN);
		}
	});

	it('a credential without a Callback Token refuses every callback (401) and the trigger does not activate', async () => {
		const none = (request: Partial<NonNullable<FakeOptions['request']>>) =>
			tencentPush(request, { credentials: { tencentCloudSmsApi: { callbackToken: '  ' } } });
		for (const query of [{}, { token: '' }, { token: '  ' }]) {
			const refused = await call(none({ query }), tencent);
			expect([refused.status, refused.out.workflowData]).toEqual([401, undefined]);
			expect(refused.body).toMatch(/no token configured/);
		}
		const lifecycle = tencent.webhookMethods.default;
		await expect(lifecycle.checkExists.call(none({}).hook)).rejects.toThrow(
			'The credential has no Callback Token, so this trigger would refuse every callback',
		);
		await expect(lifecycle.create.call(none({}).hook)).rejects.toMatchObject({
			description: expect.stringMatching(/\?token=<the Callback Token> into the Tencent Cloud SMS console/),
		});
		// No credential at all (a workflow saved when the trigger did not need one): the same.
		await expect(lifecycle.checkExists.call(tencentPush({}, { credentials: {} }).hook)).rejects.toThrow(/Callback Token/);
		expect((await call(tencentPush(withToken, { credentials: {} }), tencent)).status).toBe(401);
	});

	it('a body over 1 MB is refused with 413 before anything else, by its bytes or its Content-Length', async () => {
		const big = Buffer.alloc(MAX_CALLBACK_BYTES + 1, 'a');
		const byBytes = await call(tencentPush({ rawBody: big, query: {} }), tencent);
		expect([byBytes.status, byBytes.out.workflowData]).toEqual([413, undefined]);
		const byHeader = await call(
			tencentPush({
				...withToken,
				headers: { 'content-type': 'application/json', 'content-length': String(2 * MAX_CALLBACK_BYTES) },
			}),
			tencent,
		);
		expect([byHeader.status, byHeader.out.workflowData]).toEqual([413, undefined]);
		const limit = await call(tencentPush({ ...withToken, rawBody: Buffer.alloc(MAX_CALLBACK_BYTES, ' ') }), tencent);
		expect(limit.status).toBe(200);
	});

	it('a POST body of another type than JSON, form or text is refused with 415', async () => {
		const xml = Buffer.from('<reply><text>STOP</text></reply>');
		for (const type of ['application/xml', 'multipart/form-data; boundary=x', '']) {
			const refused = await call(tencentPush({ ...withToken, rawBody: xml, headers: { 'content-type': type } }), tencent);
			expect([refused.status, refused.out.workflowData]).toEqual([415, undefined]);
		}
		const charset = await call(
			tencentPush({
				...withToken,
				rawBody: Buffer.from(JSON.stringify(reply(1))),
				headers: { 'content-type': 'application/json; charset=utf-8' },
			}),
			tencent,
		);
		expect(charset.status).toBe(200);
	});

	it('Allowed IPs: a request from outside the ranges gets 403; inside (IPv4, IPv4-mapped, IPv6) it goes on', async () => {
		const from = (ip: string, i: number) =>
			call(
				tencentPush(
					{ ...withToken, body: reply(100 + i) },
					{ ip, parameters: { event: 'incoming', smsSdkAppId: '', options: { allowedIps: '10.0.0.0/8, 2001:db8::/32' } } },
				),
				tencent,
			);
		expect((await from('127.0.0.1', 0)).status).toBe(403);
		expect((await from('11.0.0.1', 1)).out.workflowData).toBeUndefined();
		expect((await from('10.1.2.3', 2)).status).toBe(200);
		expect((await from('::ffff:10.9.9.9', 3)).status).toBe(200);
		expect((await from('2001:db8::7', 4)).status).toBe(200);
		// The range is checked before the token: a caller from outside learns nothing about it.
		const outside = await call(
			tencentPush({ query: {} }, { ip: '192.0.2.1', parameters: { event: 'incoming', options: { allowedIps: '10.0.0.0/8' } } }),
			tencent,
		);
		expect(outside.status).toBe(403);
	});

	it("OVHcloud: the token is the trigger's own, from static data; before registration there is none, so 401", async () => {
		const trigger = new OvhSmsTrigger();
		const push = (staticData: IDataObject, query: IDataObject) =>
			webhookContext({
				parameters: { event: 'delivery', service: { __rl: true, mode: 'name', value: 'sms-sandbox-1' } },
				request: { method: 'GET', query: { ...query, id: '7', ptt: '13', dlr: '1', description: '1' } },
				staticData,
				mode: 'webhook',
			});
		expect((await call(push({}, { token: 'anything' }), trigger)).status).toBe(401);
		expect((await call(push({ callbackToken: 'own' }, {}), trigger)).status).toBe(401);
		const ok = await call(push({ callbackToken: 'own' }, { token: 'own' }), trigger);
		expect(ok.status).toBe(200);
		expect(ok.out.workflowData?.[0][0].json).toMatchObject({ provider: 'ovh', event: 'delivery', messageId: '7' });
		expect(JSON.stringify(ok.out.workflowData)).not.toContain('own');
	});

	describe('SMSMobileAPI signs its pushes: no token, the signature with the Webhook Secret of the credential', () => {
		const trigger = new SmsMobileApiTrigger();
		const SECRET = 'whsec_credential_secret_0123456789';
		const event = (id: string) => ({
			id,
			type: 'sms.received',
			occurred_at: new Date().toISOString(),
			data: { guid: `g-${id}`, from: '+33601020399', message: 'STOP', received_at: new Date().toISOString() },
		});
		const push = (
			id: string,
			options: { sign?: string; credential?: ICredentialDataDecryptedObject; parameters?: IDataObject } = {},
		) => {
			const raw = Buffer.from(JSON.stringify(event(id)));
			const timestamp = String(Math.floor(Date.now() / 1000));
			const headers: Record<string, string> = { 'content-type': 'application/json', 'x-smsmobileapi-timestamp': timestamp };
			if (options.sign) headers['x-smsmobileapi-signature'] = webhookSignature(options.sign, timestamp, raw);
			return webhookContext({
				parameters: { event: 'incoming', checkSignature: true, ...options.parameters },
				credentials: options.credential ? { smsMobileApi: options.credential } : {},
				request: { method: 'POST', body: JSON.parse(raw.toString()) as unknown, rawBody: raw, headers },
			});
		};

		it('a push without a signature, or signed with another secret, gets 401 and starts nothing', async () => {
			for (const sign of [undefined, 'another-secret']) {
				const refused = await call(push(`u-${sign}`, { sign, credential: { webhookSecret: SECRET } }), trigger);
				expect([refused.status, refused.out.workflowData]).toEqual([401, undefined]);
				expect(refused.body).not.toContain(SECRET);
			}
			const ok = await call(push('s1', { sign: SECRET, credential: { webhookSecret: SECRET } }), trigger);
			expect([ok.status, ok.out.workflowData?.[0].length]).toEqual([202, 1]);
		});

		it('a workflow saved with the secret as a node field and no credential still checks it', async () => {
			const legacy = { parameters: { webhookSecret: SECRET } };
			expect((await call(push('l1', { sign: SECRET, ...legacy }), trigger)).out.workflowData?.[0].length).toBe(1);
			expect((await call(push('l2', { sign: 'forged', ...legacy }), trigger)).status).toBe(401);
			// The credential's secret wins over a stale node field.
			const both = push('l3', { sign: SECRET, credential: { webhookSecret: SECRET }, parameters: { webhookSecret: 'old' } });
			expect((await call(both, trigger)).status).toBe(202);
		});

		it('the content type and size checks apply to signed pushes too', async () => {
			const ctx = push('c1', { sign: SECRET, credential: { webhookSecret: SECRET } });
			const request = ctx.webhook.getRequestObject() as unknown as { rawBody: Buffer };
			Object.assign(ctx.webhook, {
				getHeaderData: () => ({ 'content-type': 'application/xml' }),
				getRequestObject: () => ({ ...request, method: 'POST' }),
			});
			expect((await call(ctx, trigger)).status).toBe(415);
		});
	});
});

describe('n8n webhook triggers: de-duplication under concurrent requests', () => {
	/**
	 * n8n as it serves a webhook: the workflow's static data read from the database when the request starts,
	 * the whole of it saved back when the request ends, whoever saved in between.
	 */
	function n8nLike(load: () => typeof import('../../nodes/TencentSms/TencentSmsTrigger.node')) {
		const db: { staticData: IDataObject } = { staticData: {} };
		let executions = 0;
		async function post(body: object, workflowId = 'wf-load') {
			const staticData = JSON.parse(JSON.stringify(db.staticData)) as IDataObject;
			const ctx = tencentPush({ query: { token: TOKEN }, body }, { staticData, workflowId });
			const out = await new (load().TencentSmsTrigger)().webhook.call(ctx.webhook);
			db.staticData = staticData;
			if (out.workflowData) executions++;
			return ctx.response.status;
		}
		async function inBatches(bodies: object[], size: number, workflowId?: string) {
			for (let i = 0; i < bodies.length; i += size) await Promise.all(bodies.slice(i, i + size).map((b) => post(b, workflowId)));
		}
		return { db, inBatches, post, executions: () => executions };
	}
	const replies = Array.from({ length: 200 }, (_, i) => reply(1000 + i));
	// The fake's node static data is the object itself.
	const keysIn = (staticData: IDataObject) => Object.keys((staticData.seen ?? {}) as object).length;

	it('200 distinct callbacks 10 at a time start 200 runs; the same 200 again start none; static data holds all 200 keys', async () => {
		const n8n = n8nLike(() => ({ TencentSmsTrigger }));
		await n8n.inBatches(replies, 10);
		expect(n8n.executions()).toBe(200);
		await n8n.inBatches(replies, 10);
		expect(n8n.executions()).toBe(200);
		expect(keysIn(n8n.db.staticData)).toBe(200);
	});

	it('the same callback posted 10 times at once starts one run', async () => {
		const n8n = n8nLike(() => ({ TencentSmsTrigger }));
		await n8n.inBatches(
			Array.from({ length: 10 }, () => reply(5000)),
			10,
			'wf-burst',
		);
		expect(n8n.executions()).toBe(1);
	});

	it('another process (a restart) knows only the static data: it saved all the keys, so repeats still start nothing', async () => {
		const first = n8nLike(() => ({ TencentSmsTrigger }));
		await first.inBatches(replies.slice(0, 50), 10, 'wf-restart');
		await first.inBatches(replies.slice(0, 50), 10, 'wf-restart');
		expect(first.executions()).toBe(50);
		// A fresh copy of the modules: an empty shared map, as after a restart.
		let restarted: typeof import('../../nodes/TencentSms/TencentSmsTrigger.node') | undefined;
		jest.isolateModules(() => {
			restarted = jest.requireActual<typeof import('../../nodes/TencentSms/TencentSmsTrigger.node')>(
				'../../nodes/TencentSms/TencentSmsTrigger.node',
			);
		});
		expect(restarted!.TencentSmsTrigger).not.toBe(TencentSmsTrigger);
		const second = n8nLike(() => restarted!);
		second.db.staticData = first.db.staticData;
		await second.inBatches(replies.slice(0, 50), 10, 'wf-restart');
		expect(second.executions()).toBe(0);
		await second.post(reply(9999), 'wf-restart');
		expect(second.executions()).toBe(1);
	});

	it('two triggers do not share their keys: the same callback starts each once', async () => {
		const n8n = n8nLike(() => ({ TencentSmsTrigger }));
		await n8n.post(reply(7000), 'wf-one');
		n8n.db.staticData = {};
		await n8n.post(reply(7000), 'wf-two');
		await n8n.post(reply(7000), 'wf-two');
		expect(n8n.executions()).toBe(2);
	});
});
