/**
 * The published package in a real, embedded Node-RED 4: installed from the tarball into the user
 * directory like a palette install, flows deployed through the admin API, messages driven through
 * http-in endpoints, and the in-process sandbox standing in for OVHcloud.
 */
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { call, endpoint, harnessNodes, MODULE, spread, startNodeRed, waitFor, type EmbeddedNodeRed } from './helpers/node-red';
import { TMP } from './helpers/pack';

const TYPES = ['ovh-sms-config', 'ovh-sms-send', 'ovh-sms-services'];
const WRONG_SECRET = 'wrong-application-secret-e2e';

interface Keys {
	applicationKey: string;
	applicationSecret: string;
	consumerKey: string;
}

interface SandboxJob {
	service: string;
	receivers: string[];
	message: string;
	sender?: string;
	tag?: string;
}

let sandbox: Sandbox;
let keys: Keys;
let nodeRed: EmbeddedNodeRed;
let base: string;

const sandboxOrigin = () => `http://127.0.0.1:${sandbox.port}`;

async function sandboxJobs(): Promise<SandboxJob[]> {
	return (await call('GET', `${sandboxOrigin()}/_sandbox/messages`)).json.ovh;
}

const statuses = () => nodeRed.statuses();
const deploy = (flows: object[]) => nodeRed.deploy(flows);

/** One tab: an http-in endpoint per case into our nodes, and a catch node answering with msg.error. */
function flows(): object[] {
	const z = 'e2e-tab';
	const account = (id: string, secret: string) => ({
		id,
		type: 'ovh-sms-config',
		name: `${id} (sandbox)`,
		endpoint: 'custom',
		customUrl: sandbox.urls.ovh,
		credentials: { ...keys, applicationSecret: secret },
	});
	const send = (id: string, config: string, fields: Record<string, string>) => ({
		id,
		type: 'ovh-sms-send',
		z,
		name: '',
		account: config,
		service: '',
		message: '',
		receivers: '',
		sender: '',
		senderForResponse: false,
		noStopClause: false,
		priority: '',
		validityPeriod: '',
		tag: '',
		...fields,
		wires: [['n-respond']],
	});
	return [
		{ id: z, type: 'tab', label: 'SMS Kit e2e' },
		account('n-account', keys.applicationSecret),
		account('n-wrong-secret', WRONG_SECRET),
		endpoint(z, '/send', 'n-spread-fixed'),
		spread(z, 'n-spread-fixed', 'n-send-fixed'),
		send('n-send-fixed', 'n-account', {
			service: 'sms-sandbox-1',
			message: 'Hello World!',
			receivers: '+33601020304, 0033601020305\n+33 6 01 02 03 06',
		}),
		endpoint(z, '/send-from-msg', 'n-from-msg'),
		spread(z, 'n-from-msg', 'n-send-from-msg'),
		send('n-send-from-msg', 'n-account', {}),
		endpoint(z, '/send-wrong-secret', 'n-send-wrong-secret'),
		send('n-send-wrong-secret', 'n-wrong-secret', { service: 'sms-sandbox-1', message: 'Hello', receivers: '+33601020304' }),
		endpoint(z, '/services', 'n-services'),
		{ id: 'n-services', type: 'ovh-sms-services', z, name: '', account: 'n-account', wires: [['n-respond']] },
		...harnessNodes(z),
	];
}

describe('Node-RED 4 with @smskit/n8n-nodes-sms installed from the tarball', () => {
	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		keys = (await call('GET', `${sandboxOrigin()}/_sandbox/credentials`)).json.ovh;
		nodeRed = await startNodeRed();
		base = nodeRed.base;
		await deploy(flows());
	});

	afterAll(async () => {
		await nodeRed?.stop();
		await sandbox?.close();
	});

	beforeEach(async () => {
		sandbox.reset();
		await statuses();
	});

	test('the palette has the three node types, loaded from <userDir>/node_modules without error', async () => {
		const sets = (await call('GET', `${base}/admin/nodes`)).json as Array<{
			module: string;
			types: string[];
			enabled: boolean;
			err?: string;
		}>;
		const ours = sets.filter((s) => s.module === MODULE);
		expect(ours).toHaveLength(1);
		expect(ours[0]).toMatchObject({ enabled: true, version: '0.1.0' });
		expect(ours[0].err).toBeUndefined();
		expect(ours[0].types.filter((t) => t.startsWith('ovh-')).sort()).toEqual(TYPES);

		const module = (await call('GET', `${base}/admin/nodes/${MODULE}`)).json as { path: string };
		expect(module.path).toContain(path.join(TMP, 'node-red-'));

		// Editor templates, help and strings, and the icon, as the editor fetches them.
		const html = (await call('GET', `${base}/admin/nodes`, undefined, { Accept: 'text/html' })).text;
		for (const type of TYPES) {
			expect(html).toContain(`data-template-name="${type}"`);
			expect(html).toContain(`data-help-name="${type}"`);
		}
		const strings = (await call('GET', `${base}/admin/nodes/messages?lng=en-US`)).json;
		expect(strings[`${MODULE}/smskit`]['ovh-sms-send'].paletteLabel).toBe('send SMS');
		const icon = await fetch(`${base}/admin/icons/${MODULE}/ovh.svg`);
		expect(icon.status).toBe(200);
		expect(await icon.text()).toContain('<svg');
		// The endpoint list comes from the core, through the config node's exported setting.
		const settings = (await call('GET', `${base}/admin/settings`)).json;
		expect(settings.ovhSmsConfigEndpoints).toMatchObject({ 'ovh-eu': expect.any(String), custom: expect.any(String) });
	});

	test('sends "Hello World!" to three receivers in one job', async () => {
		const reply = await call('POST', `${base}/api/send`, {});
		expect(reply.status).toBe(200);
		const receivers = ['+33601020304', '+33601020305', '+33601020306'];
		expect(reply.json).toHaveLength(3);
		expect(reply.json.map((r: { to: string }) => r.to)).toEqual(receivers);
		for (const result of reply.json) {
			expect(result).toMatchObject({
				provider: 'ovh',
				status: 'queued',
				messageId: expect.stringMatching(/^\d+$/),
				encoding: 'GSM-7',
				segments: 1,
				characters: 12,
				error: null,
				service: 'sms-sandbox-1',
			});
		}
		const jobs = await sandboxJobs();
		expect(jobs).toHaveLength(1);
		expect(jobs[0]).toMatchObject({ service: 'sms-sandbox-1', message: 'Hello World!', receivers });
		expect(await statuses()).toEqual([
			{ type: 'ovh-sms-send', fill: 'blue', text: 'sending' },
			{ type: 'ovh-sms-send', fill: 'green', text: 'sent 3' },
		]);
	});

	test('empty fields are taken from msg: payload is the text, to the receivers, and the other options', async () => {
		const reply = await call('POST', `${base}/api/send-from-msg`, {
			payload: 'Bonjour depuis Node-RED',
			to: ['+33 6 11 22 33 44', '+33611223345'],
			service: 'sms-sandbox-2',
			sender: 'SMSKit',
			noStopClause: true,
			priority: 'high',
			validityPeriod: 60,
			tag: 'from-msg',
		});
		expect(reply.status).toBe(200);
		expect(reply.json).toHaveLength(2);
		expect(reply.json[0]).toMatchObject({ status: 'queued', to: '+33611223344', service: 'sms-sandbox-2', tag: 'from-msg' });
		const jobs = await sandboxJobs();
		expect(jobs).toHaveLength(1);
		expect(jobs[0]).toMatchObject({
			service: 'sms-sandbox-2',
			message: 'Bonjour depuis Node-RED',
			receivers: ['+33611223344', '+33611223345'],
			sender: 'SMSKit',
			noStopClause: true,
			priority: 'high',
			validityPeriod: 60,
			tag: 'from-msg',
		});
	});

	test('fields set in the node win over msg', async () => {
		const reply = await call('POST', `${base}/api/send`, { payload: 'ignored', to: '+33699999999', service: 'sms-sandbox-2' });
		expect(reply.status).toBe(200);
		const jobs = await sandboxJobs();
		expect(jobs).toEqual([
			expect.objectContaining({
				service: 'sms-sandbox-1',
				message: 'Hello World!',
				receivers: ['+33601020304', '+33601020305', '+33601020306'],
			}),
		]);
	});

	test('lists the services', async () => {
		const reply = await call('POST', `${base}/api/services`, {});
		expect(reply.status).toBe(200);
		expect(reply.json).toEqual([{ service: 'sms-sandbox-1' }, { service: 'sms-sandbox-2' }]);
		expect((await statuses()).pop()).toEqual({ type: 'ovh-sms-services', fill: 'green', text: '2 service(s)' });
	});

	test("the editor's service list works for a deployed account and for one being edited", async () => {
		const deployed = await call('GET', `${base}/admin/smskit/ovh/services/n-account`);
		expect(deployed.json).toEqual([{ service: 'sms-sandbox-1' }, { service: 'sms-sandbox-2' }]);

		// Unchanged password fields arrive as __PWRD__ and are taken from the stored credentials.
		const edited = await call('POST', `${base}/admin/smskit/ovh/services`, {
			id: 'n-account',
			endpoint: 'custom',
			customUrl: sandbox.urls.ovh,
			credentials: { applicationKey: keys.applicationKey, applicationSecret: '__PWRD__', consumerKey: '__PWRD__' },
		});
		expect(edited.json).toEqual([{ service: 'sms-sandbox-1' }, { service: 'sms-sandbox-2' }]);

		// Stored keys never go to a URL typed in the dialog but not deployed.
		const elsewhere = await call('POST', `${base}/admin/smskit/ovh/services`, {
			id: 'n-account',
			endpoint: 'custom',
			customUrl: `${sandboxOrigin()}/elsewhere/1.0`,
			credentials: { applicationKey: keys.applicationKey, applicationSecret: '__PWRD__', consumerKey: '__PWRD__' },
		});
		expect(elsewhere.status).toBe(400);
		expect(elsewhere.json.code).toBe('ACCOUNT_CHANGED');

		const wrong = await call('POST', `${base}/admin/smskit/ovh/services`, {
			endpoint: 'custom',
			customUrl: sandbox.urls.ovh,
			credentials: { ...keys, applicationSecret: WRONG_SECRET },
		});
		expect(wrong.status).toBe(400);
		expect(wrong.json.code).toBe('INVALID_SIGNATURE');
		expect(wrong.text).not.toContain(WRONG_SECRET);

		expect((await call('GET', `${base}/admin/smskit/ovh/services/nope`)).status).toBe(404);
	});

	test('a wrong application secret reaches the catch node as INVALID_SIGNATURE, without the secret', async () => {
		const reply = await call('POST', `${base}/api/send-wrong-secret`, {});
		expect(reply.status).toBe(500);
		expect(reply.json.source).toBe('ovh-sms-send');
		expect(reply.json.code).toBe('INVALID_SIGNATURE');
		expect(reply.json.message).toContain('INVALID_SIGNATURE');
		expect(reply.json.message).toContain('Invalid signature');
		expect(reply.json.message).toMatch(/^SmsError: OVHcloud: /);
		expect(reply.json.cause).toMatchObject({ provider: 'ovh', code: 'INVALID_SIGNATURE', requestId: expect.any(String) });
		expect(reply.json.message).toContain(reply.json.cause.requestId);
		for (const secret of [WRONG_SECRET, keys.applicationSecret, keys.consumerKey]) expect(reply.text).not.toContain(secret);
		expect(await sandboxJobs()).toEqual([]);
		expect((await statuses()).pop()).toEqual({ type: 'ovh-sms-send', fill: 'red', text: 'INVALID_SIGNATURE' });
	});

	test('an invalid phone number fails the message before any request', async () => {
		const reply = await call('POST', `${base}/api/send-from-msg`, { payload: 'Hello', to: '+33 12', service: 'sms-sandbox-1' });
		expect(reply.status).toBe(500);
		expect(reply.json.code).toBe('INVALID_PHONE_NUMBER');
		expect(reply.json.message).toContain('"+33 12" is not a valid phone number');
		expect(reply.json.cause.hint).toContain('international format');
		expect(await sandboxJobs()).toEqual([]);
	});

	test('a missing message is reported plainly, nothing sent (an inject timestamp is not a text)', async () => {
		const reply = await call('POST', `${base}/api/send-from-msg`, {
			payload: 1718000000000,
			to: '+33601020304',
			service: 'sms-sandbox-1',
		});
		expect(reply.status).toBe(500);
		expect(reply.json.code).toBe('INVALID_INPUT');
		expect(reply.json.message).toContain('the message is empty');
		expect(await sandboxJobs()).toEqual([]);
	});

	test('the example flow ships in the package and sends through the sandbox', async () => {
		const example = (await call('GET', `${base}/admin/library/examples/flows/${MODULE}/ovh-send-sms`)).json as Array<
			Record<string, unknown>
		>;
		expect(example.map((n) => n.type)).toEqual(expect.arrayContaining(['inject', 'ovh-sms-send', 'debug', 'ovh-sms-config']));
		const config = example.find((n) => n.type === 'ovh-sms-config')!;
		expect(config.credentials).toBeUndefined();
		expect(config.customUrl).toBe('http://127.0.0.1:4010/ovh/1.0');

		// What a user does after importing it: point the account at their sandbox and paste the keys.
		const z = 'example-tab';
		const imported = example.map((n) =>
			n.type === 'ovh-sms-config' ? { ...n, customUrl: sandbox.urls.ovh, credentials: keys } : { ...n, z },
		);
		await deploy([{ id: z, type: 'tab', label: 'example' }, ...imported]);
		const inject = example.find((n) => n.type === 'inject')!;
		expect((await call('POST', `${base}/admin/inject/${inject.id as string}`)).status).toBe(200);
		const jobs = await waitFor(async () => {
			const all = await sandboxJobs();
			return all.length ? all : undefined;
		});
		expect(jobs).toEqual([
			expect.objectContaining({
				service: 'sms-sandbox-1',
				message: 'Hello World!',
				receivers: ['+33601020304'],
				tag: 'node-red-example',
			}),
		]);
		await deploy(flows());
	});
});
