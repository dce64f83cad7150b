#!/usr/bin/env node
// Installs the real editors the end-to-end tests drive — n8n and Node-RED — each in its own folder under
// test/editors/, outside the package's dependency tree so `npm install` of the package stays fast.
// An editor already installed at the pinned version is kept (CI caches test/editors/*/node_modules).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const editors = { n8n: 'n8n', 'node-red': 'node-red' };

// `node scripts/install-editors.mjs node-red`: only those named (npm start needs Node-RED alone).
const only = process.argv.slice(2);
for (const [folder, pkg] of Object.entries(editors).filter(([folder]) => !only.length || only.includes(folder))) {
	const dir = join('test/editors', folder);
	const wanted = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies[pkg];
	const installed = join(dir, 'node_modules', pkg, 'package.json');
	if (existsSync(installed) && JSON.parse(readFileSync(installed, 'utf8')).version === wanted) {
		console.log(`${pkg}@${wanted}: already installed in ${dir}`);
		continue;
	}
	console.log(`${pkg}@${wanted}: installing in ${dir} (n8n takes several minutes)…`);
	const started = Date.now();
	execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
	console.log(`${pkg}@${wanted}: installed in ${Math.round((Date.now() - started) / 1000)} s`);
}
