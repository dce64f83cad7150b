/**
 * Bulk sends in the real editors, installed from the packed tarballs as users install them: n8n 2.x through its
 * CLI (`n8n execute`, one process per run, as the e2e tests drive it) and Node-RED 4 in a child process of its own,
 * both against the sandbox behind the latency proxy (the sandbox and the proxy run in the bench process).
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { n8nCredentialData } from '../scripts/start-flows';

export const PROVIDERS = ['tencent', 'alibaba', 'ovh', 'smsmobileapi'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** The text, template and parameters every provider's send uses. */
export const ALIBABA_TEMPLATE = 'SMS_900000002'; // `Your order ${order} has shipped.`
export const TENCENT_TEMPLATE = '100001'; // `Your SMS Kit code is {1}, valid for {2} minutes.`

/** Distinct numbers (flow control counts per number): mainland China for Tencent and Alibaba, France for the others. */
export function numberOf(provider: Provider, i: number): string {
	return provider === 'tencent' || provider === 'alibaba' ? `+86139${String(i).padStart(8, '0')}` : `+336${String(10000000 + i)}`;
}

// ---------------------------------------------------------------- packing and installing

export function packTarball(dir: string, dest: string): string {
	fs.mkdirSync(dest, { recursive: true });
	const out = execFileSync('npm', ['pack', '--pack-destination', dest, '--json'], { cwd: dir, encoding: 'utf8' });
	const [info] = JSON.parse(out) as Array<{ filename: string }>;
	return path.join(dest, info.filename.replace(/^@/, '').replace(/\//, '-'));
}

export async function installTarball(tarball: string, prefix: string): Promise<void> {
	fs.mkdirSync(prefix, { recursive: true });
	if (!fs.existsSync(path.join(prefix, 'package.json')))
		fs.writeFileSync(path.join(prefix, 'package.json'), '{"name":"install-root","private":true}');
	await new Promise<void>((resolve, reject) => {
		const child = spawn('npm', ['install', '--no-audit', '--no-fund', '--omit=peer', tarball], { cwd: prefix, stdio: 'ignore' });
		child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm install ${tarball} failed (${code})`))));
	});
}

// ---------------------------------------------------------------- n8n

export interface Defaults {
	tencent: { secretId: string; secretKey: string; smsSdkAppId: string };
	alibaba: { accessKeyId: string; accessKeySecret: string };
	ovh: { applicationKey: string; applicationSecret: string; consumerKey: string };
	smsmobileapi: { apikey: string };
}

const N8N_TYPES: Record<Provider, { type: string; credential: string }> = {
	tencent: { type: '@smskit/n8n-nodes-sms.tencentSms', credential: 'tencentCloudSmsApi' },
	alibaba: { type: '@smskit/n8n-nodes-sms.alibabaSms', credential: 'alibabaCloudSmsApi' },
	ovh: { type: '@smskit/n8n-nodes-sms.ovhSms', credential: 'ovhApi' },
	smsmobileapi: { type: '@smskit/n8n-nodes-sms.smsMobileApi', credential: 'smsMobileApi' },
};

const rl = (mode: string, value: string) => ({ __rl: true, mode, value });

/** The send node's parameters, one number per item (`{{ $json.to }}`); `options` adds the bulk options. */
function n8nSend(provider: Provider, options: Record<string, unknown>): Record<string, unknown> {
	switch (provider) {
		case 'tencent':
			return {
				resource: 'message',
				operation: 'send',
				phoneNumbers: '={{ $json.to }}',
				templateId: rl('id', TENCENT_TEMPLATE),
				templateParams: '1234, 5',
				signName: rl('name', 'SMSKit'),
				smsSdkAppId: '',
				options,
			};
		case 'alibaba':
			return {
				resource: 'message',
				operation: 'send',
				phoneNumbers: '={{ $json.to }}',
				signName: rl('name', 'SMSKit'),
				templateCode: rl('code', ALIBABA_TEMPLATE),
				paramsMode: 'pairs',
				templateParams: { parameter: [{ name: 'order', value: 'A-1' }] },
				options,
			};
		case 'ovh':
			return {
				resource: 'message',
				operation: 'send',
				service: rl('name', 'sms-sandbox-1'),
				receivers: '={{ $json.to }}',
				message: 'Hello World!',
				senderType: 'default',
				options: { tag: 'bench', ...options },
			};
		case 'smsmobileapi':
			return {
				resource: 'message',
				operation: 'send',
				recipients: '={{ $json.to }}',
				message: 'Hello from SMS Kit',
				device: rl('id', ''),
				options,
			};
	}
}

/** The warm-up's credential: OVHcloud straight to the sandbox, so that no proxy count includes its request. */
export const WARMUP_CREDENTIAL = 'benchwarmupovh00';

export function n8nCredentials(defaults: Defaults, url: (p: Provider) => string, sandboxOvhUrl: string) {
	const data = n8nCredentialData(defaults, {
		tencent: url('tencent'),
		alibaba: url('alibaba'),
		ovh: url('ovh'),
		smsmobileapi: url('smsmobileapi'),
	});
	return [
		...PROVIDERS.map((p) => ({
			id: `bench${p.padEnd(11, '0')}`.slice(0, 16),
			name: `bench ${p}`,
			type: N8N_TYPES[p].credential,
			data: data[p],
		})),
		{
			id: WARMUP_CREDENTIAL,
			name: 'bench warm-up',
			type: N8N_TYPES.ovh.credential,
			data: { ...data.ovh, customUrl: sandboxOvhUrl },
		},
	];
}

const items = (provider: Provider | 'noop', n: number) =>
	provider === 'noop'
		? `return Array.from({ length: ${n} }, (_, i) => ({ json: { to: '+336' + String(10000000 + i) } }));`
		: provider === 'tencent' || provider === 'alibaba'
			? `return Array.from({ length: ${n} }, (_, i) => ({ json: { to: '+86139' + String(i).padStart(8, '0') } }));`
			: `return Array.from({ length: ${n} }, (_, i) => ({ json: { to: '+336' + String(10000000 + i) } }));`;

/**
 * One workflow per N and mode: a manual trigger feeding, one after the other (v1 order), a branch per provider
 * (a Code node making N items, one number each → the provider's send node, named after it) and a No Operation
 * branch of N items, so one CLI run times every provider, each node's own executionTime telling them apart.
 * First of all a warm-up branch sends one OVHcloud message straight to the sandbox: loading SMS Kit into a fresh
 * n8n process (n8n's loading of the node types, our runtime, first compilations) costs 300-700 ms, once per
 * process, and would otherwise be charged to whichever provider runs first. Its time is reported apart.
 */
export function n8nWorkflow(
	id: string,
	sizeOf: (p: Provider) => number,
	options: Record<string, unknown>,
	providers: readonly Provider[],
	/** Every send node a No Operation node instead: the same run's memory without SMS Kit (peak RSS baseline). */
	asNoOp = false,
) {
	const nodes: object[] = [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
	];
	const connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }> = {
		Start: { main: [[]] },
	};
	// Not in the No Operation copy: its memory is n8n's alone.
	if (!asNoOp) addWarmup(nodes, connections);
	[...providers, 'noop' as const].forEach((p, row) => {
		const itemsName = `${p} items`;
		const n = sizeOf(p === 'noop' ? 'tencent' : p);
		nodes.push({
			id: `${p}-items`,
			name: itemsName,
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, row * 200],
			parameters: { jsCode: items(p, n) },
		});
		nodes.push(
			p === 'noop' || asNoOp
				? { id: p, name: p, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [400, row * 200], parameters: {} }
				: {
						id: p,
						name: p,
						type: N8N_TYPES[p].type,
						typeVersion: 1,
						position: [400, row * 200],
						parameters: n8nSend(p, options),
						credentials: { [N8N_TYPES[p].credential]: { id: `bench${p.padEnd(11, '0')}`.slice(0, 16), name: `bench ${p}` } },
						onError: 'continueRegularOutput',
					},
		);
		connections[itemsName] = { main: [[{ node: p, type: 'main', index: 0 }]] };
		connections.Start.main[0].push({ node: itemsName, type: 'main', index: 0 });
	});
	return { id, name: id, nodes, connections, settings: { executionOrder: 'v1' }, active: false };
}

/** The warm-up branch (see n8nWorkflow): one OVHcloud message through the credential that skips the proxy. */
function addWarmup(
	nodes: object[],
	connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }>,
) {
	nodes.push(
		{
			id: 'warmup-items',
			name: 'warmup items',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, -200],
			parameters: { jsCode: items('ovh', 1) },
		},
		{
			id: 'warmup',
			name: 'warmup',
			type: N8N_TYPES.ovh.type,
			typeVersion: 1,
			position: [400, -200],
			parameters: n8nSend('ovh', {}),
			credentials: { [N8N_TYPES.ovh.credential]: { id: WARMUP_CREDENTIAL, name: 'bench warm-up' } },
			onError: 'continueRegularOutput',
		},
	);
	connections['warmup items'] = { main: [[{ node: 'warmup', type: 'main', index: 0 }]] };
	connections.Start.main[0].push({ node: 'warmup items', type: 'main', index: 0 });
}

export interface NodeTiming {
	ms: number;
	/** When the node's (first) run started, epoch ms. */
	startedAt: number;
	items: number;
	queued: number;
	errors: number;
	/** The first item that was not queued, to say why. */
	sample: string;
}

export interface N8nRun {
	wallMs: number;
	peakRssMb: number | null;
	success: boolean;
	nodes: Record<string, NodeTiming>;
}

export class N8n {
	readonly bin: string;
	private cliRuns = 0;
	constructor(
		root: string,
		readonly folder: string,
		/** With a folder, each `n8n execute` writes a V8 CPU profile there (`--n8n-cpu-prof`). */
		private readonly cpuProfDir?: string,
	) {
		this.bin = path.join(root, 'test/editors/n8n/node_modules/n8n/bin/n8n');
	}

	private env(): NodeJS.ProcessEnv {
		return {
			...process.env,
			NODE_ENV: 'production',
			N8N_USER_FOLDER: this.folder,
			N8N_ENCRYPTION_KEY: 'smskit-bench-encryption-key',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_LOG_LEVEL: 'info',
			N8N_RUNNERS_BROKER_PORT: String(25679 + (process.pid % 1000)),
		};
	}

	/**
	 * Runs the CLI; resolves with its output, wall time and the peak RSS of the n8n process (VmHWM, Linux). The
	 * output goes to a file, not a pipe: n8n exits as soon as it has printed, and the end of a result of tens of
	 * MB still in a pipe can be lost (a file write is synchronous).
	 */
	cli(args: string[]): Promise<{ output: string; wallMs: number; peakRssMb: number | null }> {
		const file = path.join(this.folder, `cli-${++this.cliRuns}.out`);
		const fd = fs.openSync(file, 'w');
		return new Promise((resolve) => {
			const started = performance.now();
			const profile = this.cpuProfDir && args[0] === 'execute' ? ['--cpu-prof', `--cpu-prof-dir=${this.cpuProfDir}`] : [];
			const child = spawn(process.execPath, [...profile, this.bin, ...args], { env: this.env(), stdio: ['ignore', fd, fd] });
			let peak: number | null = null;
			const status = `/proc/${child.pid}/status`;
			const probe = setInterval(() => {
				try {
					const kb = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(status, 'utf8'));
					if (kb) peak = Math.max(peak ?? 0, Number(kb[1]) / 1024);
				} catch {
					// gone, or not Linux
				}
			}, 100);
			child.once('close', () => {
				clearInterval(probe);
				fs.closeSync(fd);
				const output = fs.readFileSync(file, 'utf8');
				fs.rmSync(file, { force: true });
				resolve({ output, wallMs: performance.now() - started, peakRssMb: peak && Math.round(peak) });
			});
		});
	}

	async importCredentials(credentials: object[]): Promise<void> {
		const file = path.join(this.folder, 'credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials));
		const { output } = await this.cli(['import:credentials', `--input=${file}`]);
		if (!/Successfully imported/i.test(output)) throw new Error(`import:credentials failed:\n${output}`);
	}

	async importWorkflows(workflows: Array<{ id: string }>): Promise<void> {
		const dir = path.join(this.folder, 'workflows');
		fs.mkdirSync(dir, { recursive: true });
		for (const wf of workflows) fs.writeFileSync(path.join(dir, `${wf.id}.json`), JSON.stringify(wf));
		const { output } = await this.cli(['import:workflow', '--separate', `--input=${dir}`]);
		if (!/Successfully imported/i.test(output)) throw new Error(`import:workflow failed:\n${output}`);
	}

	async execute(workflowId: string): Promise<N8nRun> {
		const { output, wallMs, peakRssMb } = await this.cli(['execute', `--id=${workflowId}`]);
		const marker = output.indexOf('====================================\n');
		if (marker < 0) throw new Error(`n8n printed no execution result:\n${output.slice(-3000)}`);
		const json = output.slice(marker).replace(/^=+\n/, '');
		const end = json.lastIndexOf('\n}');
		if (end < 0) throw new Error(`n8n's execution result is incomplete (${output.length} characters):\n${output.slice(-3000)}`);
		const parsed = JSON.parse(json.slice(0, end + 2)) as {
			data: {
				resultData: {
					runData: Record<
						string,
						Array<{ startTime: number; executionTime: number; data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>
					>;
				};
			};
		};
		const nodes: Record<string, NodeTiming> = {};
		for (const [name, runs] of Object.entries(parsed.data.resultData.runData)) {
			const out = runs.flatMap((r) => r.data?.main[0] ?? []);
			nodes[name] = {
				ms: runs.reduce((sum, r) => sum + (r.executionTime ?? 0), 0),
				startedAt: runs[0]?.startTime ?? NaN,
				items: out.length,
				queued: out.filter((i) => i.json.status === 'queued').length,
				errors: out.filter((i) => i.json.status !== 'queued').length,
				sample: JSON.stringify(out.find((i) => i.json.status !== 'queued')?.json ?? null).slice(0, 400),
			};
		}
		return { wallMs: Math.round(wallMs), peakRssMb, success: output.includes('Execution was successful'), nodes };
	}
}

// ---------------------------------------------------------------- Node-RED

/** Runs in the child process: Node-RED 4 embedded in an http server on `userDir`; prints its base URL. */
export async function runNodeRedChild(root: string, userDir: string): Promise<void> {
	const modules = path.join(root, 'test/editors/node-red/node_modules');
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- the editors' own copies
	const RED = require(path.join(modules, 'node-red'));
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const express = require(path.join(modules, 'express'));
	fs.mkdirSync(path.join(userDir, 'nodes'), { recursive: true });
	fs.writeFileSync(path.join(userDir, 'nodes/bench-nodes.js'), BENCH_NODES);
	fs.writeFileSync(
		path.join(userDir, 'nodes/bench-nodes.html'),
		['bench-fan', 'bench-count']
			.map(
				(t) =>
					`<script type="text/javascript">RED.nodes.registerType('${t}', { category: 'bench', defaults: {}, inputs: 1, outputs: 1 });</script>`,
			)
			.join('\n'),
	);
	const app = express();
	const server = http.createServer(app);
	RED.init(server, {
		userDir,
		flowFile: 'flows.json',
		credentialSecret: 'smskit-bench',
		httpAdminRoot: '/admin',
		httpNodeRoot: '/api',
		logging: { console: { level: 'off', metrics: false, audit: false } },
		telemetry: { enabled: false },
		externalModules: { autoInstall: false, palette: { allowInstall: false } },
		editorTheme: { tours: false },
	});
	app.use('/admin', RED.httpAdmin);
	app.use('/api', RED.httpNode);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	await RED.start();
	const profile = process.env.SMSKIT_NODE_RED_CPU_PROF;
	if (profile) await profileUntilStopped(profile);
	process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
}

/** `--node-red-cpu-prof <file>`: a V8 CPU profile of the Node-RED child from deploy to stop, written on SIGTERM. */
async function profileUntilStopped(file: string): Promise<void> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- only when profiling
	const inspector = require('node:inspector') as typeof import('node:inspector');
	const session = new inspector.Session();
	session.connect();
	const post = (method: string) =>
		new Promise<unknown>((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result))));
	await post('Profiler.enable');
	await post('Profiler.start');
	process.once('SIGTERM', () => {
		void post('Profiler.stop').then((result) => {
			fs.writeFileSync(file, JSON.stringify((result as { profile: unknown }).profile));
			process.exit(0);
		});
	});
}

const NODE_RED_SEND: Record<Provider, (account: string) => object> = {
	tencent: (account) => ({
		type: 'tencent-sms-send',
		account,
		// Join within: the messages injected at once go in the provider's batch sizes.
		coalesceMs: 100,
		smsSdkAppId: '',
		signName: 'SMSKit',
		templateId: TENCENT_TEMPLATE,
		templateParams: '',
		phoneNumbers: '',
		extendCode: '',
		sessionContext: '',
		senderId: '',
	}),
	alibaba: (account) => ({
		type: 'alibaba-sms-send',
		account,
		// Join within: the messages injected at once go in the provider's batch sizes.
		coalesceMs: 100,
		operation: 'message.send',
		phoneNumbers: '',
		signName: 'SMSKit',
		templateCode: ALIBABA_TEMPLATE,
		templateParams: '',
		outId: '',
		smsUpExtendCode: '',
		message: '',
		from: '',
		messageType: '',
	}),
	ovh: (account) => ({
		type: 'ovh-sms-send',
		account,
		// Join within: the messages injected at once go in the provider's batch sizes.
		coalesceMs: 100,
		service: 'sms-sandbox-1',
		message: 'Hello World!',
		receivers: '',
		sender: '',
		senderForResponse: false,
		noStopClause: false,
		priority: '',
		validityPeriod: '',
		tag: 'bench',
	}),
	smsmobileapi: (account) => ({
		type: 'smsmobileapi-sms-send',
		account,
		operation: 'message.send',
		recipients: '',
		message: 'Hello from SMS Kit',
		device: '',
		mediaUrl: '',
	}),
};

/** The message fields each provider's send takes from msg, besides msg.to. */
const NODE_RED_FIELDS: Record<Provider, object> = {
	tencent: { templateParams: ['1234', '5'] },
	alibaba: { templateParams: { order: 'A-1' } },
	ovh: {},
	smsmobileapi: {},
};

/**
 * The bench's own two nodes, loaded from the user directory's nodes/ folder: `bench-fan` sends N messages at once
 * (one number each, every message with its own copy of the fields, as messages from a flow would have), and
 * `bench-count` answers the HTTP request once N results or failures came back. A Function node did both before,
 * but its sandboxed run per message (~30 µs, 10,000 times) was the bench's cost, not SMS Kit's nor Node-RED's.
 */
const BENCH_NODES = `module.exports = function (RED) {
	const runs = new Map();
	const number = { cn: (i) => '+86139' + String(i).padStart(8, '0'), fr: (i) => '+336' + String(10000000 + i) };
	const copy = (v) => (Array.isArray(v) ? [...v] : v && typeof v === 'object' ? { ...v } : v);
	function BenchFan(config) {
		RED.nodes.createNode(this, config);
		this.on('input', (msg, send, done) => {
			const n = Number(msg.req.query.n);
			runs.set(config.z, { n, seen: 0, queued: 0, failed: 0, start: Date.now(), reply: msg });
			for (let i = 0; i < n; i++) {
				const out = { to: number[config.numbers](i), payload: undefined };
				for (const [name, value] of Object.entries(config.fields)) out[name] = copy(value);
				send(out);
			}
			done();
		});
	}
	function BenchCount(config) {
		RED.nodes.createNode(this, config);
		this.on('input', (msg, send, done) => {
			const b = runs.get(config.z);
			b.seen++;
			if (msg.error) b.failed++;
			else if (Array.isArray(msg.payload)) b.queued += msg.payload.filter((r) => r && r.status === 'queued').length;
			if (b.seen === b.n) {
				b.reply.payload = { ms: Date.now() - b.start, start: b.start, results: b.seen, queued: b.queued, failed: b.failed };
				send(b.reply);
			}
			done();
		});
	}
	RED.nodes.registerType('bench-fan', BenchFan);
	RED.nodes.registerType('bench-count', BenchCount);
};
`;

/**
 * A tab per provider: POST /api/bench/<p>?n=N → a function node sending N messages at once (one number each) →
 * the send node → a counter (results, and failures through a Catch node) answering once N came back, with the
 * milliseconds from the first message out to the last result.
 */
export function nodeRedFlows(defaults: Defaults, url: (p: Provider) => string, providers: readonly Provider[]): object[] {
	const flows: object[] = [];
	for (const p of providers) {
		const z = `bench-${p}`;
		const account = `${p}-account`;
		const credentials: Record<Provider, object> = {
			tencent: { secretId: defaults.tencent.secretId, secretKey: defaults.tencent.secretKey },
			alibaba: { accessKeyId: defaults.alibaba.accessKeyId, accessKeySecret: defaults.alibaba.accessKeySecret },
			ovh: defaults.ovh,
			smsmobileapi: { apiKey: defaults.smsmobileapi.apikey },
		};
		const settings: Record<Provider, object> = {
			tencent: { region: 'ap-guangzhou', smsSdkAppId: defaults.tencent.smsSdkAppId },
			alibaba: { defaultCountry: '' },
			ovh: {},
			smsmobileapi: { defaultCountry: '', authentication: 'apiKey' },
		};
		const first = p === 'tencent' || p === 'alibaba' ? 'cn' : 'fr';
		flows.push(
			{ id: z, type: 'tab', label: `bench ${p}` },
			{
				id: account,
				type: `${p}-sms-config`,
				name: `bench ${p}`,
				endpoint: 'custom',
				customUrl: url(p),
				...settings[p],
				credentials: credentials[p],
			},
			{ id: `${p}-in`, type: 'http in', z, url: `/bench/${p}`, method: 'post', wires: [[`${p}-fan`]] },
			{ id: `${p}-fan`, type: 'bench-fan', z, numbers: first, fields: NODE_RED_FIELDS[p], wires: [[`${p}-send`]] },
			{ id: `${p}-send`, z, name: '', ...NODE_RED_SEND[p](account), wires: [[`${p}-count`]] },
			{ id: `${p}-catch`, type: 'catch', z, scope: [`${p}-send`], uncaught: false, wires: [[`${p}-count`]] },
			{ id: `${p}-count`, type: 'bench-count', z, wires: [[`${p}-out`]] },
			{ id: `${p}-out`, type: 'http response', z, statusCode: '', headers: {}, wires: [] },
		);
	}
	// Node-RED's own cost of N messages: the same fan straight into the counter (no SMS Kit node between).
	flows.push(
		{ id: 'bench-noop', type: 'tab', label: 'bench: Node-RED alone' },
		{ id: 'noop-in', type: 'http in', z: 'bench-noop', url: '/bench/noop', method: 'post', wires: [['noop-fan']] },
		{ id: 'noop-fan', type: 'bench-fan', z: 'bench-noop', numbers: 'fr', fields: {}, wires: [['noop-count']] },
		{ id: 'noop-count', type: 'bench-count', z: 'bench-noop', wires: [['noop-out']] },
		{ id: 'noop-out', type: 'http response', z: 'bench-noop', statusCode: '', headers: {}, wires: [] },
	);
	return flows;
}

export interface NodeRed {
	base: string;
	deploy(flows: object[]): Promise<void>;
	run(
		provider: Provider | 'noop',
		n: number,
	): Promise<{ ms: number; start: number; results: number; queued: number; failed: number }>;
	stop(): void;
}

export async function startNodeRed(args: string[]): Promise<NodeRed> {
	const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
	const base = await new Promise<string>((resolve, reject) => {
		let out = '';
		child.stdout!.on('data', (d: Buffer) => {
			out += d;
			const line = /^(http:\S+)\n/m.exec(out);
			if (line) resolve(line[1]);
		});
		child.once('exit', (code) => reject(new Error(`Node-RED exited (${code})`)));
	});
	return {
		base,
		async deploy(flows) {
			const reply = await fetch(`${base}/admin/flows`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'Node-RED-Deployment-Type': 'full' },
				body: JSON.stringify(flows),
			});
			if (reply.status !== 204 && reply.status !== 200)
				throw new Error(`deploy failed: HTTP ${reply.status} ${await reply.text()}`);
			await new Promise((r) => setTimeout(r, 1000)); // the admin API answers before the flows have started
		},
		async run(provider, n) {
			const reply = await fetch(`${base}/api/bench/${provider}?n=${n}`, {
				method: 'POST',
				signal: AbortSignal.timeout(20 * 60_000),
			});
			if (!reply.ok) throw new Error(`Node-RED ${provider}: HTTP ${reply.status} ${await reply.text()}`);
			return (await reply.json()) as { ms: number; start: number; results: number; queued: number; failed: number };
		},
		stop: () => child.kill(),
	};
}
