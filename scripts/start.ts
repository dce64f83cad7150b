/**
 * `npm start`: the sandbox (every provider, and the phone page) and a Node-RED with SMS Kit loaded from the
 * build and one flow tab per provider deployed against the sandbox. Prints the two URLs; Ctrl-C stops both.
 *   npm start -- [--port 1880] [--sandbox-port 4010]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { storeFile } from '../node-red/shared/store';
import { startSandbox } from '../sandbox/server';
import { buildIfNeeded, installEditorIfNeeded } from './start-common';
import {
	freePort,
	readExamples,
	startFlows,
	tabId,
	PROVIDER_LABELS,
	type SandboxCredentials,
	type StartProvider,
} from './start-flows';

const log = (text: string) => process.stderr.write(`smskit start: ${text}\n`);

export async function main(root: string, argv: string[]): Promise<void> {
	const option = (name: string, fallback: number) => {
		const at = argv.indexOf(name);
		return at >= 0 ? Number(argv[at + 1]) : fallback;
	};
	buildIfNeeded(root, log, 'packages/node-red/dist/smskit.js', ['core', 'node-red']);
	const nodeRedMain = installEditorIfNeeded(root, log, 'node-red');

	// Its own ports follow the shared one (4011, 4012): all free ones when 4010 is taken.
	const wanted = option('--sandbox-port', 4010);
	const sandbox = await startSandbox({ port: (await freePort(wanted)) === wanted ? wanted : 0, host: '127.0.0.1' });
	const credentials = (await (await fetch(`${sandbox.origin}/_sandbox/credentials`)).json()) as SandboxCredentials;
	const port = await freePort(option('--port', 1880));
	const editorUrl = `http://127.0.0.1:${port}`;
	const userDir = prepareUserDir(root);
	const examples = readExamples(path.join(root, 'packages/node-red/examples'));
	// The sandbox starts empty each time, its ids from 1 again: what the receive nodes remembered of the last one
	// (poll cursors, ids already seen) would make them skip the new messages.
	for (const { nodes } of examples)
		for (const node of nodes) if (node.type.endsWith('-sms-receive')) fs.rmSync(storeFile(userDir, node.id), { force: true });
	const child = spawn(process.execPath, [nodeRedMain, '--userDir', userDir, '--port', String(port)], {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, SMSKIT_START_PORT: String(port) },
	});
	const output: string[] = [];
	const keep = (d: Buffer) => output.push(String(d));
	child.stdout!.on('data', keep);
	child.stderr!.on('data', keep);
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		child.kill('SIGINT');
		await sandbox.close();
		process.exit(code);
	};
	child.once('exit', (code) => {
		if (stopping) return;
		log(`Node-RED stopped (${code}):\n${output.join('').slice(-3000)}`);
		void stop(1);
	});
	process.once('SIGINT', () => void stop(0));
	process.once('SIGTERM', () => void stop(0));

	await waitForEditor(editorUrl, child);
	const { flows, pushes } = startFlows(examples, { urls: sandbox.urls, credentials }, editorUrl);
	await deploy(editorUrl, flows);
	for (const push of pushes) {
		const answer = await fetch(`${sandbox.origin}${push.path}`, {
			method: push.method,
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(push.body),
		});
		if (!answer.ok) throw new Error(`sandbox ${push.path}: HTTP ${answer.status} ${await answer.text()}`);
	}
	const tabs = (Object.keys(PROVIDER_LABELS) as StartProvider[]).map((p) => PROVIDER_LABELS[p]).join(', ');
	process.stdout.write(
		[
			'',
			`  Node-RED editor   ${editorUrl}    (tabs: ${tabs})`,
			`  Phone page        ${sandbox.origin}/_sandbox/phone`,
			`  Sandbox           ${sandbox.origin}/_sandbox/credentials    (control API, test credentials)`,
			'',
			'  Press an inject button, see the message on the phone page, reply there and watch the debug sidebar.',
			'  Ctrl-C stops everything.',
			'',
		].join('\n'),
	);
}

/**
 * `.tmp/start/node-red`: SMS Kit linked from the build (packages/node-red) so a rebuild is picked up on the next
 * start, and a settings file that encrypts credentials with a key of this folder's own.
 */
function prepareUserDir(root: string): string {
	const dir = path.join(root, '.tmp/start/node-red');
	const modules = path.join(dir, 'node_modules/@smskit');
	fs.mkdirSync(modules, { recursive: true });
	const link = path.join(modules, 'node-red-sms');
	fs.rmSync(link, { recursive: true, force: true });
	fs.symlinkSync(path.join(root, 'packages/node-red'), link, 'dir');
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{ name: 'smskit-start', private: true, dependencies: { '@smskit/node-red-sms': 'file:../../../packages/node-red' } },
			null,
			2,
		),
	);
	const secretFile = path.join(dir, '.credential-secret');
	if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, randomKey(), { mode: 0o600 });
	fs.writeFileSync(
		path.join(dir, 'settings.js'),
		[
			'// Written by `npm start` on every start.',
			"const fs = require('node:fs');",
			'module.exports = {',
			"\tflowFile: 'flows.json',",
			"\tcredentialSecret: fs.readFileSync(__dirname + '/.credential-secret', 'utf8'),",
			"\tuiHost: '127.0.0.1',",
			'\tlogging: { console: { level: "info", metrics: false, audit: false } },',
			'\ttelemetry: { enabled: false },',
			'\tdiagnostics: { enabled: false },',
			'\teditorTheme: { tours: false, projects: { enabled: false } },',
			'};',
			'',
		].join('\n'),
	);
	return dir;
}

function randomKey(): string {
	return [...crypto.getRandomValues(new Uint8Array(24))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function waitForEditor(url: string, child: ChildProcess): Promise<void> {
	for (let waited = 0; waited < 60_000; waited += 250) {
		if (child.exitCode !== null) throw new Error('Node-RED exited while starting');
		const ready = await fetch(`${url}/flows`, { headers: { 'Node-RED-API-Version': 'v2' } }).then(
			(r) => r.ok,
			() => false,
		);
		if (ready) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`Node-RED did not answer on ${url} within 60 s`);
}

/** The start tabs replace those of an earlier start; the user's own tabs and nodes stay. */
async function deploy(url: string, flows: Array<{ id: string; type: string; z?: unknown }>): Promise<void> {
	const current = (await (await fetch(`${url}/flows`)).json()) as Array<{ id: string; type: string; z?: string }>;
	const ours = new Set(flows.map((n) => n.id));
	const tabs = new Set((Object.keys(PROVIDER_LABELS) as StartProvider[]).map(tabId));
	const kept = current.filter((n) => !ours.has(n.id) && !tabs.has(n.z ?? '') && !tabs.has(n.id));
	const answer = await fetch(`${url}/flows`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', 'Node-RED-Deployment-Type': 'full' },
		body: JSON.stringify([...flows, ...kept]),
	});
	if (!answer.ok) throw new Error(`deploying the flows failed: HTTP ${answer.status} ${await answer.text()}`);
}
