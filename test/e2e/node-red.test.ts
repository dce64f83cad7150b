/**
 * The published package in a real, embedded Node-RED 4: installed from the tarball into the user
 * directory like a palette install, flows deployed through the admin API, messages driven through
 * http-in endpoints, and the in-process sandbox standing in for OVHcloud.
 */
import * as path from 'node:path';
import { ovh, parseBody, runOperation, type Operation, type Transport } from '../../core';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import {
	call,
	endpoint,
	harnessNodes,
	MODULE,
	RECEIVE_TOKEN,
	spread,
	startNodeRed,
	waitFor,
	withToken,
	type EmbeddedNodeRed,
} from './helpers/node-red';
import { TMP } from './helpers/pack';
import type { ZodType } from 'zod';

const TYPES = ['ovh-sms-config', 'ovh-sms-manage', 'ovh-sms-receive', 'ovh-sms-send', 'ovh-sms-status'];
/** The normalised event of a receive node, the same in poll and webhook mode. */
const INCOMING_KEYS = ['account', 'event', 'from', 'id', 'provider', 'raw', 'receivedAt', 'text'];
const DELIVERY_KEYS = ['account', 'at', 'description', 'event', 'messageId', 'provider', 'raw', 'status', 'to'];
const WRONG_SECRET = 'wrong-application-secret-e2e';
const SERVICE = 'sms-sandbox-1';
const THREE = ['+33601020304', '+33601020305', '+33601020306'];

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
	ids: number[];
}

interface PushAttempt {
	kind: 'delivery' | 'incoming';
	method: string;
	url: string;
	payload: Record<string, string>;
	state: string;
	httpStatus: number | null;
}

interface Received {
	topic: string;
	payload: Record<string, unknown>;
}

let sandbox: Sandbox;
let keys: Keys;
let nodeRed: EmbeddedNodeRed;
let base: string;

const sandboxOrigin = () => `http://127.0.0.1:${sandbox.port}`;

async function sandboxJobs(): Promise<SandboxJob[]> {
	return (await call('GET', `${sandboxOrigin()}/_sandbox/messages`)).json.ovh;
}

const control = (method: string, path: string, body?: unknown) => call(method, `${sandboxOrigin()}${path}`, body);
const pushes = async (): Promise<PushAttempt[]> => (await control('GET', '/_sandbox/ovh/callbacks?wait=1')).json.attempts;
const statuses = () => nodeRed.statuses();
const deploy = (flows: object[]) => nodeRed.deploy(flows);
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What a collector kept since the last call (see collector()). */
async function received(key: string): Promise<Received[]> {
	return (await call('GET', `${base}/api/received/${key}`)).json;
}

/** Waits until the collector has something, then returns all it kept. */
async function receivedSoon(key: string, timeoutMs = 10_000): Promise<Received[]> {
	return waitFor(async () => {
		const all = await received(key);
		return all.length ? all : undefined;
	}, timeoutMs);
}

/** Waits until one of our nodes shows this status text. */
async function statusShown(type: string, text: string): Promise<void> {
	await waitFor(async () => ((await statuses()).some((s) => s.type === type && s.text === text) ? true : undefined));
}

/** Signed calls straight to the sandbox with the default keys, to read or set what the nodes cannot show. */
const fetchTransport: Transport = async (wire) => {
	const response = await fetch(wire.url, { method: wire.method, headers: wire.headers, body: wire.body });
	return {
		status: response.status,
		headers: { 'x-ovh-queryid': response.headers.get('x-ovh-queryid') ?? undefined },
		body: parseBody(await response.text()),
	};
};
function ovhApi<Schema extends ZodType, Output>(op: Operation<Schema, Output>, input: unknown): Promise<Output> {
	const send = ovh.ovhSession({ ...keys, endpoint: 'custom', customUrl: sandbox.urls.ovh }, fetchTransport, Date.now);
	return runOperation(op, input, { send, toError: ovh.ovhError, sleep: pause });
}

const z = 'e2e-tab';

/** A function node keeping every message under flow context `received-<key>`, and GET /received/<key> to take them. */
function collector(key: string): object[] {
	return [
		{
			id: `n-collect-${key}`,
			type: 'function',
			z,
			outputs: 0,
			func: `const all = flow.get('received-${key}') || [];\nall.push({ topic: msg.topic, payload: msg.payload });\nflow.set('received-${key}', all);\nreturn null;`,
			wires: [],
		},
		{ id: `in-received-${key}`, type: 'http in', z, url: `/received/${key}`, method: 'get', wires: [[`n-take-${key}`]] },
		{
			id: `n-take-${key}`,
			type: 'function',
			z,
			outputs: 1,
			func: `msg.payload = flow.get('received-${key}') || [];\nflow.set('received-${key}', []);\nreturn msg;`,
			wires: [['n-respond']],
		},
	];
}

function account(id: string, credentials: Partial<Keys> = {}, fields: Record<string, unknown> = {}): object {
	return {
		id,
		type: 'ovh-sms-config',
		name: `${id} (sandbox)`,
		endpoint: 'custom',
		customUrl: sandbox.urls.ovh,
		...fields,
		credentials: { ...keys, ...credentials },
	};
}

function statusNode(id: string, operation: string, fields: Record<string, unknown> = {}, wires = ['n-respond']): object {
	return {
		id,
		type: 'ovh-sms-status',
		z,
		name: '',
		account: 'n-account',
		operation,
		service: '',
		itemId: '',
		receiver: '',
		sender: '',
		tag: '',
		since: '',
		until: '',
		details: false,
		limit: '',
		...fields,
		wires: [wires],
	};
}

function manageNode(id: string, operation: string, fields: Record<string, unknown> = {}): object {
	return {
		id,
		type: 'ovh-sms-manage',
		z,
		name: '',
		account: 'n-account',
		operation,
		service: SERVICE,
		templateName: '',
		activity: '',
		message: '',
		description: '',
		reason: '',
		details: false,
		...fields,
		wires: [['n-respond']],
	};
}

function receiveNode(id: string, fields: Record<string, unknown>, collectorKey: string): object {
	return {
		id,
		type: 'ovh-sms-receive',
		z,
		name: '',
		account: 'n-account',
		service: SERVICE,
		mode: 'poll',
		event: 'both',
		interval: '60',
		deleteRead: false,
		path: '',
		register: false,
		publicUrl: '',
		...fields,
		credentials: { token: RECEIVE_TOKEN },
		wires: [[`n-collect-${collectorKey}`]],
	};
}

/** One tab: an http-in endpoint per case into our nodes, and a catch node answering with msg.error. */
function flows(extra: object[] = []): object[] {
	const send = (id: string, config: string, fields: Record<string, string>, wires = ['n-respond']) => ({
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
		differedPeriod: '',
		class: '',
		coding: '',
		charset: '',
		...fields,
		wires: [wires],
	});
	return [
		{ id: z, type: 'tab', label: 'SMS Kit e2e' },
		account('n-account'),
		account('n-wrong-secret', { applicationSecret: WRONG_SECRET }),
		account('n-account-fr', {}, { defaultCountry: 'FR' }),
		endpoint(z, '/send-national', 'n-spread-national'),
		spread(z, 'n-spread-national', 'n-send-national'),
		send('n-send-national', 'n-account-fr', { service: SERVICE, message: 'Bonjour' }),
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
		manageNode('n-services', 'account.getMany'),
		// send, then the delivery status of each receiver
		endpoint(z, '/send-and-status', 'n-spread-send-status'),
		spread(z, 'n-spread-send-status', 'n-send-then-status'),
		send('n-send-then-status', 'n-account', {}, ['n-status-of-send']),
		statusNode('n-status-of-send', 'outgoing.get'),
		endpoint(z, '/status', 'n-spread-status'),
		spread(z, 'n-spread-status', 'n-status-get'),
		statusNode('n-status-get', 'getOutgoing'), // saved by an earlier version
		endpoint(z, '/outgoing', 'n-spread-outgoing'),
		spread(z, 'n-spread-outgoing', 'n-status-list'),
		statusNode('n-status-list', 'outgoing.getMany', { details: true }),
		endpoint(z, '/hlr', 'n-spread-hlr'),
		spread(z, 'n-spread-hlr', 'n-status-hlr'),
		statusNode('n-status-hlr', 'outgoing.hlr'),
		endpoint(z, '/jobs', 'n-spread-jobs'),
		spread(z, 'n-spread-jobs', 'n-status-jobs'),
		statusNode('n-status-jobs', 'job.getMany', { details: true }),
		endpoint(z, '/job-cancel', 'n-spread-cancel'),
		spread(z, 'n-spread-cancel', 'n-status-cancel'),
		statusNode('n-status-cancel', 'job.cancel'),
		endpoint(z, '/template-add', 'n-template-add'),
		manageNode('n-template-add', 'template.add'),
		endpoint(z, '/template-get', 'n-template-get'),
		manageNode('n-template-get', 'get'), // saved by ovh-sms-templates
		endpoint(z, '/template-list', 'n-template-list'),
		manageNode('n-template-list', 'template.getMany', { details: true }),
		endpoint(z, '/template-delete', 'n-template-delete'),
		manageNode('n-template-delete', 'template.delete'),
		endpoint(z, '/senders', 'n-senders'),
		manageNode('n-senders', 'sender.getMany', { details: true }),
		...collector('poll'),
		...collector('webhook'),
		...collector('example'),
		...collector('example-status'),
		...harnessNodes(z),
		...extra,
	];
}

describe('Node-RED 4 with @smskit/node-red-sms installed from its tarball', () => {
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
		for (const key of ['poll', 'webhook', 'example', 'example-status']) await received(key);
	});

	test('the palette has the five OVHcloud node types, loaded from <userDir>/node_modules without error', async () => {
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
		expect(strings[`${MODULE}/smskit`]['ovh-sms-send'].paletteLabel).toBe('ovh send');
		expect(strings[`${MODULE}/smskit`]['ovh-sms-config'].label.getConsumerKey).toBe('Get a consumer key');
		expect(strings[`${MODULE}/smskit`]['ovh-sms-receive'].tip.webhook).toContain('only one of each');
		expect(html).toContain('window.SmsKitOvh');
		const icon = await fetch(`${base}/admin/icons/${MODULE}/ovh.svg`);
		expect(icon.status).toBe(200);
		expect(await icon.text()).toContain('<svg');
		// The endpoint list comes from the core, through the config node's exported setting.
		const settings = (await call('GET', `${base}/admin/settings`)).json;
		expect(settings.ovhSmsConfigEndpoints).toMatchObject({ 'ovh-eu': expect.any(String), custom: expect.any(String) });
		// The operation lists are the module's action names.
		expect(settings.ovhSmsStatusActions.actions).toEqual(expect.arrayContaining(['outgoing.get', 'job.cancel']));
		expect(settings.ovhSmsManageActions.actions).toEqual(expect.arrayContaining(['account.getMany', 'template.add']));
		expect(strings[`${MODULE}/smskit`]['ovh-sms-manage'].paletteLabel).toBe('ovh manage');
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
		expect((await statuses()).pop()).toEqual({ type: 'ovh-sms-manage', fill: 'green', text: '2 item(s)' });
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
		// The hint is in the message text (Node-RED shows an object `cause` as "[object Object]").
		expect(reply.json.cause).toBeUndefined();
		expect(reply.json.message).toMatch(/\(INVALID_SIGNATURE, HTTP \d+, request [^)]+\)/);
		expect(reply.json.message).toContain('application secret');
		for (const secret of [WRONG_SECRET, keys.applicationSecret, keys.consumerKey]) expect(reply.text).not.toContain(secret);
		expect(await sandboxJobs()).toEqual([]);
		expect((await statuses()).pop()).toEqual({ type: 'ovh-sms-send', fill: 'red', text: 'INVALID_SIGNATURE' });
	});

	test('an invalid phone number fails the message before any request', async () => {
		const reply = await call('POST', `${base}/api/send-from-msg`, { payload: 'Hello', to: '+33 12', service: 'sms-sandbox-1' });
		expect(reply.status).toBe(500);
		expect(reply.json.code).toBe('INVALID_PHONE_NUMBER');
		expect(reply.json.message).toContain('"+33 12" is not a valid phone number');
		expect(reply.json.message).toContain('international format');
		expect(reply.json.message).toContain('default country on the account node');
		expect(await sandboxJobs()).toEqual([]);
	});

	test('with a default country on the account node, a national number is accepted', async () => {
		const reply = await call('POST', `${base}/api/send-national`, { to: '06 01 02 03 04' });
		expect(reply.status).toBe(200);
		expect(reply.json).toEqual([expect.objectContaining({ status: 'queued', to: '+33601020304' })]);
		expect(await sandboxJobs()).toEqual([expect.objectContaining({ receivers: ['+33601020304'] })]);
		// Without one, the same number is refused before any request.
		const refused = await call('POST', `${base}/api/send-from-msg`, { payload: 'Hi', to: '0601020304', service: SERVICE });
		expect(refused.json.code).toBe('INVALID_PHONE_NUMBER');
	});

	test('a missing message is reported plainly, nothing sent (an inject timestamp is not a text)', async () => {
		const reply = await call('POST', `${base}/api/send-from-msg`, {
			payload: 1718000000000,
			to: '+33601020304',
			service: 'sms-sandbox-1',
		});
		expect(reply.status).toBe(500);
		expect(reply.json.code).toBe('INVALID_INPUT');
		expect(reply.json.message).toContain('Message: msg.payload is a number (1718000000000), not text');
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

	test('send options (priority, tag, class, coding, charset, delay): the job is pending, listed by the status node, then cancelled', async () => {
		const sent = await call('POST', `${base}/api/send-from-msg`, {
			payload: 'See you later',
			to: THREE[0],
			service: SERVICE,
			priority: 'high',
			tag: 'later',
			differedPeriod: 30,
			class: 'flash',
			coding: '7bit',
			charset: 'UTF-8',
		});
		expect(sent.status).toBe(200);
		const messageId = sent.json[0].messageId as string;
		expect(await sandboxJobs()).toEqual([
			expect.objectContaining({
				priority: 'high',
				tag: 'later',
				differedPeriod: 30,
				class: 'flash',
				coding: '7bit',
				charset: 'UTF-8',
				ids: [Number(messageId)],
			}),
		]);

		const jobs = await call('POST', `${base}/api/jobs`, { service: SERVICE });
		expect(jobs.status).toBe(200);
		expect(jobs.json).toEqual([
			expect.objectContaining({ service: SERVICE, id: Number(messageId), receiver: THREE[0], message: 'See you later' }),
		]);
		expect((await statuses()).pop()).toEqual({ type: 'ovh-sms-status', fill: 'green', text: '1 item(s)' });

		const cancelled = await call('POST', `${base}/api/job-cancel`, { service: SERVICE, messageId });
		expect(cancelled.status).toBe(200);
		expect(cancelled.json).toEqual({ service: SERVICE, id: Number(messageId), cancelled: true });
		expect((await call('POST', `${base}/api/jobs`, { service: SERVICE })).json).toEqual([]);
		// Cancelled again: OVHcloud no longer knows the job.
		const again = await call('POST', `${base}/api/job-cancel`, { service: SERVICE, messageId });
		expect(again.status).toBe(500);
		expect(again.json).toMatchObject({ source: 'ovh-sms-status', code: 'Client::NotFound' });
	});

	test('delivery status: send → status gives one pending status per receiver; once delivered, the status node says so', async () => {
		const reply = await call('POST', `${base}/api/send-and-status`, { payload: 'Hello', to: THREE, service: SERVICE });
		expect(reply.status).toBe(200);
		expect(reply.json).toHaveLength(3);
		for (const [i, item] of (reply.json as Array<Record<string, unknown>>).entries()) {
			expect(item).toMatchObject({
				provider: 'ovh',
				status: 'pending',
				to: THREE[i],
				service: SERVICE,
				messageId: expect.any(String),
			});
		}
		expect((await statuses()).pop()).toEqual({ type: 'ovh-sms-status', fill: 'green', text: '3 pending' });

		const [first, second] = reply.json as Array<{ messageId: string }>;
		expect((await control('POST', `/_sandbox/ovh/outgoing/${first.messageId}/delivery`, { status: 'delivered' })).status).toBe(
			200,
		);
		expect((await control('POST', `/_sandbox/ovh/outgoing/${second.messageId}/delivery`, { status: 'failed' })).status).toBe(200);
		const delivered = await call('POST', `${base}/api/status`, { service: SERVICE, messageId: first.messageId });
		expect(delivered.status).toBe(200);
		expect(delivered.json).toMatchObject({
			provider: 'ovh',
			status: 'delivered',
			to: THREE[0],
			messageId: first.messageId,
			deliveryReceipt: 1,
			ptt: 4,
			deliveredAt: expect.any(String),
		});
		expect((await statuses()).pop()).toEqual({ type: 'ovh-sms-status', fill: 'green', text: 'delivered' });
		expect((await call('POST', `${base}/api/status`, { service: SERVICE, payload: Number(second.messageId) })).json.status).toBe(
			'failed',
		);

		// The list of sent messages, filtered by receiver, with details; the HLR lookup of one.
		const list = await call('POST', `${base}/api/outgoing`, { service: SERVICE, receiver: THREE[0] });
		expect(list.json).toEqual([expect.objectContaining({ messageId: first.messageId, status: 'delivered' })]);
		const hlr = await call('POST', `${base}/api/hlr`, { service: SERVICE, messageId: first.messageId });
		expect(hlr.json).toMatchObject({ id: Number(first.messageId), country: 'France' });

		const unknown = await call('POST', `${base}/api/status`, { service: SERVICE, messageId: '999999' });
		expect(unknown.status).toBe(500);
		expect(unknown.json.code).toBe('Client::NotFound');
	});

	test('templates: add, get, list with details, delete; senders with details', async () => {
		const added = await call('POST', `${base}/api/template-add`, {
			name: 'otp',
			activity: 'authentification',
			message: 'Your code is %s',
			description: 'one-time codes',
		});
		expect(added.status).toBe(200);
		expect(added.json).toEqual({ service: SERVICE, name: 'otp', submitted: true });
		const got = await call('POST', `${base}/api/template-get`, 'otp', { 'Content-Type': 'text/plain' });
		expect(got.status).toBe(200);
		expect(got.json).toMatchObject({ service: SERVICE, name: 'otp', activity: 'authentification', message: 'Your code is %s' });
		const list = await call('POST', `${base}/api/template-list`, {});
		expect(list.json).toEqual([expect.objectContaining({ name: 'otp' })]);
		const missing = await call('POST', `${base}/api/template-add`, { name: 'x', activity: 'marketing', message: 'm' });
		expect(missing.status).toBe(500);
		expect(missing.json.code).toBe('INVALID_INPUT');
		expect(missing.json.message).toContain('activity');
		expect((await call('POST', `${base}/api/template-delete`, { name: 'otp' })).json).toEqual({
			service: SERVICE,
			name: 'otp',
			deleted: true,
		});
		expect((await call('POST', `${base}/api/template-list`, {})).json).toEqual([]);

		const senders = await call('POST', `${base}/api/senders`, {});
		expect(senders.json).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ service: SERVICE, sender: 'SMSKit', status: 'enable' }),
				expect.objectContaining({ sender: 'PendingCo', status: 'waitingValidation' }),
			]),
		);
	});

	test('the consumer-key button: a key and its validation URL; INVALID_CREDENTIAL until validated, NOT_GRANTED_CALL beyond its account', async () => {
		const route = `${base}/admin/smskit/ovh/consumer-key`;
		const asked = await call('POST', route, {
			endpoint: 'custom',
			customUrl: sandbox.urls.ovh,
			applicationKey: keys.applicationKey,
			service: SERVICE,
		});
		expect(asked.status).toBe(200);
		expect(asked.json).toEqual({
			consumerKey: expect.any(String),
			validationUrl: expect.stringContaining('/_sandbox/ovh/validate?credentialToken='),
			state: 'pendingValidation',
			nextSteps: expect.stringContaining(asked.json.validationUrl),
			service: SERVICE,
		});
		const { consumerKey, validationUrl } = asked.json as { consumerKey: string; validationUrl: string };

		// An account with the new key, sending on its SMS account and on another one.
		const z2 = 'ck-tab';
		const sendWith = (id: string, service: string) => ({
			id,
			type: 'ovh-sms-send',
			z: z2,
			name: '',
			account: 'n-new-key',
			service,
			message: 'Hello',
			receivers: THREE[0],
			sender: '',
			senderForResponse: false,
			noStopClause: false,
			priority: '',
			validityPeriod: '',
			tag: '',
			wires: [['n-respond-2']],
		});
		await deploy(
			flows([
				{ id: z2, type: 'tab', label: 'new key' },
				account('n-new-key', { consumerKey }),
				{ id: 'in-new-key', type: 'http in', z: z2, url: '/new-key', method: 'post', wires: [['n-send-new-key']] },
				sendWith('n-send-new-key', SERVICE),
				{ id: 'in-new-key-2', type: 'http in', z: z2, url: '/new-key-other', method: 'post', wires: [['n-send-new-key-2']] },
				sendWith('n-send-new-key-2', 'sms-sandbox-2'),
				{ id: 'n-respond-2', type: 'http response', z: z2, statusCode: '', headers: {}, wires: [] },
				{ id: 'n-catch-2', type: 'catch', z: z2, scope: null, uncaught: false, wires: [['n-error-2']] },
				{
					id: 'n-error-2',
					type: 'function',
					z: z2,
					outputs: 1,
					func: 'msg.statusCode = 500;\nmsg.payload = { message: msg.error.message, code: msg.error.code, cause: msg.error.cause, source: msg.error.source.type };\nreturn msg;',
					wires: [['n-respond-2']],
				},
			]),
		);
		const pending = await call('POST', `${base}/api/new-key`, {});
		expect(pending.status).toBe(500);
		expect(pending.json).toMatchObject({ source: 'ovh-sms-send', code: 'INVALID_CREDENTIAL' });
		expect(pending.json.message).toContain('validation URL');
		expect(pending.text).not.toContain(keys.applicationSecret);

		expect((await call('GET', validationUrl)).json).toMatchObject({ ok: true, state: 'validated' });
		const sent = await call('POST', `${base}/api/new-key`, {});
		expect(sent.status).toBe(200);
		expect(sent.json).toEqual([expect.objectContaining({ status: 'queued', to: THREE[0] })]);

		const elsewhere = await call('POST', `${base}/api/new-key-other`, {});
		expect(elsewhere.status).toBe(500);
		expect(elsewhere.json).toMatchObject({ source: 'ovh-sms-send', code: 'NOT_GRANTED_CALL' });
		expect(await sandboxJobs()).toHaveLength(1);
		await deploy(flows());

		// Left empty, the application key is the deployed account's, for the URL it was deployed with only.
		const stored = await call('POST', route, { id: 'n-account', endpoint: 'custom', customUrl: sandbox.urls.ovh });
		expect(stored.status).toBe(200);
		expect(stored.json.service).toBe('');
		const moved = await call('POST', route, { id: 'n-account', endpoint: 'custom', customUrl: `${sandboxOrigin()}/x/1.0` });
		expect(moved.status).toBe(400);
		expect(moved.json.code).toBe('MISSING_APPLICATION_KEY');
		const unknownKey = await call('POST', route, { endpoint: 'custom', customUrl: sandbox.urls.ovh, applicationKey: 'nope' });
		expect(unknownKey.status).toBe(400);
		expect(unknownKey.json.code).toBe('INVALID_KEY');
		expect((await call('POST', route, { endpoint: 'custom', customUrl: '', applicationKey: 'x' })).json.code).toBe(
			'INVALID_ENDPOINT',
		);
	});

	test('no credits left: the send fails with OVHcloud’s code and message, nothing sent', async () => {
		expect((await control('PUT', `/_sandbox/ovh/services/${SERVICE}/credits`, { creditsLeft: 0 })).status).toBe(200);
		const reply = await call('POST', `${base}/api/send`, {});
		expect(reply.status).toBe(500);
		expect(reply.json).toMatchObject({ source: 'ovh-sms-send', code: 'Client::Forbidden' });
		expect(reply.json.message).toContain('Not enough credits');
		expect(reply.json.message).toMatch(/HTTP 403, request /);
		expect(await sandboxJobs()).toEqual([]);
		expect((await statuses()).pop()).toEqual({ type: 'ovh-sms-send', fill: 'red', text: 'Client::Forbidden' });
	});

	test('poll: what was there at deploy is not emitted; an incoming SMS is emitted exactly once (then deleted); delivery reports once', async () => {
		const before = (await control('POST', '/_sandbox/ovh/incoming', { sender: '+33601020399', message: 'Before' })).json;
		// OVHcloud stamps records to the second and polling starts a second early, so "before" is two seconds before.
		await pause(2100);
		await deploy(flows([receiveNode('n-poll', { interval: '1', deleteRead: true }, 'poll')]));
		await statusShown('ovh-sms-receive', 'every 1 s');

		const injected = await control('POST', '/_sandbox/ovh/incoming', { sender: '+33601020304', message: 'Hi' });
		expect(injected.status).toBe(200);
		const messages = await receivedSoon('poll');
		expect(messages).toEqual([
			{
				topic: 'ovh/incoming',
				payload: {
					provider: 'ovh',
					event: 'incoming',
					id: String(injected.json.id),
					from: '+33601020304',
					text: 'Hi',
					receivedAt: expect.any(String),
					account: SERVICE,
					raw: expect.objectContaining({ id: injected.json.id, tag: expect.any(String) }),
				},
			},
		]);
		// The de-duplication key is internal: never in the payload.
		expect(Object.keys(messages[0].payload).sort()).toEqual(INCOMING_KEYS);
		// Deleted once read; what was there before is left alone.
		await waitFor(async () => {
			const ids = await ovhApi(ovh.listIncomingIds, { service: SERVICE });
			return ids.includes(injected.json.id) ? undefined : ids;
		}).then((ids) => expect(ids).toEqual([before.id]));

		// Sent messages: reports once they are delivered or failed.
		const sent = (await call('POST', `${base}/api/send`, {})).json as Array<{ messageId: string }>;
		await control('POST', `/_sandbox/ovh/outgoing/${sent[0].messageId}/delivery`, { status: 'delivered' });
		await control('POST', `/_sandbox/ovh/outgoing/${sent[1].messageId}/delivery`, { status: 'failed' });
		const reports = await waitFor(async () => {
			const all = [...((await received('poll')) ?? [])];
			return all.length ? all : undefined;
		});
		await pause(1500);
		reports.push(...(await received('poll')));
		expect(reports.map((r) => [r.topic, r.payload.messageId, r.payload.status, r.payload.to]).sort()).toEqual(
			[
				['ovh/delivery', sent[0].messageId, 'delivered', THREE[0]],
				['ovh/delivery', sent[1].messageId, 'failed', THREE[1]],
			].sort(),
		);
		expect(reports[0].payload).toMatchObject({
			provider: 'ovh',
			event: 'delivery',
			account: SERVICE,
			raw: expect.objectContaining({ ptt: expect.any(Number), deliveryReceipt: expect.any(Number) }),
		});
		expect(Object.keys(reports[0].payload).sort()).toEqual(DELIVERY_KEYS);

		// Two more polls: nothing new.
		await pause(2500);
		expect(await received('poll')).toEqual([]);
		await deploy(flows());
	});

	test('a failing poll reaches a Catch node (topic ovh/poll) with the provider’s code, and shows it', async () => {
		await deploy(
			flows([
				{ ...receiveNode('n-poll-bad', { interval: '1', account: 'n-wrong-secret' }, 'poll'), wires: [[]] },
				{ id: 'n-catch-poll', type: 'catch', z, scope: ['n-poll-bad'], uncaught: false, wires: [['n-poll-error']] },
				{
					id: 'n-poll-error',
					type: 'function',
					z,
					outputs: 1,
					func: 'msg.payload = { code: msg.error.code, source: msg.error.source.type, message: msg.error.message };\nreturn msg;',
					wires: [['n-collect-poll']],
				},
			]).map((n) => ((n as { id: string }).id === 'n-catch' ? { ...n, scope: ['n-send-fixed'] } : n)),
		);
		const [failure] = await receivedSoon('poll');
		expect(failure).toEqual({
			topic: 'ovh/poll',
			payload: { code: 'INVALID_SIGNATURE', source: 'ovh-sms-receive', message: expect.stringContaining('Invalid signature') },
		});
		await statusShown('ovh-sms-receive', 'INVALID_SIGNATURE');
		await deploy(flows());
	});

	test('webhook, registered on the account: an incoming SMS and a delivery report once each, repeats dropped, settings restored', async () => {
		// What the account had before: put back when the node goes.
		await ovhApi(ovh.updateService, {
			service: SERVICE,
			callBack: 'https://previous.example.com/dlr',
			smsResponse: { responseType: 'text', text: 'Thanks!' },
		});
		const path = '/ovh/registered';
		// The URL the node registers carries its token.
		const url = withToken(`${base}/api${path}`);
		await deploy(
			flows([receiveNode('n-webhook', { mode: 'webhook', path, register: true, publicUrl: `${base}/api/` }, 'webhook')]),
		);
		await statusShown('ovh-sms-receive', `registered ${path}`);
		const registered = await ovhApi(ovh.getService, { service: SERVICE });
		expect(registered).toMatchObject({
			callBack: url,
			smsResponse: expect.objectContaining({ responseType: 'cgi', cgiUrl: url }),
		});

		const injected = await control('POST', '/_sandbox/ovh/incoming', { sender: '+33601020304', message: 'Hi' });
		const [push] = await pushes();
		expect(push).toMatchObject({ kind: 'incoming', method: 'POST', url, state: 'accepted', httpStatus: 200 });
		const incoming = await receivedSoon('webhook');
		expect(incoming).toEqual([
			{
				topic: 'ovh/incoming',
				payload: expect.objectContaining({
					provider: 'ovh',
					event: 'incoming',
					from: '+33601020304',
					text: 'Hi',
					id: String(injected.json.id),
					account: SERVICE,
				}),
			},
		]);
		// The same shape as in poll mode (bug 10), the key internal.
		expect(Object.keys(incoming[0].payload).sort()).toEqual(INCOMING_KEYS);
		// OVHcloud calls again when it gets no answer in time: the same form makes no second message.
		const again = await fetch(url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(push.payload).toString(),
		});
		expect(again.status).toBe(200);

		// A delivery report: GET on callBack.
		const sent = (await call('POST', `${base}/api/send`, {})).json as Array<{ messageId: string }>;
		await control('POST', `/_sandbox/ovh/outgoing/${sent[0].messageId}/delivery`, { status: 'delivered' });
		const delivery = (await pushes()).find((p) => p.kind === 'delivery')!;
		expect(delivery).toMatchObject({ method: 'GET', state: 'accepted', httpStatus: 200 });
		const reports = await receivedSoon('webhook');
		expect(reports).toEqual([
			{
				topic: 'ovh/delivery',
				payload: expect.objectContaining({
					provider: 'ovh',
					event: 'delivery',
					status: 'delivered',
					messageId: sent[0].messageId,
					account: SERVICE,
					raw: expect.objectContaining({ ptt: '4', dlr: '1' }),
				}),
			},
		]);
		expect(Object.keys(reports[0].payload).sort()).toEqual(DELIVERY_KEYS);
		expect((await fetch(delivery.url)).status).toBe(200);
		expect((await call('GET', `${url}&hello=world`)).status).toBe(400);
		await pause(300);
		expect(await received('webhook')).toEqual([]);

		// The node removed: its route goes, and the account has its previous settings back.
		await deploy(flows());
		const restored = await ovhApi(ovh.getService, { service: SERVICE });
		expect(restored).toMatchObject({
			callBack: 'https://previous.example.com/dlr',
			smsResponse: expect.objectContaining({ responseType: 'text', cgiUrl: null, text: 'Thanks!' }),
		});
		expect((await fetch(delivery.url)).status).toBe(404);
	});

	test('the receive and delivery-status example flows ship in the package and work against the sandbox', async () => {
		const example = (name: string) =>
			call('GET', `${base}/admin/library/examples/flows/${MODULE}/${name}`).then((r) => r.json as Array<Record<string, unknown>>);
		const receiveFlow = await example('ovh-receive-sms');
		const statusFlow = await example('ovh-delivery-status');
		for (const flow of [receiveFlow, statusFlow]) {
			const config = flow.find((n) => n.type === 'ovh-sms-config')!;
			expect(config).toMatchObject({ endpoint: 'custom', customUrl: 'http://127.0.0.1:4010/ovh/1.0' });
			expect(config.credentials).toBeUndefined();
		}
		expect(receiveFlow.map((n) => n.type)).toEqual(expect.arrayContaining(['ovh-sms-receive', 'debug', 'catch']));
		expect(statusFlow.map((n) => n.type)).toEqual(
			expect.arrayContaining(['inject', 'ovh-sms-send', 'delay', 'ovh-sms-status', 'debug']),
		);

		// What a user does after importing them: point the account at their sandbox and paste the keys
		// (and here: poll every second, wait three seconds before asking for the status, and keep what comes out).
		// On the test tab, so that the harness sees the receive node's status.
		const tab = z;
		const imported = [...receiveFlow, ...statusFlow].map((n) => {
			if (n.type === 'ovh-sms-config') return { ...n, customUrl: sandbox.urls.ovh, credentials: keys };
			if (n.type === 'ovh-sms-receive')
				return {
					...n,
					z: tab,
					interval: '1',
					credentials: { token: RECEIVE_TOKEN },
					wires: [[...(n.wires as string[][])[0], 'n-collect-example']],
				};
			if (n.type === 'ovh-sms-status')
				return { ...n, z: tab, wires: [[...(n.wires as string[][])[0], 'n-collect-example-status']] };
			if (n.type === 'delay') return { ...n, z: tab, timeout: '3', timeoutUnits: 'seconds' };
			return { ...n, z: tab };
		});
		await deploy(flows(imported));
		await statusShown('ovh-sms-receive', 'every 1 s');

		await control('POST', '/_sandbox/ovh/incoming', { sender: '+33601020304', message: 'From the example' });
		expect(await receivedSoon('example')).toEqual([
			{ topic: 'ovh/incoming', payload: expect.objectContaining({ text: 'From the example' }) },
		]);

		const inject = statusFlow.find((n) => n.type === 'inject')!;
		expect((await call('POST', `${base}/admin/inject/${inject.id as string}`)).status).toBe(200);
		const [job] = await waitFor(async () => {
			const all = await sandboxJobs();
			return all.length ? all : undefined;
		});
		await control('POST', `/_sandbox/ovh/outgoing/${job.ids[0]}/delivery`, { status: 'delivered' });
		const out = await receivedSoon('example-status');
		expect(out.map((m) => m.payload)).toEqual([
			[expect.objectContaining({ messageId: String(job.ids[0]), status: 'delivered', to: job.receivers[0] })],
		]);
		await deploy(flows());
	});
});
