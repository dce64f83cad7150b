/**
 * Receive nodes across redeploys and restarts, and their guarded webhooks, in the real Node-RED 4 installed
 * from the packed tarball. Node-RED runs in a child process on one user directory, so a restart is a real one
 * (a new process: nothing kept in memory); the sandbox stands in for OVHcloud, Tencent and SMSMobileAPI.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { freePort } from './helpers/collector';
import { call, collectorNodes, harnessNodes, NODE_RED_MODULES, waitFor, type Reply } from './helpers/node-red';
import { installTarball, TMP } from './helpers/pack';

const z = 'tab-inbound';
const TENCENT_TOKEN = 'tencent-e2e-token-AbC_123';
const OVH_TOKEN = 'ovh-e2e-token-XyZ-789';
const SMSMOBILEAPI_SECRET = 'whsec_inbound_e2e_0001';

/** Node-RED as `node-red` starts it, embedded in express like the harness, but in its own process. */
const CHILD = `
const http = require('node:http');
const path = require('node:path');
const [modules, userDir, port] = process.argv.slice(2);
const RED = require(path.join(modules, 'node-red'));
const express = require(path.join(modules, 'express'));
const app = express();
const server = http.createServer(app);
RED.init(server, {
	userDir,
	flowFile: 'flows.json',
	credentialSecret: 'smskit-e2e',
	httpAdminRoot: '/admin',
	httpNodeRoot: '/api',
	logging: { console: { level: 'off', metrics: false, audit: false } },
	telemetry: { enabled: false },
	externalModules: { autoInstall: false, palette: { allowInstall: false } },
	editorTheme: { tours: false },
});
app.use('/admin', RED.httpAdmin);
app.use('/api', RED.httpNode);
RED.events.on('flows:started', () => process.send('started'));
server.listen(Number(port), '127.0.0.1', () => RED.start());
process.on('message', async (m) => {
	if (m !== 'stop') return;
	await RED.stop();
	server.closeAllConnections();
	server.close(() => process.exit(0));
});
`;

interface NodeRedProcess {
	base: string;
	deploy(flows: object[]): Promise<void>;
	/** Stops Node-RED as a user does (its nodes close, not removed), and waits for the process to end. */
	stop(): Promise<void>;
}

/** The next "flows started" of a child. */
const started = (child: ChildProcess) =>
	new Promise<void>((resolve, reject) => {
		child.once('message', () => resolve());
		child.once('exit', (code) => reject(new Error(`Node-RED exited (${code})`)));
	});

async function startProcess(userDir: string, port: number): Promise<NodeRedProcess> {
	const script = path.join(userDir, 'start.js');
	fs.writeFileSync(script, CHILD);
	const child = fork(script, [NODE_RED_MODULES, userDir, String(port)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
	await started(child);
	const base = `http://127.0.0.1:${port}`;
	return {
		base,
		async deploy(flows) {
			const running = started(child);
			const reply = await call('POST', `${base}/admin/flows`, flows, { 'Node-RED-Deployment-Type': 'full' });
			if (reply.status !== 204) throw new Error(`deploy failed: HTTP ${reply.status} ${reply.text}`);
			await running;
		},
		stop: () =>
			new Promise<void>((resolve) => {
				child.once('exit', () => resolve());
				child.send('stop');
			}),
	};
}

interface Received {
	topic: string;
	payload: Record<string, unknown>;
}

let sandbox: Sandbox;
let userDir: string;
let port: number;
let nodeRed: NodeRedProcess;
let ovhKeys: Record<string, string>;

const sandboxOrigin = () => `http://127.0.0.1:${sandbox.port}`;
const control = (method: string, route: string, body?: unknown) => call(method, `${sandboxOrigin()}${route}`, body);
const received = async (key: string): Promise<Received[]> => (await call('GET', `${nodeRed.base}/api/received/${key}`)).json;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Everything a collector gets until it has `count` messages, then a little longer to catch a repeat. */
async function collect(key: string, count: number, timeoutMs = 15_000): Promise<Received[]> {
	const all: Received[] = [];
	await waitFor(async () => {
		all.push(...(await received(key)));
		return all.length >= count ? true : undefined;
	}, timeoutMs);
	await pause(2500);
	all.push(...(await received(key)));
	return all;
}

/** A raw POST to a flow endpoint, with the given content type (the harness's `call` always sends JSON). */
async function post(route: string, body: string, contentType = 'application/json'): Promise<Reply> {
	return call('POST', `${nodeRed.base}/api${route}`, body, { 'Content-Type': contentType });
}

/** The flows of every test: an OVH account, and the receive node(s) given, each into its collector. */
function flows(receivers: object[], extra: object[] = []): object[] {
	return [
		{ id: z, type: 'tab', label: 'inbound' },
		{
			id: 'n-account',
			type: 'ovh-sms-config',
			name: 'sandbox',
			endpoint: 'custom',
			customUrl: sandbox.urls.ovh,
			credentials: ovhKeys,
		},
		...receivers,
		...collectorNodes(z, 'poll'),
		...collectorNodes(z, 'tencent'),
		...collectorNodes(z, 'ovh-hook'),
		...collectorNodes(z, 'smsmobileapi'),
		...harnessNodes(z),
		...extra,
	];
}

const ovhPoll = (interval: string) => ({
	id: 'n-ovh-poll',
	type: 'ovh-sms-receive',
	z,
	name: '',
	mode: 'poll',
	event: 'incoming',
	account: 'n-account',
	service: 'sms-sandbox-1',
	interval,
	deleteRead: false,
	wires: [['n-collect-poll']],
});

describe('Node-RED 4 receive nodes: state across redeploys and restarts, guarded webhooks', () => {
	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		ovhKeys = (await control('GET', '/_sandbox/credentials')).json.ovh;
		fs.mkdirSync(TMP, { recursive: true });
		userDir = fs.mkdtempSync(path.join(TMP, 'node-red-inbound-'));
		installTarball('nodeRed', userDir);
		port = await freePort();
		nodeRed = await startProcess(userDir, port);
	});

	afterAll(async () => {
		await nodeRed?.stop();
		await sandbox?.close();
		if (userDir) fs.rmSync(userDir, { recursive: true, force: true });
	});

	test('ovh poll: SMS that arrive while deployed, during a redeploy and while Node-RED is stopped are each emitted once', async () => {
		sandbox.reset();
		const sms = (text: string) => control('POST', '/_sandbox/ovh/incoming', { sender: '+33601020304', message: text });
		const texts = (all: Received[]) => all.map((m) => m.payload.text).sort();

		await sms('before the node existed');
		// OVHcloud stamps to the second and the first poll reads from a second before it starts (so nothing
		// stamped in that second is missed): an SMS sent earlier than that is before the start.
		await pause(2100);
		await nodeRed.deploy(flows([ovhPoll('1')]));
		// The first poll marks where polling starts: what was there before makes no message.
		await pause(2000);
		await sms('while deployed');
		expect(texts(await collect('poll', 1))).toEqual(['while deployed']);

		// A poll every hour: after its first poll at start, the node reads nothing until the next start, so an
		// SMS sent now is only read by the node started by the redeploy below.
		await nodeRed.deploy(flows([ovhPoll('3600')]));
		await pause(1000);
		expect(await received('poll')).toEqual([]);
		await sms('during a redeploy');
		await nodeRed.deploy(flows([ovhPoll('3600')], [{ id: 'n-comment', type: 'comment', z, name: 'an unrelated change' }]));
		expect(texts(await collect('poll', 1))).toEqual(['during a redeploy']);

		await nodeRed.stop();
		await sms('while stopped 1');
		await sms('while stopped 2');
		nodeRed = await startProcess(userDir, port);
		expect(texts(await collect('poll', 2))).toEqual(['while stopped 1', 'while stopped 2']);
		expect(fs.existsSync(path.join(userDir, 'smskit', 'n-ovh-poll.json'))).toBe(true);

		// Removed from the flows: its file goes with it.
		await nodeRed.deploy(flows([]));
		expect(fs.existsSync(path.join(userDir, 'smskit', 'n-ovh-poll.json'))).toBe(false);
	});

	test('tencent and ovh webhooks: a forged call is refused and emits nothing; with the token once, also after a restart', async () => {
		sandbox.reset();
		const receivers = [
			{
				id: 'n-tencent-hook',
				type: 'tencent-sms-receive',
				z,
				name: '',
				mode: 'webhook',
				event: 'both',
				path: '/hooks/tencent',
				account: '',
				interval: '60',
				smsSdkAppId: '',
				allowedIps: '',
				credentials: { token: TENCENT_TOKEN },
				wires: [['n-collect-tencent']],
			},
			{
				id: 'n-ovh-hook',
				type: 'ovh-sms-receive',
				z,
				name: '',
				mode: 'webhook',
				event: 'incoming',
				account: 'n-account',
				service: 'sms-sandbox-1',
				path: '/hooks/ovh',
				register: true,
				publicUrl: `http://127.0.0.1:${port}/api`,
				allowedIps: '127.0.0.1/32, ::1',
				credentials: { token: OVH_TOKEN },
				wires: [['n-collect-ovh-hook']],
			},
		];
		await nodeRed.deploy(flows(receivers));
		// The dialog shows the callback URL with the deployed token, read through the admin API (a password
		// credential never reaches the editor otherwise), for receive nodes only.
		const token = (id: string, type = 'tencent-sms-receive') => call('GET', `${nodeRed.base}/admin/${type}/${id}/token`);
		expect(await token('n-tencent-hook')).toMatchObject({ status: 200, json: { token: TENCENT_TOKEN } });
		expect((await token('n-account')).status).toBe(404);
		expect((await token('n-ovh-hook', 'ovh-sms-receive')).json).toEqual({ token: OVH_TOKEN });
		const html = (await call('GET', `${nodeRed.base}/admin/nodes`, undefined, { Accept: 'text/html' })).text;
		expect(html.match(/id="node-input-token"/g)).toHaveLength(3);
		const reply = JSON.stringify({
			extend: '',
			mobile: '601020304',
			nationcode: '33',
			sign: 'SMSKit',
			text: 'YES',
			time: 1764578200,
		});
		const tencent = (query: string, body = reply, type?: string) => post(`/hooks/tencent${query}`, body, type);

		// Forged: no token, a wrong one.
		expect(await tencent('')).toMatchObject({ status: 401, text: 'Missing or wrong token.' });
		expect((await tencent('?token=guess')).status).toBe(401);
		// Refused before parsing, even with the token: too large, not JSON or a form.
		const big = JSON.stringify({ text: 'x'.repeat(2 * 1024 * 1024) });
		expect(await tencent(`?token=${TENCENT_TOKEN}`, big)).toMatchObject({ status: 413, text: expect.stringContaining('larger') });
		expect(await tencent(`?token=${TENCENT_TOKEN}`, '<reply/>', 'application/xml')).toMatchObject({
			status: 415,
			text: expect.stringContaining('application/xml'),
		});
		await pause(500);
		expect(await received('tencent')).toEqual([]);

		expect((await tencent(`?token=${TENCENT_TOKEN}`)).status).toBe(200);
		expect((await tencent(`?token=${TENCENT_TOKEN}`)).status).toBe(200); // Tencent pushing again
		const first = await collect('tencent', 1);
		expect(first).toEqual([
			{ topic: 'tencent/incoming', payload: expect.objectContaining({ from: '+33601020304', text: 'YES' }) },
		]);
		expect(JSON.stringify(first)).not.toContain(TENCENT_TOKEN);

		// OVHcloud calls the URL the node registered, token included; a forged form is refused.
		const cgiUrl = `http://127.0.0.1:${port}/api/hooks/ovh?token=${OVH_TOKEN}`;
		await waitFor(async () => {
			const statuses = (await call('GET', `${nodeRed.base}/api/statuses`)).json as Array<{ text: string }>;
			return statuses.some((s) => s.text.startsWith('registered')) ? true : undefined;
		});
		const pushed = (await control('POST', '/_sandbox/ovh/incoming', { sender: '+33601020305', message: 'pushed by OVH' })).json;
		expect(pushed.callback).not.toBeNull();
		const attempts = (await control('GET', '/_sandbox/ovh/callbacks?wait=1')).json.attempts;
		expect(attempts).toEqual([expect.objectContaining({ kind: 'incoming', url: cgiUrl, state: 'accepted', httpStatus: 200 })]);
		const form = 'id=9001&message=forged&senderid=0033601020399&tag=';
		expect((await post('/hooks/ovh', form, 'application/x-www-form-urlencoded')).status).toBe(401);
		const ovh = await collect('ovh-hook', 1);
		expect(ovh.map((m) => m.payload.text)).toEqual(['pushed by OVH']);
		expect(JSON.stringify(ovh)).not.toContain(OVH_TOKEN);

		// A real restart: the same push again is still known, a new one is emitted.
		await nodeRed.stop();
		nodeRed = await startProcess(userDir, port);
		expect((await tencent(`?token=${TENCENT_TOKEN}`)).status).toBe(200);
		const other = reply.replace('"YES"', '"NO"');
		expect((await tencent(`?token=${TENCENT_TOKEN}`, other)).status).toBe(200);
		expect((await collect('tencent', 1)).map((m) => m.payload.text)).toEqual(['NO']);
		// The statuses never show a token.
		expect(JSON.stringify(await call('GET', `${nodeRed.base}/api/statuses`))).not.toMatch(/e2e-token/);
	});

	test('smsmobileapi: an unsigned post is refused (401) and emits nothing; a signed push once', async () => {
		sandbox.reset();
		const receiver = {
			id: 'n-smsmobileapi-hook',
			type: 'smsmobileapi-sms-receive',
			z,
			name: '',
			mode: 'webhook',
			event: 'incoming',
			path: '/hooks/smsmobileapi',
			checkSignature: true,
			account: '',
			interval: '60',
			device: '',
			allowedIps: '',
			credentials: { webhookSecret: SMSMOBILEAPI_SECRET },
			wires: [['n-collect-smsmobileapi']],
		};
		await nodeRed.deploy(flows([receiver]));
		const forged = JSON.stringify({
			id: 'evt_forged',
			type: 'sms.received',
			data: { number: '+33601020304', message: 'forged' },
		});
		expect((await post('/hooks/smsmobileapi', forged)).status).toBe(401);
		expect((await post('/hooks/smsmobileapi', forged, 'text/xml')).status).toBe(415);
		await pause(500);
		expect(await received('smsmobileapi')).toEqual([]);

		await control('PUT', '/_sandbox/smsmobileapi/webhook', {
			url: `${nodeRed.base}/api/hooks/smsmobileapi`,
			secret: SMSMOBILEAPI_SECRET,
		});
		await control('POST', '/_sandbox/smsmobileapi/incoming', { number: '+33601020304', message: 'signed' });
		const all = await collect('smsmobileapi', 1);
		expect(all.map((m) => m.payload.text)).toEqual(['signed']);
	});
});
