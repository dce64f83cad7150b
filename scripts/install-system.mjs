#!/usr/bin/env node
// Installs the Debian packages the end-to-end tests need when they are missing, as scripts/install-editors.mjs
// installs the editors (`npm test` runs both): Chromium for the browser tests, PostgreSQL and Redis for n8n's
// queue mode (test/e2e/n8n-queue.test.ts starts its own servers on loopback). apt-get needs root (CI runs as
// root); otherwise sudo without a password, or a clear message.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

/** The newest PostgreSQL server Debian installed (/usr/lib/postgresql/<major>/bin), or undefined. */
export function postgresBin() {
	const root = '/usr/lib/postgresql';
	const majors = existsSync(root) ? readdirSync(root).filter((v) => existsSync(`${root}/${v}/bin/initdb`)) : [];
	return majors.length ? `${root}/${majors.sort((a, b) => Number(b) - Number(a))[0]}/bin` : undefined;
}

/** Debian package → whether it is there. */
const packages = {
	chromium: () => existsSync(process.env.SMSKIT_CHROMIUM ?? '/usr/bin/chromium'),
	postgresql: () => postgresBin() !== undefined,
	'redis-server': () => existsSync('/usr/bin/redis-server'),
};

const only = process.argv.slice(2);
const missing = Object.keys(packages).filter((name) => (!only.length || only.includes(name)) && !packages[name]());
if (!missing.length) {
	console.log(`system packages: ${(only.length ? only : Object.keys(packages)).join(', ')} installed`);
} else {
	const asRoot = process.getuid?.() === 0;
	const run = (args) =>
		execFileSync(asRoot ? args[0] : 'sudo', asRoot ? args.slice(1) : ['-n', ...args], {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
	console.log(`system packages: installing Debian ${missing.join(', ')} for the end-to-end tests (a minute or two)…`);
	const started = Date.now();
	try {
		run(['apt-get', 'update', '-q']);
		// The servers are started by the tests themselves, on loopback: no service is enabled or started here.
		run(['apt-get', 'install', '-y', '-q', ...missing]);
	} catch (error) {
		console.error(
			`system packages: could not install ${missing.join(', ')} (${error.message}). Install them with apt-get install ${missing.join(' ')} (or set SMSKIT_CHROMIUM to a Chromium binary).`,
		);
		process.exit(1);
	}
	console.log(`system packages: installed in ${Math.round((Date.now() - started) / 1000)} s`);
}
