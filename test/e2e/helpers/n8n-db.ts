import * as fs from 'node:fs';
import * as path from 'node:path';
import { N8N_DIR } from './pack';

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

/**
 * The executions n8n saved for these workflows, oldest first, read with the sqlite3 module n8n itself ships
 * (read-only, so a CLI run that starts later is not disturbed). Run it between executions, not during one.
 */
export async function savedExecutions(folder: string, workflowIds: string[]): Promise<SavedExecution[]> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const sqlite3 = require(path.join(N8N_DIR, 'node_modules/sqlite3')) as Sqlite3;
	const file = path.join(folder, '.n8n/database.sqlite');
	const db = await new Promise<InstanceType<Sqlite3['Database']>>((resolve, reject) => {
		const opened = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (error) => (error ? reject(error) : resolve(opened)));
	});
	try {
		const marks = workflowIds.map(() => '?').join(', ');
		return await new Promise<SavedExecution[]>((resolve, reject) =>
			db.all(
				`SELECT e.id AS id, e.workflowId AS workflowId, e.status AS status, e.mode AS mode, e.storedAt AS storedAt,
					d.data AS data, d.workflowData AS workflowData
				FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id
				WHERE e.workflowId IN (${marks}) ORDER BY e.id`,
				workflowIds,
				(error, rows) => (error ? reject(error) : resolve(rows as SavedExecution[])),
			),
		);
	} finally {
		await new Promise<void>((resolve) => db.close(() => resolve()));
	}
}
