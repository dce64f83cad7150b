// The three published packages of this repository, and how to pack one exactly as `npm publish` would.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');

export const PACKAGES = {
	n8n: { name: '@smskit/n8n-nodes-sms', dir: ROOT },
	nodeRed: { name: '@smskit/node-red-sms', dir: join(ROOT, 'packages/node-red') },
	tools: { name: '@smskit/tools', dir: join(ROOT, 'packages/tools') },
};

/** Packs a package into `dest`; returns the tarball's path and the files it holds. */
export function pack(dir, dest) {
	mkdirSync(dest, { recursive: true });
	const [info] = JSON.parse(execFileSync('npm', ['pack', '--pack-destination', dest, '--json'], { cwd: dir, encoding: 'utf8' }));
	return { tarball: join(dest, info.filename.replace(/^@/, '').replace(/\//, '-')), files: info.files.map((f) => f.path) };
}

/** Unpacks a tarball into a fresh folder and returns the package's folder in it. */
export function unpack(tarball, parent) {
	mkdirSync(parent, { recursive: true });
	const dir = mkdtempSync(join(parent, 'unpacked-'));
	execFileSync('tar', ['-xzf', tarball, '-C', dir]);
	return join(dir, 'package');
}
