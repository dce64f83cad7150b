import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
export const TMP = path.join(ROOT, '.tmp');
export const EDITORS = path.join(ROOT, 'test/editors');

/**
 * The editors the e2e suites drive: the pinned ones under test/editors/{n8n,node-red} unless the editor matrix
 * (scripts/test-editors-matrix.mjs) names another install folder, and the Node.js binary n8n runs on.
 */
export const N8N_DIR = path.resolve(ROOT, process.env.SMSKIT_N8N_DIR ?? path.join(EDITORS, 'n8n'));
export const N8N_BIN = path.join(N8N_DIR, 'node_modules/n8n/bin/n8n');
export const N8N_NODE = process.env.SMSKIT_N8N_NODE ?? process.execPath;
export const NODE_RED_DIR = path.resolve(ROOT, process.env.SMSKIT_NODE_RED_DIR ?? path.join(EDITORS, 'node-red'));

/** The three published packages: each editor's e2e installs its own. */
export const PACKAGES = {
	n8n: { name: '@smskit/n8n-nodes-sms', dir: ROOT, env: 'SMSKIT_N8N_TARBALL' },
	nodeRed: { name: '@smskit/node-red-sms', dir: path.join(ROOT, 'packages/node-red'), env: 'SMSKIT_NODE_RED_TARBALL' },
	tools: { name: '@smskit/tools', dir: path.join(ROOT, 'packages/tools'), env: 'SMSKIT_TOOLS_TARBALL' },
} as const;

export type PackageKey = keyof typeof PACKAGES;

/** Packs one built package, exactly as it would be published. */
export function packTarball(key: PackageKey): string {
	fs.mkdirSync(TMP, { recursive: true });
	const out = execFileSync('npm', ['pack', '--pack-destination', TMP, '--json'], { cwd: PACKAGES[key].dir, encoding: 'utf8' });
	const [info] = JSON.parse(out) as Array<{ filename: string }>;
	return path.join(TMP, info.filename.replace(/^@/, '').replace(/\//, '-'));
}

/** The tarball globalSetup packed for this package. */
export function tarball(key: PackageKey): string {
	const file = process.env[PACKAGES[key].env];
	if (!file) throw new Error(`${PACKAGES[key].env} is not set: run through jest, whose globalSetup packs the packages`);
	return file;
}

/** Installs a package's tarball into a fresh folder the way users do (npm install <tarball>), without optional peers. */
export function installTarball(key: PackageKey, prefix: string): string {
	fs.mkdirSync(prefix, { recursive: true });
	if (!fs.existsSync(path.join(prefix, 'package.json')))
		fs.writeFileSync(path.join(prefix, 'package.json'), '{"name":"install-root","private":true}');
	execFileSync('npm', ['install', '--no-audit', '--no-fund', '--omit=peer', tarball(key)], { cwd: prefix, stdio: 'pipe' });
	return path.join(prefix, 'node_modules', PACKAGES[key].name);
}
