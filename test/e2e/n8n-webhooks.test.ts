import { startSandbox, type Sandbox } from '../../sandbox/server';
import { freePort, startCollector } from './helpers/collector';
import { N8n } from './helpers/n8n';
import { triggerToCollector } from './helpers/workflows';

type Collector = Awaited<ReturnType<typeof startCollector>>;

const TOKEN = 'e2e-tencent-callback-token-5f0c2a9d';
const LOAD = 200;
const AT_ONCE = 10;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The webhook triggers in the real n8n server under load and under attack: concurrent pushes de-duplicated
 * (also across a restart, through the static data), and forged, oversized or mistyped callbacks refused
 * before they start anything.
 */
describe('n8n 2.x webhook triggers: de-duplication under load, forged callbacks refused', () => {
	const n8n = new N8n('webhooks');
	let sandbox: Sandbox;
	let port: number;
	let base: string;
	const collectors: Record<'load' | 'forge' | 'sma' | 'ovh', Collector> = {} as never;
	let smsmobileapiSecret: string;

	const control = async (path: string, method = 'GET', body?: unknown) =>
		(await fetch(`http://127.0.0.1:${sandbox.port}${path}`, {
			method,
			headers: { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		}).then((r) => r.json())) as Record<string, unknown>;
	const reply = (i: number) => ({
		extend: '',
		mobile: `138${String(10000000 + i)}`,
		nationcode: '86',
		sign: 'SMSKit',
		text: `reply ${i}`,
		time: 1700000000 + i,
	});
	const tencentUrl = (path: string, token?: string) =>
		`${base}/webhook/${path}/tencent-sms${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;
	const post = (url: string, body: string, type = 'application/json') =>
		fetch(url, { method: 'POST', headers: { 'Content-Type': type }, body });

	/** Posts every body, `AT_ONCE` requests in flight at a time; every answer must be Tencent's OK. */
	async function pushAll(bodies: object[]) {
		const answers: unknown[] = [];
		for (let i = 0; i < bodies.length; i += AT_ONCE)
			answers.push(
				...(await Promise.all(
					bodies.slice(i, i + AT_ONCE).map((b) => post(tencentUrl('wh-tc-load', TOKEN), JSON.stringify(b)).then((r) => r.json())),
				)),
			);
		expect(answers).toEqual(bodies.map(() => ({ result: 0, errmsg: 'OK' })));
	}

	/** Waits until `collector` has `count` items and then a little longer, so a late extra one would show. */
	async function settle(collector: Collector, count: number, extraMs = 3000) {
		await collector.waitFor(count, 120_000);
		await pause(extraMs);
		return collector.received as Array<Record<string, unknown>>;
	}

	/** Starts n8n and waits until the load trigger's URL is registered (n8n says it is ready before it activates). */
	async function startN8n() {
		base = await n8n.start(port);
		for (let i = 0; i < 120 && (await post(tencentUrl('wh-tc-load'), '{}')).status === 404; i++) await pause(500);
	}

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		for (const key of ['load', 'forge', 'sma', 'ovh'] as const) collectors[key] = await startCollector();
		n8n.install();
		const defaults = (await control('/_sandbox/credentials')) as {
			tencent: Record<string, string>;
			smsmobileapi: Record<string, string>;
			ovh: Record<string, string>;
		};
		smsmobileapiSecret = defaults.smsmobileapi.webhookSecret;
		const tencent = {
			endpoint: 'custom',
			customUrl: sandbox.urls.tencent,
			region: 'ap-guangzhou',
			secretId: defaults.tencent.secretId,
			secretKey: defaults.tencent.secretKey,
			smsSdkAppId: defaults.tencent.smsSdkAppId,
		};
		await n8n.importCredentials([
			{
				id: 'whTencentToken01',
				name: 'whTencentToken01',
				type: 'tencentCloudSmsApi',
				data: { ...tencent, callbackToken: TOKEN },
			},
			{ id: 'whTencentNoTok01', name: 'whTencentNoTok01', type: 'tencentCloudSmsApi', data: tencent },
			{
				id: 'whSmaSecret00001',
				name: 'whSmaSecret00001',
				type: 'smsMobileApi',
				data: {
					apiKey: defaults.smsmobileapi.apikey,
					endpoint: 'custom',
					customUrl: (sandbox.urls as Record<string, string>).smsmobileapi,
					webhookSecret: smsmobileapiSecret,
				},
			},
			{
				id: 'whOvhSandbox0001',
				name: 'whOvhSandbox0001',
				type: 'ovhApi',
				data: { endpoint: 'custom', customUrl: sandbox.urls.ovh, ...defaults.ovh },
			},
		]);
		const tencentTrigger = (webhookId: string, credential: string) => ({
			type: '@smskit/n8n-nodes-sms.tencentSmsTrigger',
			parameters: { event: 'incoming', smsSdkAppId: '' },
			credentials: { tencentCloudSmsApi: { id: credential, name: credential } },
			webhookId,
		});
		await n8n.importWorkflows([
			triggerToCollector('wfWhTcLoad00001', tencentTrigger('wh-tc-load', 'whTencentToken01'), collectors.load.url),
			triggerToCollector('wfWhTcForge0001', tencentTrigger('wh-tc-forge', 'whTencentToken01'), collectors.forge.url),
			triggerToCollector('wfWhTcNoTok0001', tencentTrigger('wh-tc-notoken', 'whTencentNoTok01'), collectors.forge.url),
			triggerToCollector(
				'wfWhSmaSigned01',
				{
					type: '@smskit/n8n-nodes-sms.smsMobileApiTrigger',
					parameters: { authentication: 'apiKey', event: 'incoming', checkSignature: true },
					credentials: { smsMobileApi: { id: 'whSmaSecret00001', name: 'whSmaSecret00001' } },
					webhookId: 'wh-sma',
				},
				collectors.sma.url,
			),
			triggerToCollector(
				'wfWhOvhIn000001',
				{
					type: '@smskit/n8n-nodes-sms.ovhSmsTrigger',
					parameters: { event: 'incoming', service: { __rl: true, mode: 'name', value: 'sms-sandbox-1' } },
					credentials: { ovhApi: { id: 'whOvhSandbox0001', name: 'whOvhSandbox0001' } },
					webhookId: 'wh-ovh-in',
				},
				collectors.ovh.url,
			),
		]);
		for (const id of ['wfWhTcLoad00001', 'wfWhTcForge0001', 'wfWhTcNoTok0001', 'wfWhSmaSigned01', 'wfWhOvhIn000001'])
			await n8n.publish(id);
		port = await freePort();
		await startN8n();
	});

	afterAll(async () => {
		await n8n.stop();
		for (const c of Object.values(collectors)) await c?.close();
		await sandbox?.close();
	});

	const replies = Array.from({ length: LOAD }, (_, i) => reply(i));

	it(`${LOAD} distinct Tencent replies posted ${AT_ONCE} at a time start ${LOAD} executions; the same ${LOAD} again start none`, async () => {
		await pushAll(replies);
		const first = await settle(collectors.load, LOAD);
		expect(first).toHaveLength(LOAD);
		expect(new Set(first.map((i) => i.text)).size).toBe(LOAD);
		await pushAll(replies);
		expect(await settle(collectors.load, LOAD, 5000)).toHaveLength(LOAD);
	});

	it('a forged Tencent callback (no token, a wrong one) gets 401 and starts nothing; with the token it starts one execution', async () => {
		const body = JSON.stringify(reply(10_000));
		for (const url of [tencentUrl('wh-tc-forge'), tencentUrl('wh-tc-forge', 'guessed-token'), tencentUrl('wh-tc-forge', '')]) {
			const res = await post(url, body);
			const text = await res.text();
			expect([res.status, text]).toEqual([401, expect.stringMatching(/^[^\n]+$/)]);
			expect(text).not.toContain(TOKEN);
		}
		await pause(2000);
		expect(collectors.forge.received).toHaveLength(0);
		const ok = await post(tencentUrl('wh-tc-forge', TOKEN), body);
		expect([ok.status, await ok.json()]).toEqual([200, { result: 0, errmsg: 'OK' }]);
		const [item] = await settle(collectors.forge, 1, 2000);
		expect(collectors.forge.received).toHaveLength(1);
		expect(item).toMatchObject({ provider: 'tencent', event: 'incoming', text: 'reply 10000' });
		// The token proved the sender; it is in neither the item nor its raw fields.
		expect(JSON.stringify(item)).not.toContain(TOKEN);
	});

	it('a 2 MB JSON body gets 413, an XML body 415; neither starts anything', async () => {
		collectors.forge.received.length = 0;
		const big = await post(
			tencentUrl('wh-tc-forge', TOKEN),
			JSON.stringify({ ...reply(10_001), text: 'x'.repeat(2 * 1024 * 1024) }),
		);
		expect(big.status).toBe(413);
		const xml = await post(
			tencentUrl('wh-tc-forge', TOKEN),
			'<reply><mobile>13800000000</mobile><text>STOP</text></reply>',
			'application/xml',
		);
		expect([xml.status, await xml.text()]).toEqual([415, expect.stringContaining('application/xml')]);
		await pause(2000);
		expect(collectors.forge.received).toHaveLength(0);
	});

	it('a trigger whose credential has no Callback Token does not activate: its URL is not registered', async () => {
		const res = await post(tencentUrl('wh-tc-notoken', ''), JSON.stringify(reply(10_002)));
		expect(res.status).toBe(404);
	});

	it('SMSMobileAPI: a push without a valid signature gets 401; one signed with the credential’s Webhook Secret runs', async () => {
		const url = `${base}/webhook/wh-sma/smsmobileapi`;
		const event = JSON.stringify({ id: 'forged-1', type: 'sms.received', occurred_at: new Date().toISOString(), data: {} });
		const unsigned = await post(url, event);
		expect(unsigned.status).toBe(401);
		const forged = await fetch(url, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				'X-SmsMobileApi-Timestamp': String(Math.floor(Date.now() / 1000)),
				'X-SmsMobileApi-Signature': `sha256=${'0'.repeat(64)}`,
			},
			body: event,
		});
		expect(forged.status).toBe(401);
		await pause(1500);
		expect(collectors.sma.received).toHaveLength(0);
		// The sandbox signs with its own implementation of the spec.
		await control('/_sandbox/smsmobileapi/webhook', 'PUT', { url, secret: smsmobileapiSecret });
		await control('/_sandbox/smsmobileapi/incoming', 'POST', { number: '+33601020391', message: 'signed STOP' });
		const [item] = await settle(collectors.sma, 1, 1500);
		expect(collectors.sma.received).toHaveLength(1);
		expect(item).toMatchObject({ provider: 'smsmobileapi', event: 'incoming', text: 'signed STOP' });
	});

	it('OVHcloud: activation registered the URL with a token of its own; a pushed SMS runs, the URL without it gets 401', async () => {
		const bare = `${base}/webhook/wh-ovh-in/ovh-sms`;
		await control('/_sandbox/ovh/incoming', 'POST', { sender: '+33601020305', message: 'Pushed hello' });
		const { attempts } = (await control('/_sandbox/ovh/callbacks?wait=1')) as {
			attempts: Array<{ kind: string; url: string; state: string; httpStatus: number; payload: Record<string, string> }>;
		};
		const pushed = attempts.filter((a) => a.kind === 'incoming').at(-1)!;
		expect(pushed.url).toMatch(new RegExp(`^${bare.replace(/[.?]/g, '\\$&')}\\?token=[\\w-]{22}$`));
		expect(pushed).toMatchObject({ state: 'accepted', httpStatus: 200 });
		const [item] = await settle(collectors.ovh, 1, 1500);
		expect(item).toMatchObject({ provider: 'ovh', event: 'incoming', text: 'Pushed hello', account: 'sms-sandbox-1' });
		expect(JSON.stringify(item)).not.toContain(new URL(pushed.url).searchParams.get('token'));
		const form = new URLSearchParams({ ...pushed.payload, id: '999' }).toString();
		const forged = await post(bare, form, 'application/x-www-form-urlencoded');
		expect(forged.status).toBe(401);
		await pause(1500);
		expect(collectors.ovh.received).toHaveLength(1);
	});

	it(`after a restart, the static data holds the ${LOAD} keys and the same ${LOAD} replies start nothing; OVHcloud keeps its token`, async () => {
		// n8n saves a request's static data after answering it: let the last saves land before stopping.
		await pause(3000);
		await n8n.stop();
		const stored = await n8n.exportWorkflow('wfWhTcLoad00001');
		const seen = (stored.staticData?.['node:Trigger'] as { seen?: Record<string, number> } | undefined)?.seen ?? {};
		expect(Object.keys(seen)).toHaveLength(LOAD);
		const ovh = (await n8n.exportWorkflow('wfWhOvhIn000001')).staticData?.['node:Trigger'] as { callbackToken?: string };
		expect(ovh.callbackToken).toMatch(/^[\w-]{22}$/);

		await startN8n();
		await pushAll(replies);
		expect(await settle(collectors.load, LOAD, 5000)).toHaveLength(LOAD);
		// The registration is still the trigger's (same URL, same token): the account was left as it was.
		await control('/_sandbox/ovh/incoming', 'POST', { sender: '+33601020306', message: 'After restart' });
		const { attempts } = (await control('/_sandbox/ovh/callbacks?wait=1')) as { attempts: Array<{ url: string; state: string }> };
		expect(attempts.at(-1)).toMatchObject({ url: expect.stringContaining(`?token=${ovh.callbackToken}`), state: 'accepted' });
		expect((await settle(collectors.ovh, 2, 1500)).map((i) => i.text)).toEqual(['Pushed hello', 'After restart']);
	});
});
