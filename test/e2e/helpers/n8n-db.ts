import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { N8N_DIR, N8N_NODE } from './pack';

/** One execution as n8n saved it: its row and, as stored, the run data and the workflow it ran. */
export interface SavedExecution {
	id: number;
	workflowId: string;
	status: string;
	mode: string;
	storedAt: string;
	/** `execution_data.data`: the run data as n8n serialised it (flatted JSON), null if none was kept. */
	data: string | null;
	workflowData: string | null;
}

interface Sqlite3 {
	OPEN_READONLY: number;
	Database: new (
		file: string,
		mode: number,
		callback: (error: Error | null) => void,
	) => {
		all(sql: string, params: unknown[], callback: (error: Error | null, rows: unknown[]) => void): void;
		close(callback: (error: Error | null) => void): void;
	};
}

/** The SQLite database of an n8n user folder (`N8N_USER_FOLDER`), and the files its journal may hold pages in. */
export function n8nDatabaseFiles(folder: string): string[] {
	const file = path.join(folder, '.n8n/database.sqlite');
	return [file, `${file}-wal`, `${file}-journal`].filter((f) => fs.existsSync(f));
}

/** Runs a query with a sqlite3 module (n8n's own), read-only. Also the body of the child process below. */
async function query(sqlite3: Sqlite3, file: string, sql: string, params: unknown[]): Promise<unknown[]> {
	const db = await new Promise<InstanceType<Sqlite3['Database']>>((resolve, reject) => {
		const opened = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (error) => (error ? reject(error) : resolve(opened)));
	});
	try {
		return await new Promise<unknown[]>((resolve, reject) =>
			db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows))),
		);
	} finally {
		await new Promise<void>((resolve) => db.close(() => resolve()));
	}
}

let queries = 0;

/**
 * Reads the SQLite database of an n8n user folder with the sqlite3 module n8n itself ships (read-only, so a CLI
 * run that starts later is not disturbed). That module is native and built for the Node.js n8n runs on: when that
 * is not Jest's own (the editor matrix runs a newer n8n on Node 24; loading its sqlite3 into Node 20 crashes the
 * process), the query runs in a child process of n8n's Node, which writes the rows to a file.
 */
export async function queryN8nDatabase<T>(folder: string, sql: string, params: unknown[] = []): Promise<T[]> {
	const sqlite3Path = path.join(N8N_DIR, 'node_modules/sqlite3');
	const file = path.join(folder, '.n8n/database.sqlite');
	if (N8N_NODE === process.execPath)
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		return (await query(require(sqlite3Path) as Sqlite3, file, sql, params)) as T[];
	const out = path.join(folder, `query-${process.pid}-${++queries}.json`);
	const script = `const query = ${query.toString()};
		const [sqlite3Path, file, sql, params, out] = JSON.parse(process.argv[1]);
		query(require(sqlite3Path), file, sql, params).then((rows) => require('node:fs').writeFileSync(out, JSON.stringify(rows)));`;
	try {
		await new Promise<void>((resolve, reject) =>
			execFile(N8N_NODE, ['-e', script, JSON.stringify([sqlite3Path, file, sql, params, out])], (error, _stdout, stderr) =>
				error ? reject(new Error(`reading n8n's database with ${N8N_NODE} failed: ${error.message}\n${stderr}`)) : resolve(),
			),
		);
		return JSON.parse(fs.readFileSync(out, 'utf8')) as T[];
	} finally {
		fs.rmSync(out, { force: true });
	}
}

/**
 * The executions n8n saved for these workflows, oldest first. Run it between executions, not during one.
 */
export async function savedExecutions(folder: string, workflowIds: string[]): Promise<SavedExecution[]> {
	return queryN8nDatabase<SavedExecution>(
		folder,
		`SELECT e.id AS id, e.workflowId AS workflowId, e.status AS status, e.mode AS mode, e.storedAt AS storedAt,
			d.data AS data, d.workflowData AS workflowData
		FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id
		WHERE e.workflowId IN (${workflowIds.map(() => '?').join(', ')}) ORDER BY e.id`,
		workflowIds,
	);
}

/**
 * Newer n8n (2.41 here; not 2.8) publishes workflows through an outbox that the running server works off after it
 * is up: `n8n start` prints "Editor is now accessible" before the published workflows' webhooks and pollers are
 * registered (2.8 registers them first). Waits until no publication is pending or in progress and every active
 * workflow's published version is its active one; throws, with the outbox, if that does not come in time. Without
 * the outbox table (older n8n) or an SQLite database, there is nothing to wait for.
 */
export async function waitForPublications(folder: string, timeoutMs = 60_000): Promise<void> {
	if (!fs.existsSync(path.join(folder, '.n8n/database.sqlite'))) return;
	const [{ tables }] = await queryN8nDatabase<{ tables: number }>(
		folder,
		`SELECT COUNT(*) AS tables FROM sqlite_master WHERE type = 'table' AND name IN ('workflow_publication_outbox', 'workflow_published_version')`,
	);
	if (tables < 2) return;
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const [{ busy, unpublished }] = await queryN8nDatabase<{ busy: number; unpublished: number }>(
			folder,
			`SELECT (SELECT COUNT(*) FROM workflow_publication_outbox WHERE status IN ('pending', 'in_progress')) AS busy,
				(SELECT COUNT(*) FROM workflow_entity w LEFT JOIN workflow_published_version p ON p.workflowId = w.id
					WHERE w.activeVersionId IS NOT NULL AND p.publishedVersionId IS NOT w.activeVersionId) AS unpublished`,
		);
		if (!busy && !unpublished) return;
		if (Date.now() > deadline) {
			const outbox = await queryN8nDatabase(folder, 'SELECT * FROM workflow_publication_outbox ORDER BY id');
			throw new Error(
				`n8n did not publish its active workflows within ${timeoutMs} ms (${busy} publications pending, ${unpublished} workflows unpublished); outbox:\n${JSON.stringify(outbox, null, 1)}`,
			);
		}
		await new Promise((r) => setTimeout(r, 250));
	}
}
