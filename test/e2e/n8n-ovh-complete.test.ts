import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { freePort, startCollector } from './helpers/collector';
import { N8n, itemsOf } from './helpers/n8n';
import { chain, triggerToCollector, workflow } from './helpers/workflows';

/** Every OVHcloud resource and the OVHcloud SMS Trigger in the real n8n, against the sandbox. */
describe('n8n 2.x × OVHcloud SMS, complete (sandbox)', () => {
	const n8n = new N8n('ovh-complete');
	let sandbox: Sandbox;
	let collectors: Record<'poll' | 'hook' | 'dlr', Awaited<ReturnType<typeof startCollector>>>;
	const SERVICE = { __rl: true, mode: 'name', value: 'sms-sandbox-1' };
	const control = async (path: string, method = 'GET', body?: unknown) => {
		const res = await fetch(`http://127.0.0.1:${sandbox.port}${path}`, {
			method,
			headers: { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return res.json() as Promise<Record<string, unknown>>;
	};
	const ovh = (parameters: Record<string, unknown>, credential = 'ovhSandbox000002') => ({
		type: '@smskit/n8n-nodes-sms.ovhSms',
		parameters,
		credentials: { ovhApi: { id: credential, name: credential } },
	});
	const send = (options: Record<string, unknown>, receivers = '+33601020304') => ({
		resource: 'message',
		operation: 'send',
		service: SERVICE,
		receivers,
		message: 'Your appointment is tomorrow at 10:00.',
		senderType: 'default',
		options,
	});
	/** A consumer key created through POST /auth/credential (unsigned), as smskit-ovh-setup does. */
	const consumerKey = async (accessRules: unknown[]) => {
		const res = await fetch(`${sandbox.urls.ovh}/auth/credential`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'X-Ovh-Application': 'sandbox-ovh-application-key' },
			body: JSON.stringify({ accessRules }),
		});
		return ((await res.json()) as { consumerKey: string }).consumerKey;
	};

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		collectors = { poll: await startCollector(), hook: await startCollector(), dlr: await startCollector() };
		n8n.install();
		const defaults = ((await control('/_sandbox/credentials')).ovh ?? {}) as Record<string, string>;
		const oauth = (await control('/_sandbox/ovh/oauth2')) as Record<string, string>;
		const pending = await consumerKey([
			{ method: 'GET', path: '/*' },
			{ method: 'POST', path: '/*' },
		]);
		const readOnly = await consumerKey([{ method: 'GET', path: '/*' }]);
		await control(`/_sandbox/ovh/consumer-keys/${readOnly}/validate`, 'POST', {});
		const data = { endpoint: 'custom', customUrl: sandbox.urls.ovh, ...defaults };
		await n8n.importCredentials([
			{ id: 'ovhSandbox000002', name: 'ovhSandbox000002', type: 'ovhApi', data },
			{ id: 'ovhPendingCk0001', name: 'ovhPendingCk0001', type: 'ovhApi', data: { ...data, consumerKey: pending } },
			{ id: 'ovhReadOnlyCk001', name: 'ovhReadOnlyCk001', type: 'ovhApi', data: { ...data, consumerKey: readOnly } },
			{
				id: 'ovhServiceAcct01',
				name: 'ovhServiceAcct01',
				type: 'ovhOAuth2Api',
				data: {
					clientId: oauth.clientId,
					clientSecret: oauth.clientSecret,
					accessTokenUrl: oauth.tokenUrl,
					baseUrl: sandbox.urls.ovh,
					grantType: 'clientCredentials',
					scope: 'all',
					authentication: 'header',
				},
			},
		]);
		// Webhook and polling are two nodes: a webhook trigger showed a poll schedule that did nothing.
		const trigger = (event: string, mode: string) => ({
			type: mode === 'polling' ? '@smskit/n8n-nodes-sms.ovhSmsPollingTrigger' : '@smskit/n8n-nodes-sms.ovhSmsTrigger',
			parameters: { event, service: SERVICE },
			credentials: { ovhApi: { id: 'ovhSandbox000002', name: 'ovhSandbox000002' } },
		});
		await n8n.importWorkflows([
			chain('wfOvhJobs0000001', [
				ovh(send({ differedPeriod: 30, priority: 'low', tag: 'later', class: 'flash' })),
				ovh({ resource: 'job', operation: 'get', service: SERVICE, id: '={{ $json.messageId }}' }),
				ovh({ resource: 'job', operation: 'cancel', service: SERVICE, id: '={{ $json.id }}' }),
			]),
			workflow('wfOvhSendNow0001', ovh(send({ tag: 'now' }))),
			workflow(
				'wfOvhOutgoing001',
				ovh({ resource: 'outgoing', operation: 'getMany', service: SERVICE, returnAll: true, filters: { tag: 'now' } }),
			),
			chain('wfOvhTemplate001', [
				ovh({
					resource: 'template',
					operation: 'add',
					service: SERVICE,
					name: 'otp',
					activity: 'authentification',
					message: 'Your code is #VALUE#',
					templateOptions: {},
				}),
				ovh({ resource: 'template', operation: 'get', service: SERVICE, name: 'otp' }),
			]),
			workflow('wfOvhPendingCk01', ovh(send({}), 'ovhPendingCk0001')),
			workflow('wfOvhReadOnly001', ovh(send({}), 'ovhReadOnlyCk001')),
			workflow('wfOvhNoCredits01', ovh(send({}))),
			workflow('wfOvhOAuth200001', {
				type: '@smskit/n8n-nodes-sms.ovhSms',
				parameters: { authentication: 'oAuth2', resource: 'account', operation: 'getMany' },
				credentials: { ovhOAuth2Api: { id: 'ovhServiceAcct01', name: 'ovhServiceAcct01' } },
			}),
			triggerToCollector('wfOvhPollIn00001', trigger('incoming', 'polling'), collectors.poll.url),
			triggerToCollector('wfOvhHookIn00001', { ...trigger('incoming', 'webhook'), webhookId: 'ovh-e2e-in' }, collectors.hook.url),
			triggerToCollector('wfOvhHookDlr0001', { ...trigger('delivery', 'webhook'), webhookId: 'ovh-e2e-dlr' }, collectors.dlr.url),
		]);
		for (const id of ['wfOvhPollIn00001', 'wfOvhHookIn00001', 'wfOvhHookDlr0001']) await n8n.publish(id);
	});

	afterAll(async () => {
		await n8n.stop();
		for (const c of Object.values(collectors ?? {})) await c.close();
		await sandbox?.close();
	});

	// First: the consumer keys made in beforeAll live until the sandbox is reset.
	it.each([
		['wfOvhPendingCk01', 'INVALID_CREDENTIAL'],
		['wfOvhReadOnly001', 'NOT_GRANTED_CALL'],
	])('%s fails with %s and a hint', async (id, code) => {
		const result = await n8n.execute(id);
		expect(result.success).toBe(false);
		expect(result.resultData.error?.message).toContain(code);
		expect(String(result.resultData.error?.description)).toMatch(/consumer key/);
	});

	it('sends with options as a deferred job, reads the job, cancels it', async () => {
		sandbox.reset();
		const result = await n8n.execute('wfOvhJobs0000001');
		expect(result.success).toBe(true);
		const [sent] = itemsOf(result, 'SMS1');
		const [job] = itemsOf(result, 'SMS2');
		expect(job.json).toMatchObject({ id: Number(sent.json.messageId), receiver: '+33601020304' });
		expect(itemsOf(result, 'SMS3')[0].json).toMatchObject({ cancelled: true, id: Number(sent.json.messageId) });
		const [message] = (await control('/_sandbox/messages')).ovh as Array<Record<string, unknown>>;
		expect(message).toMatchObject({ priority: 'low', tag: 'later', differedPeriod: 30, class: 'flash' });
	});

	it('reads the delivery status the operator reported, normalised beside OVH codes', async () => {
		sandbox.reset();
		const [sent] = itemsOf(await n8n.execute('wfOvhSendNow0001'), 'SMS');
		await control(`/_sandbox/ovh/outgoing/${sent.json.messageId}/delivery`, 'POST', { status: 'delivered' });
		const records = itemsOf(await n8n.execute('wfOvhOutgoing001'), 'SMS');
		expect(records.map((r) => [r.json.messageId, r.json.status, r.json.deliveryReceipt])).toEqual([
			[sent.json.messageId, 'delivered', 1],
		]);
	});

	it('adds a template, which waits for validation', async () => {
		const result = await n8n.execute('wfOvhTemplate001');
		expect(itemsOf(result, 'SMS2')[0].json).toMatchObject({
			name: 'otp',
			status: 'waitingValidation',
			activity: 'authentification',
		});
	});

	it('lists services with an OAuth2 service account', async () => {
		const result = await n8n.execute('wfOvhOAuth200001');
		expect(itemsOf(result, 'SMS').map((i) => i.json.service)).toEqual(['sms-sandbox-1', 'sms-sandbox-2']);
	});

	it('fails plainly when the account has no credits left', async () => {
		sandbox.reset();
		await control('/_sandbox/ovh/services/sms-sandbox-1/credits', 'PUT', { creditsLeft: 0 });
		const result = await n8n.execute('wfOvhNoCredits01');
		expect(result.success).toBe(false);
		expect(result.resultData.error?.message).toMatch(/credit/i);
		expect((await control('/_sandbox/messages')).ovh).toEqual([]);
	});

	describe('OVHcloud SMS Trigger, in the running n8n server', () => {
		let base: string;
		let sentId: unknown;

		beforeAll(async () => {
			sandbox.reset();
			// Sent before the server starts: the CLI and the server should not share the database at once.
			[
				{
					json: { messageId: sentId },
				},
			] = itemsOf(await n8n.execute('wfOvhSendNow0001'), 'SMS');
			// Waiting before activation: the polling trigger's first poll picks it up.
			await control('/_sandbox/ovh/incoming', 'POST', { sender: '+33601020304', message: 'Polled hello' });
			base = await n8n.start(await freePort());
		});

		it('polling: an incoming SMS comes out exactly once', async () => {
			await collectors.poll.waitFor(1);
			await new Promise((r) => setTimeout(r, 2000));
			expect(collectors.poll.received).toEqual([
				expect.objectContaining({
					provider: 'ovh',
					event: 'incoming',
					from: '+33601020304',
					text: 'Polled hello',
					account: 'sms-sandbox-1',
					raw: expect.objectContaining({ sender: '+33601020304' }),
				}),
			]);
		});

		it('webhook: activation registered the URLs on the account; an incoming SMS is pushed once, a repeat starts nothing', async () => {
			const account = await fetch(`${base}/webhook/ovh-e2e-in/ovh-sms`, { method: 'POST' }).then((r) => r.status);
			expect(account).toBe(401); // without the token the trigger registered with, nothing gets in
			await control('/_sandbox/ovh/incoming', 'POST', { sender: '+33601020305', message: 'Pushed hello', tag: 'rdv' });
			const pushes = (await control('/_sandbox/ovh/callbacks?wait=1')) as { attempts: Array<{ kind: string }> };
			expect(pushes.attempts.filter((a) => a.kind === 'incoming')).toEqual([expect.objectContaining({ state: 'accepted' })]);
			const [item] = (await collectors.hook.waitFor(1)) as Array<Record<string, unknown>>;
			// The same shape as a polled one; OVHcloud's own fields under raw.
			expect(item).toMatchObject({
				provider: 'ovh',
				event: 'incoming',
				from: '+33601020305',
				text: 'Pushed hello',
				account: 'sms-sandbox-1',
				raw: expect.objectContaining({ tag: 'rdv' }),
			});

			const { attempts } = (await control('/_sandbox/ovh/callbacks?wait=1')) as {
				attempts: Array<{ kind: string; url: string; payload: Record<string, string>; state: string }>;
			};
			const pushed = attempts.filter((a) => a.kind === 'incoming').at(-1)!;
			expect(pushed).toMatchObject({
				url: expect.stringMatching(new RegExp(`^${base}/webhook/ovh-e2e-in/ovh-sms\\?token=[\\w-]{22}$`)),
				state: 'accepted',
			});
			await fetch(pushed.url, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams(pushed.payload).toString(),
			});
			await new Promise((r) => setTimeout(r, 2500));
			expect(collectors.hook.received).toHaveLength(1);
		});

		it('webhook: a delivery report pushed by OVHcloud starts the workflow', async () => {
			await control(`/_sandbox/ovh/outgoing/${sentId}/delivery`, 'POST', { status: 'delivered' });
			const [report] = (await collectors.dlr.waitFor(1)) as Array<Record<string, unknown>>;
			expect(report).toMatchObject({
				provider: 'ovh',
				event: 'delivery',
				status: 'delivered',
				messageId: sentId,
				account: 'sms-sandbox-1',
				raw: expect.any(Object),
			});
		});

		it('the editor offers no "Custom API Call" (it would send unsigned requests), and action names say the provider', async () => {
			// What the running n8n serves the editor, written at start-up.
			const file = path.join(n8n.folder, '.cache/n8n/public/types/nodes.json');
			const types = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{
				name: string;
				properties: Array<{ name: string; options?: Array<{ value: string; action?: string }> }>;
			}>;
			const ours = types.filter((t) => t.name.startsWith('@smskit/n8n-nodes-sms.') && !t.name.endsWith('Tool'));
			// Every node the package declares (dist/nodes/X/yZ.node.js is the node named yZ).
			const declared = (
				JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { n8n: { nodes: string[] } }
			).n8n.nodes;
			expect(ours.map((t) => t.name).sort()).toEqual(
				declared
					.map((file) => `@smskit/n8n-nodes-sms.${path.basename(file, '.node.js').replace(/^./, (c) => c.toLowerCase())}`)
					.sort(),
			);
			const options = ours.flatMap((t) => t.properties.filter((p) => p.name === 'operation').flatMap((p) => p.options ?? []));
			expect(options.map((o) => o.value)).not.toContain('__CUSTOM_API_CALL__');
			// One "send" action per provider's node, each naming its provider, so two land as distinct names.
			const sendActions = options.filter((o) => o.value === 'send').map((o) => o.action ?? '');
			expect(sendActions).toContain('Send an SMS with OVHcloud');
			expect(sendActions).toContain('Send an SMS with Tencent Cloud SMS');
			for (const action of sendActions) expect(action).toMatch(/^Send an SMS with \S/);
			expect(new Set(sendActions).size).toBe(sendActions.length);
		});
	});
});
