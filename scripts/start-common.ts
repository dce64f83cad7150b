/**
 * What `npm start` (scripts/start.ts) and `npm run start:n8n` (scripts/start-n8n.ts) do before they start
 * anything: build SMS Kit when its output is missing or stale, and install the pinned editor on the first start.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

type Log = (text: string) => void;

/**
 * Runs the build (`npx gulp build`) when `output` (a path from the root) is missing, or older than a file in one
 * of `sources` (folders from the root; none: only a missing output is built).
 */
export function buildIfNeeded(root: string, log: Log, output: string, sources: readonly string[] = []): void {
	const file = path.join(root, output);
	const built = fs.existsSync(file) ? fs.statSync(file).mtimeMs : -1;
	const newest = Math.max(0, ...sources.map((dir) => newestIn(path.join(root, dir))));
	if (built >= newest) return;
	log('building SMS Kit (npm run build)…');
	const result = spawnSync('npx', ['gulp', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
	if (result.status !== 0) throw new Error('the build failed');
}

function newestIn(dir: string): number {
	let newest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
		if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
	}
	return newest;
}

const EDITORS = {
	'node-red': { name: 'Node-RED', main: 'node_modules/node-red/red.js', note: '(first start only)' },
	n8n: {
		name: 'n8n',
		main: 'node_modules/n8n/bin/n8n',
		note: 'into test/editors/n8n (first start only: about 7 minutes and 2.3 GB)',
	},
} as const;

/**
 * The pinned editor of test/editors/<editor>, installed on the first start by scripts/install-editors.mjs (as the
 * tests install it, with npm's progress); the path of the script that runs it.
 */
export function installEditorIfNeeded(root: string, log: Log, editor: keyof typeof EDITORS): string {
	const { name, main, note } = EDITORS[editor];
	const script = path.join(root, 'test/editors', editor, main);
	if (!fs.existsSync(script)) {
		log(`installing ${name} ${note}…`);
		const result = spawnSync(process.execPath, ['scripts/install-editors.mjs', editor], { cwd: root, stdio: 'inherit' });
		if (result.status !== 0) throw new Error(`installing ${name} failed`);
	}
	return script;
}
