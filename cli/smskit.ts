/**
 * `smskit`: the SMS Kit tools in one command (the @smskit/tools package).
 *   smskit sandbox [--port 4010] [--host 127.0.0.1] [--port-<provider> N]   the provider emulators
 *   smskit ovh-consumer-key --application-key AK [...]                       an OVHcloud consumer key
 */
import { SmsError } from '../core/errors';
import { main as sandbox } from '../sandbox/cli';
import { ovhConsumerKey, OVH_CONSUMER_KEY_USAGE } from './ovh-consumer-key';

const USAGE = `Usage: smskit <command> [options]
  sandbox            local emulators of every SMS provider, with their control API (smskit sandbox --help)
  ovh-consumer-key   ask OVHcloud for a consumer key with the access SMS Kit needs

${OVH_CONSUMER_KEY_USAGE}`;

async function run(argv: string[]): Promise<number | undefined> {
	const [command, ...args] = argv;
	switch (command) {
		case 'sandbox':
			// Runs until Ctrl-C; the sandbox prints its URLs and handles the signal itself.
			await sandbox(args);
			return undefined;
		case 'ovh-consumer-key':
			return ovhConsumerKey(args);
		case undefined:
		case '-h':
		case '--help':
		case 'help':
			console.error(USAGE);
			return command === undefined ? 2 : 0;
		default:
			console.error(`smskit: unknown command "${command}"\n\n${USAGE}`);
			return 2;
	}
}

run(process.argv.slice(2)).then(
	(code) => {
		if (code !== undefined) process.exit(code);
	},
	(error: unknown) => {
		console.error(error instanceof SmsError ? `${error.describe()}${error.hint ? `\n${error.hint}` : ''}` : String(error));
		process.exit(1);
	},
);
