import * as path from 'node:path';
import { freePort } from './collector';
import { N8n } from './n8n';
import { N8N_DIR } from './pack';
import { Postgres, Redis } from './services';

export interface QueueExecution {
	id: number;
	workflowId: string;
	status: string;
	mode: string;
}

/**
 * n8n in queue mode as users run it at volume: one main instance (editor, triggers, pollers), webhook processors
 * and workers, sharing PostgreSQL (workflows, executions, static data) and Redis (the job queue). Each process
 * has its own user folder with SMS Kit installed from the packed tarball, as each container of a deployment
 * would.
 */
export class N8nQueue {
	readonly postgres = new Postgres();
	readonly redis = new Redis();
	readonly main: N8n;
	readonly webhooks: N8n[];
	readonly workers: N8n[];
	mainBase = '';
	webhookBases: string[] = [];
	private ports: number[] = [];

	constructor(label: string, counts = { webhooks: 2, workers: 2 }) {
		// Read when a process starts, once the servers' ports are known; the CLI (imports, publish) runs as main.
		this.main = new N8n(`${label}-main`, () => this.env());
		this.webhooks = Array.from({ length: counts.webhooks }, (_, i) => new N8n(`${label}-webhook${i + 1}`, () => this.env()));
		this.workers = Array.from({ length: counts.workers }, (_, i) => new N8n(`${label}-worker${i + 1}`, () => this.env()));
	}

	private env(): Record<string, string> {
		return {
			...this.postgres.env,
			...this.redis.env,
			EXECUTIONS_MODE: 'queue',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '20',
			// Webhook calls go to the webhook processors; the main instance takes none of production's.
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		};
	}

	get all(): N8n[] {
		return [this.main, ...this.webhooks, ...this.workers];
	}

	/** The servers, SMS Kit in every process's folder, and the ports each process keeps across restarts. */
	async setUp(): Promise<void> {
		await this.postgres.start();
		await this.redis.start();
		for (const n8n of this.all) n8n.install();
		// Main, each webhook processor, each worker: an HTTP port and a task-runner broker port of its own.
		for (let i = 0; i < this.all.length * 2; i++) this.ports.push(await freePort());
	}

	/** The main instance first (it runs the database migrations), then the others together. */
	async start(): Promise<void> {
		this.mainBase = `http://127.0.0.1:${this.port(0)}`;
		this.webhookBases = this.webhooks.map((_, i) => `http://127.0.0.1:${this.port(2 * (i + 1))}`);
		await this.main.serve(
			['start'],
			{ ...this.own(0), WEBHOOK_URL: `${this.mainBase}/` },
			/Editor is now accessible/,
			this.mainBase,
		);
		await Promise.all([
			...this.webhooks.map((n8n, i) =>
				n8n.serve(['webhook'], this.own(i + 1), /Webhook listener waiting for requests/, this.webhookBases[i]),
			),
			...this.workers.map((_, i) => this.startWorker(i)),
		]);
	}

	/** Worker `i` (again, after a stop). */
	async startWorker(i: number): Promise<void> {
		const index = 1 + this.webhooks.length + i;
		const env = { ...this.own(index), QUEUE_HEALTH_CHECK_PORT: this.port(2 * index) };
		await this.workers[i].serve(['worker', '--concurrency=5'], env, /n8n worker is now ready/);
	}

	private port(i: number): string {
		return String(this.ports[i]);
	}

	/** The ports of process `i` (main, then webhook processors, then workers): HTTP, and the task-runner broker. */
	private own(i: number): Record<string, string> {
		return { N8N_PORT: this.port(2 * i), N8N_RUNNERS_BROKER_PORT: this.port(2 * i + 1) };
	}

	/** Every n8n process, the others before the main instance (which would otherwise mark their work crashed). */
	async stop(): Promise<void> {
		await Promise.all([...this.webhooks, ...this.workers].map((n8n) => n8n.stop()));
		await this.main.stop();
	}

	async tearDown(): Promise<void> {
		await this.stop().catch(() => undefined);
		await this.redis.stop().catch(() => undefined);
		await this.postgres.remove();
	}

	async executions(workflowIds: string[]): Promise<QueueExecution[]> {
		const rows = await this.postgres.query(
			'SELECT id, "workflowId", status, mode FROM execution_entity WHERE "workflowId" = ANY($1) ORDER BY id',
			[workflowIds],
		);
		return rows.map((r) => ({
			id: Number(r.id),
			workflowId: String(r.workflowId),
			status: String(r.status),
			mode: String(r.mode),
		}));
	}

	/** Waits until these workflows have `count` executions, all ended, and returns them. */
	async settled(workflowIds: string[], count: number, timeoutMs = 180_000): Promise<QueueExecution[]> {
		const until = Date.now() + timeoutMs;
		for (;;) {
			const runs = await this.executions(workflowIds);
			const ended = runs.filter((r) => !['new', 'running', 'waiting'].includes(r.status));
			if (ended.length >= count && ended.length === runs.length) return runs;
			if (Date.now() > until) throw new Error(`${ended.length} of ${count} executions ended: ${JSON.stringify(runs)}`);
			await new Promise((r) => setTimeout(r, 250));
		}
	}

	/** The worker (its index) whose log says it ran this execution; -1 when none does. */
	workerOf(executionId: number): number {
		return this.workers.findIndex((w) => new RegExp(`Worker started execution ${executionId} \\(`).test(w.log));
	}

	/** The items a node put on its first output in its first run of this execution, as n8n saved them. */
	async output(executionId: number, nodeName: string): Promise<Array<{ json: Record<string, unknown> }>> {
		const [row] = await this.postgres.query('SELECT data FROM execution_data WHERE "executionId" = $1', [executionId]);
		// n8n stores run data as flatted JSON (it keeps shared references), read with the flatted n8n ships.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const flatted = require(path.join(N8N_DIR, 'node_modules/flatted')) as { parse(text: string): unknown };
		const data = flatted.parse(String(row?.data)) as {
			resultData: { runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>> };
		};
		return data.resultData.runData[nodeName]?.[0]?.data?.main[0] ?? [];
	}

	/** A workflow's static data as the database holds it. */
	async staticData(workflowId: string): Promise<Record<string, unknown>> {
		const [row] = await this.postgres.query('SELECT "staticData" FROM workflow_entity WHERE id = $1', [workflowId]);
		const data = row?.staticData;
		return (typeof data === 'string' ? JSON.parse(data) : (data ?? {})) as Record<string, unknown>;
	}
}
