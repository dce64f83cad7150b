import type { EmulatorDefinition } from './provider';
import { EMULATORS } from './providers';
import { ownPorts, startSandbox, type Sandbox } from './server';

export interface CliOptions {
	port: number;
	host: string;
	tlsPort: number;
	/** Port per provider with a listener of its own: `--port-<id>`, else derived from `--port`. */
	ports: Record<string, number>;
}

function usage(definitions: readonly EmulatorDefinition[]): string {
	const own = definitions.filter((d) => d.ownListener).map((d, rank) => ` [--port-${d.id} <port + ${rank + 1}>]`);
	return `Usage: npm run sandbox -- [--port 4010] [--host 127.0.0.1] [--tls-port 0]${own.join('')}   (port 0 = any free port)`;
}

/**
 * `--port-<id>` defaults to `--port` + the provider's rank among those with a port of their own + 1,
 * or to any free port when `--port` is 0. `--<id>-port` is its deprecated spelling, from when the
 * CLI had one such flag per provider.
 */
export function parseArgs(argv: readonly string[], definitions: readonly EmulatorDefinition[] = EMULATORS): CliOptions {
	const options = { port: 4010, host: '127.0.0.1', tlsPort: 0 };
	const explicit: Record<string, number> = {};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s, 2);
		const value = inline ?? argv[++i];
		if (value === undefined) throw new Error(`${flag} needs a value`);
		switch (flag) {
			case '--port':
				options.port = parsePort(flag, value);
				break;
			case '--tls-port':
				options.tlsPort = parsePort(flag, value);
				break;
			case '--host':
				options.host = value;
				break;
			default: {
				const id = /^--port-(.+)$/.exec(flag)?.[1] ?? /^--(.+)-port$/.exec(flag)?.[1];
				if (id === undefined) throw new Error(`Unknown option ${flag}`);
				explicit[id] = parsePort(flag, value);
			}
		}
	}
	// Refuses an id without a port of its own, e.g. `--port-nope`.
	return { ...options, ports: ownPorts(definitions, options.port, explicit) };
}

function parsePort(flag: string, value: string): number {
	const port = Number(value);
	if (!/^\d+$/.test(value) || port > 65535) throw new Error(`${flag} must be a port number, got ${value}`);
	return port;
}

/**
 * Starts the sandbox and prints one line of JSON on stdout, provider id → base URL, so scripts
 * can read it; everything meant for people goes to stderr.
 */
export async function main(argv: readonly string[]): Promise<Sandbox> {
	let options: CliOptions;
	try {
		options = parseArgs(argv);
	} catch (error: unknown) {
		process.stderr.write(`${(error as Error).message}\n${usage(EMULATORS)}\n`);
		process.exit(2);
	}
	const sandbox = await startSandbox(options);
	process.stdout.write(`${JSON.stringify(sandbox.urls)}\n`);

	const { origin } = sandbox;
	const urls: Record<string, string> = sandbox.urls;
	const tlsUrls: Partial<Record<string, string>> = sandbox.tlsUrls;
	const details = EMULATORS.flatMap((d) => d.describe({ url: urls[d.id], tlsUrl: tlsUrls[d.id], controlOrigin: origin }));
	process.stderr.write(
		[
			'SMS Kit provider sandbox',
			`  Phone page: ${origin}/_sandbox/phone   (what the emulators sent; reply from a phone)`,
			...details.map((line) => `  ${line}`),
			`  Control API: ${origin}/_sandbox/{credentials,messages,reset,tls}, ` +
				EMULATORS.map((d) => `${origin}/_sandbox/${d.id}/…`).join(', '),
			'Ctrl-C to stop.',
			'',
		].join('\n'),
	);

	const stop = () => {
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	return sandbox;
}
