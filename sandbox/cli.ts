import { startSandbox, type Sandbox } from './server';
import { OVH_DEFAULT_CREDENTIALS, OVH_DEFAULT_OAUTH2_CLIENT } from './providers/ovh';
import { TENCENT_DEFAULT_CREDENTIALS } from './providers/tencent';

export interface CliOptions {
	port: number;
	host: string;
	tlsPort: number;
	tencentPort: number;
}

const USAGE =
	'Usage: npm run sandbox -- [--port 4010] [--host 127.0.0.1] [--tls-port 0] [--tencent-port <port + 1>]   (port 0 = any free port)';

/** `--tencent-port` defaults to the port after `--port`, or any free one when `--port` is 0. */
export function parseArgs(argv: readonly string[]): CliOptions {
	const options: Omit<CliOptions, 'tencentPort'> & { tencentPort?: number } = { port: 4010, host: '127.0.0.1', tlsPort: 0 };
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
			case '--tencent-port':
				options.tencentPort = parsePort(flag, value);
				break;
			case '--host':
				options.host = value;
				break;
			default:
				throw new Error(`Unknown option ${flag}`);
		}
	}
	const nextPort = options.port === 0 || options.port === 65535 ? 0 : options.port + 1;
	return { ...options, tencentPort: options.tencentPort ?? nextPort };
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
		process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
		process.exit(2);
	}
	const sandbox = await startSandbox(options);
	process.stdout.write(`${JSON.stringify(sandbox.urls)}\n`);

	const origin = new URL(sandbox.urls.ovh).origin;
	const tencent = TENCENT_DEFAULT_CREDENTIALS;
	process.stderr.write(
		[
			'SMS Kit provider sandbox',
			`  OVH (http):  ${sandbox.urls.ovh}`,
			`  OVH (https): ${sandbox.tlsUrls.ovh}   (self-signed; CA from GET ${origin}/_sandbox/tls)`,
			`  OVH test credentials: applicationKey=${OVH_DEFAULT_CREDENTIALS.applicationKey}` +
				` applicationSecret=${OVH_DEFAULT_CREDENTIALS.applicationSecret}` +
				` consumerKey=${OVH_DEFAULT_CREDENTIALS.consumerKey}`,
			`  OVH OAuth2: token URL ${origin}/ovh/auth/oauth2/token clientId=${OVH_DEFAULT_OAUTH2_CLIENT.clientId}` +
				` clientSecret=${OVH_DEFAULT_OAUTH2_CLIENT.clientSecret}`,
			`  Tencent Cloud (http): ${sandbox.urls.tencent}   (SDK endpoint ${new URL(sandbox.urls.tencent).host}, protocol http://)`,
			`  Tencent test credentials: secretId=${tencent.secretId} secretKey=${tencent.secretKey}` +
				` smsSdkAppId=${tencent.smsSdkAppId} signName=${tencent.signName} templateId=${tencent.templateId}`,
			`  Control API: ${origin}/_sandbox/{credentials,messages,reset,tls}, ${origin}/_sandbox/ovh/…, ${origin}/_sandbox/tencent/…`,
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

if (require.main === module) {
	void main(process.argv.slice(2));
}
