import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { freePort, startCollector } from './helpers/collector';
import { N8n, itemsOf, type N8nWorkflow } from './helpers/n8n';
import { branches, chain, triggerToCollector, workflow } from './helpers/workflows';

interface Defaults {
	apikey: string;
	clientId: string;
	clientSecret: string;
	webhookSecret: string;
}

interface Attempt {
	variant: string;
	eventId: string | null;
	type: string;
	state: string;
	httpStatus: number | null;
	response: unknown;
}

/** Forwards to the sandbox and notes when each request came and what it was answered: the 429 retry's wait. */
async function startProxy(port: number) {
	const seen: Array<{ at: number; status: number; path: string }> = [];
	const server = http.createServer((req, res) => {
		const at = Date.now();
		const forward = http.request(
			{ host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers },
			(answer) => {
				seen.push({ at, status: answer.statusCode ?? 0, path: (req.url ?? '').split('?')[0] });
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		req.pipe(forward);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		seen,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/**
 * The real n8n runs SMSMobileAPI workflows against the sandbox: actions through the CLI (cases as branches of
 * one workflow, to keep it short), the signed webhook trigger and the polling trigger in the server.
 */
describe('n8n 2.x × SMSMobileAPI (sandbox)', () => {
	const n8n = new N8n('smsmobileapi');
	let sandbox: Sandbox;
	let collector: Awaited<ReturnType<typeof startCollector>>;
	let defaults: Defaults;
	let proxy: Awaited<ReturnType<typeof startProxy>>;
	const WRONG_KEY = '0123456789abcdef0123456789abcdef0123456789abcdef';
	// The key of a credential whose base URL refuses connections: n8n's error then names the URL it called.
	const DOWN_KEY = 'fedcba9876543210fedcba9876543210fedcba9876543210';
	const control = (path: string, method = 'GET', body?: unknown) =>
		fetch(`http://127.0.0.1:${sandbox.port}${path}`, {
			method,
			headers: { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		}).then((r) => r.json() as Promise<Record<string, unknown>>);
	const TYPE = '@smskit/n8n-nodes-sms.smsMobileApi';
	const node = (parameters: Record<string, unknown>, credential = 'smaSandboxKey001', continueOnFail = false) => ({
		type: TYPE,
		parameters,
		credentials: {
			[credential === 'smaSandboxOAuth01' ? 'smsMobileApiOAuth2Api' : 'smsMobileApi']: { id: credential, name: credential },
		} as Record<string, { id: string; name: string }>,
		continueOnFail,
	});
	const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });
	const send = (recipients: string, extra: Record<string, unknown> = {}) => ({
		resource: 'message',
		operation: 'send',
		recipients,
		message: 'Hello from SMS Kit',
		device: rl(''),
		options: {},
		...extra,
	});

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		collector = await startCollector();
		n8n.install();
		defaults = ((await control('/_sandbox/credentials')) as unknown as { smsmobileapi: Defaults }).smsmobileapi;
		const customUrl = (sandbox.urls as Record<string, string>).smsmobileapi;
		const key = { endpoint: 'custom', customUrl, apiKey: defaults.apikey };
		proxy = await startProxy(sandbox.port);
		await n8n.importCredentials([
			// The webhook trigger checks signatures with the credential's Webhook Secret.
			{
				id: 'smaSandboxKey001',
				name: 'smaSandboxKey001',
				type: 'smsMobileApi',
				data: { ...key, webhookSecret: defaults.webhookSecret },
			},
			{
				id: 'smaProxyKey00001',
				name: 'smaProxyKey00001',
				type: 'smsMobileApi',
				data: { ...key, customUrl: `${proxy.url}/smsmobileapi` },
			},
			{
				id: 'smaDownKey000001',
				name: 'smaDownKey000001',
				type: 'smsMobileApi',
				data: { ...key, apiKey: DOWN_KEY, customUrl: `http://127.0.0.1:${await freePort()}/smsmobileapi` },
			},
			{ id: 'smaWrongKey00001', name: 'smaWrongKey00001', type: 'smsMobileApi', data: { ...key, apiKey: WRONG_KEY } },
			{
				id: 'smaSandboxOAuth01',
				name: 'smaSandboxOAuth01',
				type: 'smsMobileApiOAuth2Api',
				// The Access Token URL is left to the credential's hidden default, built from the base URL; the
				// proxy shows the 401 and the token fetched again.
				data: {
					endpoint: 'custom',
					customUrl: `${proxy.url}/smsmobileapi`,
					clientId: defaults.clientId,
					clientSecret: defaults.clientSecret,
				},
			},
		]);
		const resend = chain('wfSmaResend00001', [
			node({ resource: 'sentLog', operation: 'getMany', filters: {} }),
			node({
				resource: 'message',
				operation: 'resend',
				guid: "={{ $('SMS1').all().find(i => i.json.status === 'failed' && i.json.description === 'No signal').json.guid }}",
				channel: 'sms',
			}),
		]);
		(resend.nodes[2] as Record<string, unknown>).executeOnce = true;
		const trigger = (polling: boolean) => ({
			type: `@smskit/n8n-nodes-sms.${polling ? 'smsMobileApiPollingTrigger' : 'smsMobileApiTrigger'}`,
			parameters: polling
				? { authentication: 'apiKey', event: 'incoming', device: rl('', 'list') }
				: { authentication: 'apiKey', event: 'incoming', checkSignature: true },
			credentials: { smsMobileApi: { id: 'smaSandboxKey001', name: 'smaSandboxKey001' } },
		});
		// The example workflow as shipped, its credential set and its Google Sheets step (which needs a Google account)
		// replaced by a post to the collector, keeping the trigger and the IF as they are.
		const example = JSON.parse(
			fs.readFileSync(path.join(__dirname, '../../docs/n8n-workflows/smsmobileapi-stop.json'), 'utf8'),
		) as N8nWorkflow & { nodes: Array<Record<string, unknown> & { parameters: Record<string, unknown> }> };
		example.id = 'wfSmaStopSheet01';
		example.nodes[0].credentials = { smsMobileApi: { id: 'smaSandboxKey001', name: 'smaSandboxKey001' } };
		Object.assign(example.nodes[2], {
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			credentials: undefined,
			parameters: {
				method: 'POST',
				url: collector.url,
				sendBody: true,
				specifyBody: 'json',
				jsonBody: '={{ JSON.stringify({ sheet: "Opt-outs", number: $json.from, message: $json.text }) }}',
				options: {},
			},
		});
		await n8n.importWorkflows([
			example,
			branches('wfSmaActions0001', {
				Three: node(send('+33601020304, +33601020305, +33601020306')),
				WhatsApp: node(send('+33601020307', { operation: 'sendWhatsApp', mediaUrl: 'https://example.com/a.jpg' })),
				Offline: node(send('+33601020308', { device: rl('sandbox-phone-offline') })),
				OAuth2: node({ authentication: 'oAuth2', resource: 'device', operation: 'getMany' }, 'smaSandboxOAuth01'),
				WrongKey: node({ resource: 'device', operation: 'getMany' }, 'smaWrongKey00001', true),
				Down: node({ resource: 'received', operation: 'getMany', filters: {} }, 'smaDownKey000001', true),
			}),
			resend,
			workflow('wfSmaRateLimit01', node({ resource: 'device', operation: 'getMany' }, 'smaProxyKey00001')),
			workflow(
				'wfSmaOAuth2Dev01',
				node({ authentication: 'oAuth2', resource: 'device', operation: 'getMany' }, 'smaSandboxOAuth01'),
			),
			workflow('wfSmaWrongKey001', node({ resource: 'device', operation: 'getMany' }, 'smaWrongKey00001')),
			triggerToCollector('wfSmaWebhook0001', { ...trigger(false), webhookId: 'smsmobileapi-e2e' }, collector.url),
			triggerToCollector('wfSmaPolling0001', trigger(true), collector.url),
		]);
		await n8n.publish('wfSmaWebhook0001');
		await n8n.publish('wfSmaPolling0001');
		await n8n.publish('wfSmaStopSheet01');
	});

	afterAll(async () => {
		await n8n.stop();
		await collector?.close();
		await proxy?.close();
		await sandbox?.close();
	});

	let actions: Awaited<ReturnType<N8n['execute']>>;

	it("SMS to three numbers, WhatsApp to one, a phone offline, OAuth2, an invalid key, a refused connection: no key in n8n's output", async () => {
		sandbox.reset();
		actions = await n8n.execute('wfSmaActions0001');
		const three = itemsOf(actions, 'Three');
		expect(three.map((i) => [i.json.to, i.json.status, i.json.channel, i.pairedItem?.item])).toEqual([
			['+33601020304', 'queued', 'sms', 0],
			['+33601020305', 'queued', 'sms', 0],
			['+33601020306', 'queued', 'sms', 0],
		]);
		expect(itemsOf(actions, 'WhatsApp').map((i) => [i.json.to, i.json.channel])).toEqual([['+33601020307', 'whatsapp']]);
		expect(itemsOf(actions, 'OAuth2').length).toBeGreaterThan(0);
		const [wrong] = itemsOf(actions, 'WrongKey');
		expect(wrong.json).toMatchObject({ code: 'invalid_apikey', httpStatus: 403 });
		expect(String(wrong.json.hint)).toMatch(/API key is invalid/);
		// n8n words it "The service refused the connection"; the run path passes the system code on to the core.
		const [down] = itemsOf(actions, 'Down');
		expect(down.json).toMatchObject({ code: 'ECONNREFUSED', kind: 'not_sent' });
		expect(String(down.json.error)).toMatch(/^SMSMobileAPI: /);
		for (const secret of [WRONG_KEY, DOWN_KEY, defaults.clientSecret]) expect(actions.output).not.toContain(secret);
		expect(actions.output).not.toContain(defaults.apikey);
		const sent = ((await control('/_sandbox/messages')).smsmobileapi as Array<Record<string, unknown>>).map((m) => [
			m.recipients,
			m.send_with_whatsapp,
			m.status,
		]);
		expect(sent).toEqual([
			['+33601020304', '0', 'queued'],
			['+33601020305', '0', 'queued'],
			['+33601020306', '0', 'queued'],
			['+33601020307', '1', 'queued'],
			['+33601020308', '0', 'failed'],
		]);
	});

	it('the sent log shows sent and failed once the phone decided; the failed one is resent', async () => {
		const [a, b] = itemsOf(actions, 'Three').map((i) => String(i.json.guid));
		await control(`/_sandbox/smsmobileapi/messages/${a}/status`, 'POST', { status: 'sent' });
		await control(`/_sandbox/smsmobileapi/messages/${b}/status`, 'POST', { status: 'failed', error: 'No signal' });
		const result = await n8n.execute('wfSmaResend00001');
		expect(result.success).toBe(true);
		const log = Object.fromEntries(itemsOf(result, 'SMS1').map((i) => [i.json.to, [i.json.status, i.json.sentLogStatus]]));
		expect(log).toEqual({
			'+33601020304': ['sent', 'sent'],
			'+33601020305': ['failed', 'failed'],
			'+33601020306': ['pending', 'queued'],
			'+33601020307': ['pending', 'queued'],
			'+33601020308': ['failed', 'failed'],
		});
		expect(itemsOf(result, 'SMS2').map((i) => i.json)).toEqual([expect.objectContaining({ guid: b, resent: true })]);
		const messages = (await control('/_sandbox/messages')).smsmobileapi as Array<Record<string, unknown>>;
		expect(messages.find((m) => m.guid === b)).toMatchObject({ status: 'queued', resends: 1 });
	});

	it('429: waits as Retry-After says, then succeeds', async () => {
		await control('/_sandbox/smsmobileapi/rate-limit', 'PUT', { on: true, retryAfter: 3 });
		proxy.seen.length = 0;
		const running = n8n.execute('wfSmaRateLimit01');
		// Lifted as soon as the first (refused) request went through: the retry then succeeds.
		while (proxy.seen.length === 0) await new Promise((r) => setTimeout(r, 50));
		await control('/_sandbox/smsmobileapi/rate-limit', 'PUT', { on: false });
		const result = await running;
		expect(result.success).toBe(true);
		expect(itemsOf(result, 'SMS').length).toBeGreaterThan(0);
		expect(proxy.seen.map((r) => r.status)).toEqual([429, 200]);
		expect(proxy.seen[1].at - proxy.seen[0].at).toBeGreaterThanOrEqual(2900);
	});

	it('OAuth2: the token n8n stored expires; the 401 makes n8n fetch a new one, and the call succeeds', async () => {
		// The first test's OAuth2 branch stored a token in the credential; the sandbox now refuses it.
		expect(await control('/_sandbox/smsmobileapi/tokens/expire', 'POST')).toMatchObject({ expired: expect.any(Number) });
		proxy.seen.length = 0;
		const result = await n8n.execute('wfSmaOAuth2Dev01');
		expect(result.success).toBe(true);
		expect(proxy.seen.map((r) => [r.path, r.status])).toEqual([
			['/smsmobileapi/gateway/mobile/list/', 401],
			['/smsmobileapi/gateway/mobile/list/', 401],
			['/smsmobileapi/oauth2/token', 200],
			['/smsmobileapi/gateway/mobile/list/', 200],
		]);
		expect(itemsOf(result, 'SMS').length).toBeGreaterThan(0);
		expect(result.output).not.toContain(defaults.clientSecret);
	});

	it("fails with SMSMobileAPI's code on an invalid key (403), the key nowhere in n8n's output", async () => {
		const result = await n8n.execute('wfSmaWrongKey001');
		expect(result.success).toBe(false);
		expect(result.resultData.error?.message).toContain('invalid_apikey');
		expect(String(result.resultData.error?.description)).toMatch(/copy it again/);
		expect(result.output).not.toContain(WRONG_KEY);
	});

	describe('triggers, in the running n8n server', () => {
		let base: string;
		const incoming = () => (collector.received as Array<Record<string, unknown>>).filter((i) => i.event === 'incoming');
		// Pushed items carry the V2 envelope in raw (its type); polled ones the /getsms/ row.
		const pushed = () => incoming().filter((i) => typeof (i.raw as { type?: unknown } | undefined)?.type === 'string');
		const polled = () => incoming().filter((i) => !pushed().includes(i));
		const webhook = () => `${base}/webhook/smsmobileapi-e2e/smsmobileapi`;

		beforeAll(async () => {
			sandbox.reset();
			// Waits in /getsms/ for the polling trigger's first poll, when n8n activates it; no webhook URL is set yet.
			await control('/_sandbox/smsmobileapi/incoming', 'POST', { number: '+33601020390', message: 'STOP polling' });
			base = await n8n.start(await freePort());
		});

		it('polling mode emits the waiting SMS once, in the normalised shape', async () => {
			await collector.waitFor(1);
			await new Promise((r) => setTimeout(r, 1500));
			expect(polled()).toEqual([
				expect.objectContaining({
					provider: 'smsmobileapi',
					event: 'incoming',
					from: '+33601020390',
					text: 'STOP polling',
					id: expect.any(String),
				}),
			]);
		});

		it('a signed push starts the workflow exactly once; a replayed, wrongly signed or stale push starts nothing', async () => {
			collector.received.length = 0;
			await control('/_sandbox/smsmobileapi/webhook', 'PUT', { url: webhook(), secret: defaults.webhookSecret });
			await control('/_sandbox/smsmobileapi/incoming', 'POST', { number: '+33601020391', message: 'STOP webhook' });
			await collector.waitFor(1);
			for (const variant of ['replay', 'bad-signature', 'stale'])
				await control(`/_sandbox/smsmobileapi/webhook/${variant}`, 'POST');
			const { attempts } = (await control('/_sandbox/smsmobileapi/webhook?wait=1')) as unknown as { attempts: Attempt[] };
			expect(attempts.map((a) => [a.variant, a.httpStatus, a.httpStatus === 500 ? a.response : null])).toEqual([
				['original', 202, null],
				['replay', 202, null],
				['bad-signature', 401, null],
				['stale', 401, null],
			]);
			await new Promise((r) => setTimeout(r, 2000));
			expect(pushed()).toEqual([
				expect.objectContaining({
					provider: 'smsmobileapi',
					event: 'incoming',
					from: '+33601020391',
					text: 'STOP webhook',
					raw: expect.objectContaining({ type: 'sms.received', id: attempts[0].eventId }),
				}),
			]);
		});

		it('the example workflow: an SMS with STOP is added to the sheet, one without is not', async () => {
			collector.received.length = 0;
			await control('/_sandbox/smsmobileapi/webhook', 'PUT', { url: `${base}/webhook/smsmobileapi-stop/smsmobileapi` });
			await control('/_sandbox/smsmobileapi/incoming', 'POST', { number: '+33601020392', message: 'Hello there' });
			await control('/_sandbox/smsmobileapi/incoming', 'POST', { number: '+33601020393', message: 'please stop' });
			const { attempts } = (await control('/_sandbox/smsmobileapi/webhook?wait=1')) as unknown as { attempts: Attempt[] };
			expect(attempts.slice(-2).map((a) => a.httpStatus)).toEqual([202, 202]);
			await collector.waitFor(1);
			await new Promise((r) => setTimeout(r, 1500));
			// The polling workflow may poll meanwhile (every minute) and post to the same collector: only the sheet's rows.
			const rows = (collector.received as Array<Record<string, unknown>>).filter((i) => 'sheet' in i);
			expect(rows).toEqual([{ sheet: 'Opt-outs', number: '+33601020393', message: 'please stop' }]);
		});
	});
});
