import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createServer } from 'node:net';
import { parseArgs } from '../../sandbox/cli';
import { defineEmulator, type ProviderEmulator } from '../../sandbox/provider';
import { EMULATORS } from '../../sandbox/providers';

const ROOT = join(__dirname, '../..');

/** A definition parseArgs can count; it is never started. */
const fake = (id: string, ownListener: boolean) =>
	defineEmulator({
		id,
		ownListener,
		create: (): ProviderEmulator => {
			throw new Error('not started in these tests');
		},
		describe: () => [],
	});

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

describe('parseArgs', () => {
	it('defaults to port 4010 on 127.0.0.1, any free TLS port, Tencent on 4011 and Alibaba on 4012', () => {
		expect(parseArgs([])).toEqual({ port: 4010, host: '127.0.0.1', tlsPort: 0, ports: { tencent: 4011, alibaba: 4012 } });
	});

	it('reads flags with a space or an equals sign', () => {
		expect(parseArgs(['--port', '0', '--host=localhost', '--tls-port=4443', '--port-tencent', '4500'])).toEqual({
			port: 0,
			host: 'localhost',
			tlsPort: 4443,
			ports: { tencent: 4500, alibaba: 0 },
		});
	});

	it('puts Tencent and Alibaba on the ports after --port, or any free ones when --port is 0', () => {
		expect(parseArgs(['--port', '5000']).ports).toEqual({ tencent: 5001, alibaba: 5002 });
		expect(parseArgs(['--port', '0']).ports).toEqual({ tencent: 0, alibaba: 0 });
		expect(parseArgs(['--port', '65534']).ports).toEqual({ tencent: 65535, alibaba: 0 });
		expect(parseArgs(['--port-tencent=0']).ports).toEqual({ tencent: 0, alibaba: 4012 });
		expect(parseArgs(['--port', '0', '--port-tencent', '5000']).ports).toEqual({ tencent: 5000, alibaba: 0 });
		expect(parseArgs(['--port-alibaba', '6000']).ports).toEqual({ tencent: 4011, alibaba: 6000 });
	});

	it('still reads the deprecated --tencent-port', () => {
		expect(parseArgs(['--tencent-port', '4500']).ports).toEqual({ tencent: 4500, alibaba: 4012 });
	});

	it('derives each own-port provider its rank among them + 1 after --port, unless --port-<id> is given', () => {
		const registry = [...EMULATORS, fake('alpha', true), fake('shared', false), fake('beta', true)];
		expect(parseArgs(['--port', '5000'], registry).ports).toEqual({ tencent: 5001, alibaba: 5002, alpha: 5003, beta: 5004 });
		expect(parseArgs(['--port', '5000', '--port-alpha', '6000'], registry).ports).toEqual({
			tencent: 5001,
			alibaba: 5002,
			alpha: 6000,
			beta: 5004,
		});
		expect(parseArgs(['--port', '65534'], registry).ports).toEqual({ tencent: 65535, alibaba: 0, alpha: 0, beta: 0 });
		expect(() => parseArgs(['--port-shared', '6000'], registry)).toThrow(/No provider shared with a port of its own/);
	});

	it.each([
		[['--port']],
		[['--port', 'x']],
		[['--port', '70000']],
		[['--port-tencent', '-1']],
		[['--port-ovh', '5000']],
		[['--port-nope', '5000']],
		[['--verbose', '1']],
	])('refuses %j', (argv) => {
		expect(() => parseArgs(argv)).toThrow();
	});
});

describe('npm run sandbox', () => {
	let child: ChildProcessWithoutNullStreams | undefined;

	afterEach(async () => {
		if (child && child.exitCode === null) {
			child.kill('SIGKILL');
			await once(child, 'exit');
		}
	});

	it('prints one line of JSON with the base URLs, serves them, and stops on SIGTERM', async () => {
		child = spawn(process.execPath, ['scripts/sandbox.mjs', '--port', '0'], { cwd: ROOT });
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

		const lines = createInterface({ input: child.stdout });
		const [firstLine] = (await once(lines, 'line')) as [string];
		const urls = JSON.parse(firstLine) as Record<string, string>;
		expect(Object.keys(urls)).toEqual(EMULATORS.map((d) => d.id));
		expect(urls.ovh).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ovh\/1\.0$/);
		expect(urls.tencent).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(urls.alibaba).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(urls.smsmobileapi).toBe(`${new URL(urls.ovh).origin}/smsmobileapi`);
		expect(firstLine).toBe(
			JSON.stringify({ ovh: urls.ovh, tencent: urls.tencent, alibaba: urls.alibaba, smsmobileapi: urls.smsmobileapi }),
		);

		const response = await fetch(`${new URL(urls.ovh).origin}/_sandbox/credentials`);
		const credentials = (await response.json()) as Record<string, Record<string, string>>;
		expect(credentials).toHaveProperty('ovh.applicationKey', 'sandbox-ovh-application-key');
		expect(credentials).toHaveProperty('tencent.secretId', 'AKIDsandboxTencentSecretId00000000');
		expect(credentials).toHaveProperty('alibaba.accessKeyId', 'LTAI5tSMSKitSandbox00001');
		expect(credentials).toHaveProperty('smsmobileapi.apikey', '1480d3559d502947c8baac11e33714bee7b1100d534ee4ae');
		const tencent = await fetch(urls.tencent, { method: 'POST', body: '{}' });
		expect(tencent.status).toBe(200);
		expect(await tencent.json()).toMatchObject({ Response: { Error: { Code: 'AuthFailure.InvalidAuthorization' } } });
		expect(stderr).toContain('Ctrl-C');
		expect(stderr).toContain(`Tencent Cloud (http): ${urls.tencent}`);
		expect(stderr).toContain(`Alibaba Cloud (http): ${urls.alibaba}`);
		expect(stderr).toContain(`SMSMobileAPI (http): ${urls.smsmobileapi}`);
		expect(stderr).toMatch(/https:\/\/127\.0\.0\.1:\d+\/ovh\/1\.0/);

		const exited = once(child, 'exit');
		child.kill('SIGTERM');
		const [code] = (await exited) as [number | null];
		expect(code).toBe(0);
	}, 60_000);

	it('puts a provider on the port --port-<id> names', async () => {
		const port = await freePort();
		child = spawn(process.execPath, ['scripts/sandbox.mjs', '--port', '0', '--port-tencent', String(port)], { cwd: ROOT });
		const [firstLine] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
		const urls = JSON.parse(firstLine) as Record<string, string>;
		expect(urls.tencent).toBe(`http://127.0.0.1:${port}`);
		expect((await fetch(urls.tencent, { method: 'POST', body: '{}' })).status).toBe(200);
	}, 60_000);

	it('exits with 2 and the usage, naming the own-port flags, on a bad flag', async () => {
		child = spawn(process.execPath, ['scripts/sandbox.mjs', '--port-ovh', '5000'], { cwd: ROOT });
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		// 'close', not 'exit': stderr is complete by then.
		const [code] = (await once(child, 'close')) as [number | null];
		expect(code).toBe(2);
		expect(stderr).toContain('No provider ovh with a port of its own (those are: tencent, alibaba)');
		expect(stderr).toContain('[--port-tencent <port + 1>]');
	}, 60_000);
});
