import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from '../../sandbox/cli';

const ROOT = join(__dirname, '../..');

describe('parseArgs', () => {
	it('defaults to port 4010 on 127.0.0.1, any free TLS port and Tencent on 4011', () => {
		expect(parseArgs([])).toEqual({ port: 4010, host: '127.0.0.1', tlsPort: 0, tencentPort: 4011 });
	});

	it('reads flags with a space or an equals sign', () => {
		expect(parseArgs(['--port', '0', '--host=localhost', '--tls-port=4443', '--tencent-port', '4500'])).toEqual({
			port: 0,
			host: 'localhost',
			tlsPort: 4443,
			tencentPort: 4500,
		});
	});

	it('puts Tencent on the port after --port, or any free one when --port is 0', () => {
		expect(parseArgs(['--port', '5000']).tencentPort).toBe(5001);
		expect(parseArgs(['--port', '0']).tencentPort).toBe(0);
		expect(parseArgs(['--port', '65535']).tencentPort).toBe(0);
		expect(parseArgs(['--tencent-port=0']).tencentPort).toBe(0);
	});

	it.each([[['--port']], [['--port', 'x']], [['--port', '70000']], [['--tencent-port', '-1']], [['--verbose', '1']]])(
		'refuses %j',
		(argv) => {
			expect(() => parseArgs(argv)).toThrow();
		},
	);
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
		expect(Object.keys(urls)).toEqual(['ovh', 'tencent']);
		expect(urls.ovh).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ovh\/1\.0$/);
		expect(urls.tencent).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(firstLine).toBe(JSON.stringify({ ovh: urls.ovh, tencent: urls.tencent }));

		const response = await fetch(`${new URL(urls.ovh).origin}/_sandbox/credentials`);
		const credentials = (await response.json()) as Record<string, Record<string, string>>;
		expect(credentials).toHaveProperty('ovh.applicationKey', 'sandbox-ovh-application-key');
		expect(credentials).toHaveProperty('tencent.secretId', 'AKIDsandboxTencentSecretId00000000');
		const tencent = await fetch(urls.tencent, { method: 'POST', body: '{}' });
		expect(tencent.status).toBe(200);
		expect(await tencent.json()).toMatchObject({ Response: { Error: { Code: 'AuthFailure.InvalidAuthorization' } } });
		expect(stderr).toContain('Ctrl-C');
		expect(stderr).toContain(`Tencent Cloud (http): ${urls.tencent}`);
		expect(stderr).toMatch(/https:\/\/127\.0\.0\.1:\d+\/ovh\/1\.0/);

		const exited = once(child, 'exit');
		child.kill('SIGTERM');
		const [code] = (await exited) as [number | null];
		expect(code).toBe(0);
	}, 60_000);
});
