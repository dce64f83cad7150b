import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * What a receive node must not forget across redeploys and restarts (poll cursors, de-duplication keys, the
 * callbacks it took over): Node-RED deletes a node's memory context on every close, so it lives in one JSON
 * file per node, `<userDir>/smskit/<node id>.json`, read once on start and replaced atomically on each change.
 */
export interface NodeStore {
	get<T>(key: string): T | undefined;
	/** Changes a value and writes the file in the background (`undefined` removes the key). */
	set(key: string, value: unknown): void;
	/** Resolves once every change made so far is on disk. */
	flush(): Promise<void>;
	/** Deletes the file, once pending writes are done (the node was removed from the flows). */
	remove(): Promise<void>;
	/** Why the saved file could not be read or written, if it could not; never holds a value. */
	readonly problem?: string;
}

/** The folder of the files: under Node-RED's user directory, beside flows.json. */
export function storeDir(userDir: string): string {
	return path.join(userDir, 'smskit');
}

export function storeFile(userDir: string, nodeId: string): string {
	// Subflow instance ids contain "-"; anything else outside [\w.-] could leave the folder.
	return path.join(storeDir(userDir), `${nodeId.replace(/[^\w.-]/g, '_')}.json`);
}

/** The store of one node; without a user directory (never in a real Node-RED) it lives in memory only. */
export function nodeStore(userDir: string | undefined, nodeId: string): NodeStore {
	const file = userDir ? storeFile(userDir, nodeId) : undefined;
	let data: Record<string, unknown> = {};
	let problem: string | undefined;
	if (file) {
		try {
			const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
			if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
		} catch (caught: unknown) {
			if ((caught as NodeJS.ErrnoException).code !== 'ENOENT') problem = `${file} could not be read; starting afresh.`;
		}
	}
	// Writes run one after another; a change made while one runs is written by the next, so the last one wins.
	let writing: Promise<void> = Promise.resolve();
	let dirty = false;
	let removed = false;

	const write = async (): Promise<void> => {
		if (!file || !dirty || removed) return;
		dirty = false;
		const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
		try {
			await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
			await fs.promises.writeFile(temp, JSON.stringify(data), { mode: 0o600 });
			await fs.promises.rename(temp, file);
			store.problem = undefined;
		} catch (caught: unknown) {
			store.problem = `${file} could not be written: ${(caught as NodeJS.ErrnoException).code ?? 'error'}.`;
			await fs.promises.rm(temp, { force: true }).catch(() => undefined);
		}
	};

	const store: { -readonly [K in keyof NodeStore]: NodeStore[K] } = {
		problem,
		get: <T>(key: string) => data[key] as T | undefined,
		set(key, value) {
			if (value === undefined) delete data[key];
			else data[key] = value;
			dirty = true;
			writing = writing.then(write);
		},
		flush: () => writing,
		async remove() {
			removed = true;
			await writing;
			data = {};
			if (file) await fs.promises.rm(file, { force: true });
		},
	};
	return store;
}
