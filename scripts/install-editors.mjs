#!/usr/bin/env node
// Installs the real editors the end-to-end tests drive — n8n and Node-RED — each in its own folder under
// test/editors/, outside the package's dependency tree so `npm install` of the package stays fast.
// An editor already installed at the wanted version is kept (CI caches test/editors/*/node_modules).
//
// `node scripts/install-editors.mjs`: the pinned editors npm test runs against (n8n, node-red).
// `node scripts/install-editors.mjs node-red`: only those named (npm start needs Node-RED alone); the editor
// matrix's folders are named the same way (`n8n-latest node-red-5`), and each brings the Node.js binary it
// runs on (node24, node22: the `node` package of the registry), which is installed first and runs its npm
// install, so that native modules (sqlite3, isolated-vm) are built for that Node.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Each folder under test/editors/: the package whose version its package.json pins, and the Node folder it runs on. */
export const EDITORS = {
	n8n: { pkg: 'n8n' },
	'node-red': { pkg: 'node-red' },
	'n8n-latest': { pkg: 'n8n', node: 'node24' },
	'node-red-5': { pkg: 'node-red', node: 'node22' },
	node22: { pkg: 'node' },
	node24: { pkg: 'node' },
};
export const PINNED = ['n8n', 'node-red'];

export const editorDir = (folder) => join(ROOT, 'test/editors', folder);

/** The version a folder's package.json pins for its package. */
export const wantedVersion = (folder) =>
	JSON.parse(readFileSync(join(editorDir(folder), 'package.json'), 'utf8')).dependencies[EDITORS[folder].pkg];

/** The version installed in a folder, or undefined. */
export function installedVersion(folder) {
	const file = join(editorDir(folder), 'node_modules', EDITORS[folder].pkg, 'package.json');
	return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : undefined;
}

/** The Node.js binary a node folder installs (the `node` package's bin/node, the binary itself). */
export const nodeBinary = (folder) => join(editorDir(folder), 'node_modules/node/bin/node');

/** Its headers (include/node), in the platform package the `node` package installs beside it: native builds need them. */
function nodeHeaders(folder) {
	const dir = join(editorDir(folder), 'node_modules/node/node_modules');
	const platform = existsSync(dir) && readdirSync(dir).find((name) => existsSync(join(dir, name, 'include/node/node.h')));
	if (!platform) throw new Error(`no Node.js headers under ${dir}`);
	return join(dir, platform);
}

/** Installs the folders named (their Node folders first), skipping those already at the wanted version. */
export function installEditors(names = PINNED) {
	const unknown = names.filter((name) => !(name in EDITORS));
	if (unknown.length)
		throw new Error(`unknown editor folder(s): ${unknown.join(', ')}; known: ${Object.keys(EDITORS).join(', ')}`);
	const folders = [...new Set(names.flatMap((name) => (EDITORS[name].node ? [EDITORS[name].node, name] : [name])))];
	for (const folder of folders) {
		const { pkg, node } = EDITORS[folder];
		const dir = editorDir(folder);
		const wanted = wantedVersion(folder);
		if (installedVersion(folder) === wanted && (pkg !== 'node' || existsSync(nodeBinary(folder)))) {
			console.log(`${pkg}@${wanted}: already installed in ${dir}`);
			continue;
		}
		console.log(`${pkg}@${wanted}: installing in ${dir}${pkg === 'n8n' ? ' (n8n takes several minutes)' : ''}…`);
		const started = Date.now();
		// On its own Node: npm (a node script) and node-gyp then run on it and build against its headers.
		const env = node
			? {
					...process.env,
					PATH: `${dirname(nodeBinary(node))}:${process.env.PATH}`,
					npm_config_nodedir: nodeHeaders(node),
				}
			: process.env;
		execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit', env });
		console.log(`${pkg}@${wanted}: installed in ${Math.round((Date.now() - started) / 1000)} s`);
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	const only = process.argv.slice(2);
	installEditors(only.length ? only : PINNED);
}
