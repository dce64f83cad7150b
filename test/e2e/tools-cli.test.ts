import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { runOperation } from '../../core/operation';
import { getService, ovhError, ovhSession } from '../../core/providers/ovh';
import type { Transport } from '../../core/http';
import { EMULATORS } from '../../sandbox/providers';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { TMP, installTarball } from './helpers/pack';

const run = promisify(execFile);

let bin: string;
beforeAll(() => {
	const dir = installTarball('tools', path.join(TMP, `tools-${process.pid}`));
	bin = path.join(dir, '../../.bin/smskit');
});

/** `smskit ovh-consumer-key`, from the packed @smskit/tools, asks the sandbox for a consumer key a user then validates. */
describe('smskit ovh-consumer-key', () => {
	let sandbox: Sandbox;
	const transport: Transport = async (wire) => {
		const res = await fetch(wire.url, { method: wire.method, headers: wire.headers, body: wire.body });
		return { status: res.status, headers: {}, body: JSON.parse(await res.text()) };
	};
	const account = (consumerKey: string, service: string) =>
		runOperation(
			getService,
			{ service },
			{
				send: ovhSession(
					{
						endpoint: 'custom',
						customUrl: sandbox.urls.ovh,
						applicationKey: 'sandbox-ovh-application-key',
						applicationSecret: 'sandbox-ovh-application-secret',
						consumerKey,
					},
					transport,
					Date.now,
				),
				toError: ovhError,
				sleep: async () => {},
			},
		);

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
	});
	afterAll(() => sandbox?.close());

	it('prints a consumer key for one account and the validation URL; the key works once validated, on that account only', async () => {
		const { stdout } = await run(bin, [
			'ovh-consumer-key',
			'--application-key',
			'sandbox-ovh-application-key',
			'--url',
			sandbox.urls.ovh,
			'--service',
			'sms-sandbox-1',
		]);
		const consumerKey = /Consumer key: (\S+)/.exec(stdout)?.[1];
		const validationUrl = /Open (\S+)/.exec(stdout)?.[1];
		expect(consumerKey).toBeDefined();
		expect(stdout).toContain('state: pendingValidation');

		await expect(account(consumerKey!, 'sms-sandbox-1')).rejects.toMatchObject({ code: 'INVALID_CREDENTIAL' });
		expect((await fetch(validationUrl!)).ok).toBe(true);
		await expect(account(consumerKey!, 'sms-sandbox-1')).resolves.toMatchObject({ name: 'sms-sandbox-1' });
		await expect(account(consumerKey!, 'sms-sandbox-2')).rejects.toMatchObject({ code: 'NOT_GRANTED_CALL' });
	});

	it('explains an unknown application key and exits non-zero', async () => {
		const failure = await run(bin, ['ovh-consumer-key', '--application-key', 'nope', '--url', sandbox.urls.ovh]).catch(
			(e: { code: number; stderr: string }) => e,
		);
		expect(failure).toMatchObject({ code: 1 });
		expect((failure as { stderr: string }).stderr).toContain('INVALID_KEY');
	});
});

/** `smskit sandbox`, from the packed @smskit/tools: what a user who installed from npm runs to try a flow. */
describe('smskit sandbox', () => {
	it("prints every provider's base URL as one JSON line, serves them, and stops on SIGTERM", async () => {
		const child = spawn(bin, ['sandbox', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
		const line = await new Promise<string>((resolve, reject) => {
			let out = '';
			child.stdout.on('data', (chunk: Buffer) => {
				out += chunk.toString();
				if (out.includes('\n')) resolve(out.split('\n')[0]);
			});
			child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
		});
		const urls = JSON.parse(line) as Record<string, string>;
		expect(Object.keys(urls).sort()).toEqual(EMULATORS.map((e) => e.id).sort());
		const origin = new URL(urls.ovh).origin;
		const credentials = (await (await fetch(`${origin}/_sandbox/credentials`)).json()) as Record<string, unknown>;
		expect(Object.keys(credentials)).toEqual(expect.arrayContaining(EMULATORS.map((e) => e.id)));
		const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
	});

	it('from an empty folder, serves the phone page too: a reply typed there is listed', async () => {
		const empty = fs.mkdtempSync(path.join(TMP, 'empty-'));
		const child = spawn(bin, ['sandbox', '--port', '0'], { cwd: empty, stdio: ['ignore', 'pipe', 'pipe'] });
		try {
			const page = await new Promise<string>((resolve, reject) => {
				let err = '';
				child.stderr.on('data', (chunk: Buffer) => {
					err += chunk.toString();
					const url = /Phone page: (http:\S+)/.exec(err)?.[1];
					if (url) resolve(url);
				});
				child.once('exit', (code) => reject(new Error(`exited with ${code}: ${err}`)));
			});
			const html = await fetch(page);
			expect(html.headers.get('content-type')).toMatch(/^text\/html/);
			expect(await html.text()).toContain('SMS Kit sandbox · phone');
			const reply = await fetch(`${page}/reply`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ provider: 'smsmobileapi', from: '+33601020304', text: 'STOP' }),
			});
			expect(reply.status).toBe(200);
			const list = (await (await fetch(`${page}/messages`)).json()) as { messages: Array<{ provider: string; text: string }> };
			expect(list.messages).toEqual([expect.objectContaining({ provider: 'smsmobileapi', text: 'STOP' })]);
		} finally {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
			fs.rmSync(empty, { recursive: true, force: true });
		}
	});

	it('explains an unknown command and exits 2', async () => {
		const failure = await run(bin, ['fly']).catch((e: { code: number; stderr: string }) => e);
		expect(failure).toMatchObject({ code: 2 });
		expect((failure as { stderr: string }).stderr).toMatch(/unknown command "fly"[\s\S]*sandbox[\s\S]*ovh-consumer-key/);
	});
});
