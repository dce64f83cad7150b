import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from '../../sandbox/cli';

const ROOT = join(__dirname, '../..');

describe('parseArgs', () => {
	it('defaults to port 4010 on 127.0.0.1 and any free TLS port', () => {
		expect(parseArgs([])).toEqual({ port: 4010, host: '127.0.0.1', tlsPort: 0 });
	});

	it('reads flags with a space or an equals sign', () => {
		expect(parseArgs(['--port', '0', '--host=localhost', '--tls-port=4443'])).toEqual({
			port: 0,
			host: 'localhost',
			tlsPort: 4443,
		});
	});

	it.each([[['--port']], [['--port', 'x']], [['--port', '70000']], [['--verbose', '1']]])('refuses %j', (argv) => {
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
		expect(Object.keys(urls)).toEqual(['ovh']);
		expect(urls.ovh).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ovh\/1\.0$/);

		const response = await fetch(`${new URL(urls.ovh).origin}/_sandbox/credentials`);
		expect(await response.json()).toHaveProperty('ovh.applicationKey', 'sandbox-ovh-application-key');
		expect(stderr).toContain('Ctrl-C');
		expect(stderr).toMatch(/https:\/\/127\.0\.0\.1:\d+\/ovh\/1\.0/);

		const exited = once(child, 'exit');
		child.kill('SIGTERM');
		const [code] = (await exited) as [number | null];
		expect(code).toBe(0);
	}, 60_000);
});
