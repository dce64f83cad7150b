import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { waitForPublications } from './n8n-db';
import { N8N_BIN, N8N_NODE, TMP, installTarball } from './pack';

export interface N8nWorkflow {
	id: string;
	name: string;
	nodes: object[];
	connections: object;
}

export interface N8nCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, string>;
}

export interface NodeRun {
	executionStatus: string;
	data?: { main: Array<Array<{ json: Record<string, unknown>; pairedItem?: { item: number } }>> };
}

export interface ExecutionResult {
	success: boolean;
	/** Everything n8n printed, to check that no secret leaked. */
	output: string;
	resultData: { runData: Record<string, NodeRun[]>; error?: Record<string, unknown> & { message: string } };
}

/**
 * A real n8n 2.x, driven through its own CLI (import:credentials, import:workflow, execute) with an isolated
 * user folder. Our package is installed from the packed tarball into <folder>/.n8n/nodes, where n8n
 * loads community packages from at start-up.
 */
export class N8n {
	readonly folder: string;

	/** `extraEnv`: what this instance adds to the environment when a command starts (queue mode's database and Redis). */
	constructor(
		label: string,
		private readonly extraEnv: () => Record<string, string> = () => ({}),
	) {
		this.folder = path.join(TMP, `n8n-${label}-${process.pid}`);
	}

	/** Installs the packed n8n package (only it: n8n never sees the Node-RED or tools packages). */
	install(): string {
		fs.rmSync(this.folder, { recursive: true, force: true });
		return installTarball('n8n', path.join(this.folder, '.n8n/nodes'));
	}

	private server?: ChildProcess;
	private cliRuns = 0;

	/** Jest sets NODE_ENV=test, which n8n reads as its own unit-test mode and refuses to load nodes. */
	private env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		return {
			...process.env,
			NODE_ENV: 'production',
			N8N_USER_FOLDER: this.folder,
			N8N_ENCRYPTION_KEY: 'smskit-e2e-encryption-key',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_LOG_LEVEL: 'info',
			N8N_RUNNERS_BROKER_PORT: String(15679 + (process.pid % 1000)),
			...this.extraEnv(),
			...extra,
		};
	}

	private async cli(args: string[]): Promise<string> {
		return (await this.cliRun(args)).output;
	}

	/**
	 * Runs an n8n command; stdout alone is kept too (the result JSON), and how the command ended. Its output goes
	 * to files, not pipes: n8n exits as soon as it has printed, and under load the end of a 25 MB result still in
	 * a pipe was lost (a file write is synchronous).
	 */
	private async cliRun(args: string[]): Promise<{ output: string; stdout: string; ended: string }> {
		const env = this.env();
		const base = path.join(this.folder, `cli-${process.pid}-${++this.cliRuns}`);
		const files = { out: `${base}.out`, err: `${base}.err` };
		const out = fs.openSync(files.out, 'w');
		const err = fs.openSync(files.err, 'w');
		try {
			const child = spawn(N8N_NODE, [N8N_BIN, ...args], { env, stdio: ['ignore', out, err] });
			const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
				child.once('error', reject);
				child.once('exit', (c, s) => resolve([c, s]));
			});
			const stdout = fs.readFileSync(files.out, 'utf8');
			const stderr = fs.readFileSync(files.err, 'utf8');
			// A failed execution exits non-zero; the caller reads the output.
			return { output: stdout + stderr, stdout, ended: `exit ${String(code)}, signal ${String(signal)}` };
		} finally {
			fs.closeSync(out);
			fs.closeSync(err);
			fs.rmSync(files.out, { force: true });
			fs.rmSync(files.err, { force: true });
		}
	}

	async importCredentials(credentials: N8nCredential[]): Promise<void> {
		const file = path.join(this.folder, 'credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials));
		const out = await this.cli(['import:credentials', `--input=${file}`]);
		if (!/Successfully imported/i.test(out)) throw new Error(`import:credentials failed:\n${out}`);
		fs.rmSync(file);
	}

	async importWorkflows(workflows: N8nWorkflow[]): Promise<void> {
		const dir = path.join(this.folder, 'workflows');
		fs.mkdirSync(dir, { recursive: true });
		for (const wf of workflows)
			fs.writeFileSync(path.join(dir, `${wf.id}.json`), JSON.stringify({ active: false, settings: {}, ...wf }));
		const out = await this.cli(['import:workflow', '--separate', `--input=${dir}`]);
		if (!/Successfully imported/i.test(out)) throw new Error(`import:workflow failed:\n${out}`);
	}

	/** Marks a workflow active: `n8n start` then registers its webhooks and pollers. */
	async publish(workflowId: string): Promise<void> {
		const out = await this.cli(['publish:workflow', `--id=${workflowId}`]);
		if (/error/i.test(out) && !/Publishing workflow/i.test(out)) throw new Error(`publish:workflow failed:\n${out}`);
	}

	/**
	 * Starts the n8n server (for webhook triggers) and waits until it answers its health check and, in an n8n that
	 * publishes workflows after it is up (2.41), until the published workflows' triggers are registered.
	 */
	async start(port: number): Promise<string> {
		const base = `http://127.0.0.1:${port}`;
		await this.serve(['start'], { N8N_PORT: String(port), WEBHOOK_URL: `${base}/` }, /activated|Editor is now accessible/, base);
		await waitForPublications(this.folder);
		return base;
	}

	/** Everything the server printed, across its restarts (which worker ran an execution stays readable). */
	get log(): string {
		return this.serverLog;
	}

	private serverLog = '';

	/**
	 * Starts a long-running n8n command (`start`, and in queue mode `webhook` or `worker`) and waits until it prints
	 * `ready` and, when it serves HTTP at `base`, answers its readiness check.
	 */
	async serve(args: string[], env: Record<string, string>, ready: RegExp, base?: string): Promise<void> {
		this.server = spawn(N8N_NODE, [N8N_BIN, ...args], {
			env: this.env({ N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_SECURE_COOKIE: 'false', ...env }),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const from = this.serverLog.length;
		// Also in <folder>/server.log, kept across restarts, to read after a failed run.
		const file = path.join(this.folder, 'server.log');
		const keep = (d: Buffer) => {
			this.serverLog += d;
			fs.appendFileSync(file, d);
		};
		this.server.stdout?.on('data', keep);
		this.server.stderr?.on('data', keep);
		for (let i = 0; i < 360; i++) {
			const printed = this.serverLog.slice(from);
			if (this.server.exitCode !== null) throw new Error(`n8n ${args[0]} exited:\n${printed}`);
			const ok =
				!base ||
				(await fetch(`${base}/healthz/readiness`).then(
					(r) => r.ok,
					() => false,
				));
			if (ok && ready.test(printed)) return;
			await new Promise((r) => setTimeout(r, 500));
		}
		throw new Error(`n8n ${args[0]} did not start:\n${this.serverLog.slice(from)}`);
	}

	/** Stops the server (SIGTERM: n8n's graceful shutdown; SIGKILL: a crash). */
	async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
		const server = this.server;
		if (!server || server.exitCode !== null) return;
		const exited = new Promise((r) => server.once('exit', r));
		server.kill(signal);
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 15000)))]);
		// A timer left running would keep Jest waiting after the last test.
		clearTimeout(timer);
		if (server.exitCode === null) server.kill('SIGKILL');
	}

	/** A workflow as n8n's database holds it (static data included), through the CLI; run it while the server is stopped. */
	async exportWorkflow(workflowId: string): Promise<N8nWorkflow & { staticData?: Record<string, unknown> | null }> {
		const file = path.join(this.folder, `export-${workflowId}.json`);
		const out = await this.cli(['export:workflow', `--id=${workflowId}`, `--output=${file}`]);
		if (!fs.existsSync(file)) throw new Error(`export:workflow failed:\n${out}`);
		const [exported] = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<N8nWorkflow & { staticData?: unknown }>;
		fs.rmSync(file);
		const staticData = typeof exported.staticData === 'string' ? JSON.parse(exported.staticData) : exported.staticData;
		return { ...exported, staticData: staticData as Record<string, unknown> | null };
	}

	async execute(workflowId: string): Promise<ExecutionResult> {
		const { output, stdout, ended } = await this.cliRun(['execute', `--id=${workflowId}`]);
		// A successful run prints its JSON on stdout after the marker; a failed one logs it (stdout too).
		const marker = stdout.indexOf('====================================\n');
		if (marker < 0) throw new Error(`n8n printed no execution result (${ended}):\n${output.slice(-4000)}`);
		const json = stdout.slice(marker).replace(/^=+\n/, '');
		const end = json.lastIndexOf('\n}');
		// Cut short or not JSON: say how the command ended, rather than a JSON.parse error at position 1.
		if (end < 0)
			throw new Error(`n8n's execution result is incomplete (${stdout.length} characters, ${ended}):\n${output.slice(-4000)}`);
		const parsed = JSON.parse(json.slice(0, end + 2)) as { data: { resultData: ExecutionResult['resultData'] } };
		return { success: output.includes('Execution was successful'), output, resultData: parsed.data.resultData };
	}
}

/** The items a node put on its first output in its first run. */
export function itemsOf(result: ExecutionResult, nodeName: string) {
	const runs = result.resultData.runData[nodeName];
	if (!runs) throw new Error(`node ${nodeName} did not run`);
	return runs[0].data?.main[0] ?? [];
}
