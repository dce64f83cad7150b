import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
export const TMP = path.join(ROOT, '.tmp');
export const EDITORS = path.join(ROOT, 'test/editors');

/** Packs the built package once per run, exactly as it would be published (npm pack of dist/). */
export function packTarball(): string {
	fs.mkdirSync(TMP, { recursive: true });
	const out = execFileSync('npm', ['pack', '--pack-destination', TMP, '--json'], { cwd: ROOT, encoding: 'utf8' });
	const [info] = JSON.parse(out) as Array<{ filename: string }>;
	return path.join(TMP, info.filename.replace(/^@/, '').replace(/\//, '-'));
}

/** Installs the tarball into a fresh folder the way users do (npm install <tarball>), without its optional peer. */
export function installTarball(tarball: string, prefix: string): string {
	fs.mkdirSync(prefix, { recursive: true });
	if (!fs.existsSync(path.join(prefix, 'package.json')))
		fs.writeFileSync(path.join(prefix, 'package.json'), '{"name":"install-root","private":true}');
	execFileSync('npm', ['install', '--no-audit', '--no-fund', '--omit=peer', tarball], { cwd: prefix, stdio: 'pipe' });
	return path.join(prefix, 'node_modules/@smskit/n8n-nodes-sms');
}
