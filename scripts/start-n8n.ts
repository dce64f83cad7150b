/**
 * `npm run start:n8n`: the sandbox and an n8n with SMS Kit installed from its packed tarball (as a user installs
 * it), the owner account made, the sandbox credentials and one example workflow per provider imported
 * (docs/n8n-workflows), the trigger workflows active. Prints the URLs and the login; Ctrl-C stops both.
 *   npm run start:n8n -- [--port 5678] [--sandbox-port 4010]
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSandbox } from '../sandbox/server';
import { buildIfNeeded, installEditorIfNeeded } from './start-common';
import { freePort, n8nCredentialData, type SandboxCredentials, type StartProvider } from './start-flows';

const log = (text: string) => process.stderr.write(`smskit start:n8n: ${text}\n`);

/** The login `npm run start:n8n` gives its n8n (a local test instance on loopback). */
export const N8N_LOGIN = { email: 'owner@smskit.test', password: 'SmsKit-sandbox-1', firstName: 'SMS', lastName: 'Kit' };

const CREDENTIAL_TYPES: Record<StartProvider, string> = {
	ovh: 'ovhApi',
	tencent: 'tencentCloudSmsApi',
	alibaba: 'alibabaCloudSmsApi',
	smsmobileapi: 'smsMobileApi',
};
/** Workflows started with n8n (their triggers registered); the others run from the editor. */
const ACTIVE = ['ovh-reply-handling', 'alibaba-order-sms', 'smsmobileapi-stop'];

export async function main(root: string, argv: string[]): Promise<void> {
	const option = (name: string, fallback: number) => {
		const at = argv.indexOf(name);
		return at >= 0 ? Number(argv[at + 1]) : fallback;
	};
	const bin = installEditorIfNeeded(root, log, 'n8n');
	buildIfNeeded(root, log, 'dist/nodes/shared/runtime.js');
	const folder = path.join(root, '.tmp/start/n8n');
	fs.mkdirSync(folder, { recursive: true });
	log('installing the packed n8n package into the n8n user folder…');
	installPackage(root, folder);

	const wanted = option('--sandbox-port', 4010);
	const sandbox = await startSandbox({ port: (await freePort(wanted)) === wanted ? wanted : 0, host: '127.0.0.1' });
	const credentials = (await (await fetch(`${sandbox.origin}/_sandbox/credentials`)).json()) as SandboxCredentials;
	const port = await freePort(option('--port', 5678));
	const base = `http://127.0.0.1:${port}`;
	const env = n8nEnv(folder, port);
	const cli = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8' });

	const data = n8nCredentialData(credentials, sandbox.urls);
	const ids = Object.fromEntries(
		(Object.keys(CREDENTIAL_TYPES) as StartProvider[]).map((p) => [p, `smskitstart${p}`.slice(0, 16).padEnd(16, '0')]),
	) as Record<StartProvider, string>;
	const credentialFile = path.join(folder, 'credentials.json');
	fs.writeFileSync(
		credentialFile,
		JSON.stringify(
			(Object.keys(CREDENTIAL_TYPES) as StartProvider[]).map((p) => ({
				id: ids[p],
				name: `${p} (SMS Kit sandbox)`,
				type: CREDENTIAL_TYPES[p],
				data: data[p],
			})),
		),
	);
	const imported = cli(['import:credentials', `--input=${credentialFile}`]);
	fs.rmSync(credentialFile);
	if (imported.status !== 0) throw new Error(`import:credentials failed:\n${imported.stdout}${imported.stderr}`);

	const workflows = path.join(folder, 'workflows');
	fs.rmSync(workflows, { recursive: true, force: true });
	fs.mkdirSync(workflows);
	const examples = path.join(root, 'docs/n8n-workflows');
	for (const file of fs.readdirSync(examples).filter((f) => f.endsWith('.json'))) {
		const id = file.replace(/\.json$/, '');
		const workflow = JSON.parse(fs.readFileSync(path.join(examples, file), 'utf8')) as {
			nodes: Array<{ credentials?: Record<string, { id: string }> }>;
		};
		for (const node of workflow.nodes)
			for (const [type, ref] of Object.entries(node.credentials ?? {})) {
				const provider = (Object.keys(CREDENTIAL_TYPES) as StartProvider[]).find((p) => CREDENTIAL_TYPES[p] === type);
				if (provider) Object.assign(ref, { id: ids[provider], name: `${provider} (SMS Kit sandbox)` });
			}
		fs.writeFileSync(path.join(workflows, file), JSON.stringify({ ...workflow, id: `smskit${id}`.slice(0, 16), active: false }));
	}
	const wf = cli(['import:workflow', '--separate', `--input=${workflows}`]);
	if (wf.status !== 0) throw new Error(`import:workflow failed:\n${wf.stdout}${wf.stderr}`);
	for (const id of ACTIVE) {
		const published = cli(['publish:workflow', `--id=${`smskit${id}`.slice(0, 16)}`]);
		if (published.status !== 0) log(`could not activate ${id}: ${published.stderr.trim().split('\n').pop()}`);
	}

	log('starting n8n…');
	const server = spawn(process.execPath, [bin, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	const output: string[] = [];
	server.stdout!.on('data', (d: Buffer) => output.push(String(d)));
	server.stderr!.on('data', (d: Buffer) => output.push(String(d)));
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		server.kill('SIGTERM');
		await sandbox.close();
		process.exit(code);
	};
	server.once('exit', (code) => {
		if (stopping) return;
		log(`n8n stopped (${code}):\n${output.join('').slice(-3000)}`);
		void stop(1);
	});
	process.once('SIGINT', () => void stop(0));
	process.once('SIGTERM', () => void stop(0));

	await waitForN8n(base, server, output);
	// The owner account: without one n8n shows its setup form first. Made once; later starts keep it.
	const setup = await fetch(`${base}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(N8N_LOGIN),
	});
	if (!setup.ok && setup.status !== 400) log(`owner setup answered HTTP ${setup.status}: ${await setup.text()}`);
	process.stdout.write(
		[
			'',
			`  n8n editor   ${base}    (login ${N8N_LOGIN.email} / ${N8N_LOGIN.password})`,
			`  Phone page   ${sandbox.origin}/_sandbox/phone`,
			`  Sandbox      ${sandbox.origin}/_sandbox/credentials`,
			'',
			'  Workflows: one per provider (docs/n8n-workflows), the triggers active. Ctrl-C stops everything.',
			'',
		].join('\n'),
	);
}

/** npm pack of the package, installed into `<folder>/.n8n/nodes` without its peer (n8n's own n8n-workflow serves). */
function installPackage(root: string, folder: string): void {
	const nodes = path.join(folder, '.n8n/nodes');
	fs.mkdirSync(nodes, { recursive: true });
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', folder], { cwd: root, encoding: 'utf8' }),
	) as Array<{ filename: string }>;
	const tarball = path.join(folder, packed.filename.replace(/^@/, '').replace('/', '-'));
	// The same version again is "up to date" to npm: the old copy goes first, so a rebuild is what runs.
	fs.rmSync(path.join(nodes, 'node_modules/@smskit'), { recursive: true, force: true });
	if (!fs.existsSync(path.join(nodes, 'package.json')))
		fs.writeFileSync(path.join(nodes, 'package.json'), '{"name":"installed-nodes","private":true}');
	execFileSync('npm', ['install', '--no-audit', '--no-fund', '--omit=peer', '--loglevel=error', tarball], {
		cwd: nodes,
		stdio: 'inherit',
	});
}

function n8nEnv(folder: string, port: number): NodeJS.ProcessEnv {
	const keyFile = path.join(folder, '.encryption-key');
	if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, randomBytes(24).toString('hex'), { mode: 0o600 });
	return {
		...process.env,
		NODE_ENV: 'production',
		N8N_USER_FOLDER: folder,
		N8N_ENCRYPTION_KEY: fs.readFileSync(keyFile, 'utf8'),
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_RUNNERS_BROKER_PORT: String(port + 1000),
	};
}

async function waitForN8n(base: string, server: ReturnType<typeof spawn>, output: string[]): Promise<void> {
	for (let waited = 0; waited < 180_000; waited += 500) {
		if (server.exitCode !== null) throw new Error('n8n exited while starting');
		const ok = await fetch(`${base}/healthz/readiness`).then(
			(r) => r.ok,
			() => false,
		);
		// Ready answers before the REST routes are mounted; the editor line comes after them.
		if (ok && /Editor is now accessible/.test(output.join(''))) return;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`n8n did not answer on ${base} within 3 minutes`);
}
