import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { EDITORS, TMP, installTarball } from './pack';

const run = promisify(execFile);
const N8N_BIN = path.join(EDITORS, 'n8n/node_modules/n8n/bin/n8n');

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
	readonly folder = path.join(TMP, `n8n-${process.pid}`);

	install(tarball: string): string {
		fs.rmSync(this.folder, { recursive: true, force: true });
		return installTarball(tarball, path.join(this.folder, '.n8n/nodes'));
	}

	private async cli(args: string[]): Promise<string> {
		// Jest sets NODE_ENV=test, which n8n reads as its own unit-test mode and refuses to load nodes.
		const env = {
			...process.env,
			NODE_ENV: 'production',
			N8N_USER_FOLDER: this.folder,
			N8N_ENCRYPTION_KEY: 'smskit-e2e-encryption-key',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_LOG_LEVEL: 'info',
			N8N_RUNNERS_BROKER_PORT: String(15679 + (process.pid % 1000)),
		};
		try {
			const { stdout, stderr } = await run(process.execPath, [N8N_BIN, ...args], { env, maxBuffer: 64 * 1024 * 1024 });
			return stdout + stderr;
		} catch (error) {
			const e = error as { stdout?: string; stderr?: string };
			return `${e.stdout ?? ''}${e.stderr ?? ''}`; // a failed execution exits non-zero; the caller reads the output
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

	async execute(workflowId: string): Promise<ExecutionResult> {
		const output = await this.cli(['execute', `--id=${workflowId}`]);
		const marker = output.indexOf('====================================\n');
		if (marker < 0) throw new Error(`n8n printed no execution result:\n${output}`);
		const json = output.slice(marker).replace(/^=+\n/, '');
		const end = json.lastIndexOf('\n}');
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
