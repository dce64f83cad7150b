#!/usr/bin/env node
// Installs Debian's Chromium for the browser tests (test/e2e/browser-*.test.ts) when it is missing, as
// scripts/install-editors.mjs installs the editors: `npm test` runs both. apt-get needs root (CI runs as root);
// otherwise sudo without a password, or a clear message.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.SMSKIT_CHROMIUM ?? '/usr/bin/chromium';

if (existsSync(CHROMIUM)) {
	console.log(`chromium: ${CHROMIUM} is installed`);
} else {
	const asRoot = process.getuid?.() === 0;
	const run = (args) =>
		execFileSync(asRoot ? args[0] : 'sudo', asRoot ? args.slice(1) : ['-n', ...args], {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
	console.log('chromium: installing Debian chromium for the browser tests (about a minute)…');
	const started = Date.now();
	try {
		run(['apt-get', 'update', '-q']);
		run(['apt-get', 'install', '-y', '-q', 'chromium']);
	} catch (error) {
		console.error(
			`chromium: could not install it (${error.message}). Install Debian's chromium (apt-get install chromium), or set SMSKIT_CHROMIUM to a Chromium binary.`,
		);
		process.exit(1);
	}
	console.log(`chromium: installed in ${Math.round((Date.now() - started) / 1000)} s`);
}
