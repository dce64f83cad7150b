/**
 * `smskit ovh-consumer-key`: asks OVHcloud for a consumer key with the access rules SMS Kit needs, and prints
 * the validation URL and the key. Usage:
 *   npx @smskit/tools ovh-consumer-key --application-key AK [--endpoint ovh-eu | --url BASE]
 *        [--service sms-ab12345-1] [--redirection https://…]
 */
import { parseArgs } from 'node:util';
import { consumerKeyNextSteps, createConsumerKey, ovhBaseUrl, ovhError, ovhWire, OVH_ENDPOINTS } from '../core/providers/ovh';
import { runOperation } from '../core/operation';
import { parseBody } from '../core/http';

export const OVH_CONSUMER_KEY_USAGE = `Usage: smskit ovh-consumer-key --application-key <AK> [--endpoint ${Object.keys(OVH_ENDPOINTS).join('|')}] [--url <custom base URL>]
                                   [--service <sms-xx00000-1>] [--redirection <URL>]
  --service       limit the key to one SMS account (default: every SMS account)
  The application key can also come from OVH_APPLICATION_KEY.`;

export async function ovhConsumerKey(args: string[]): Promise<number> {
	const { values } = parseArgs({
		args,
		options: {
			'application-key': { type: 'string' },
			endpoint: { type: 'string', default: 'ovh-eu' },
			url: { type: 'string' },
			service: { type: 'string' },
			redirection: { type: 'string' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	const applicationKey = values['application-key'] ?? process.env.OVH_APPLICATION_KEY;
	if (values.help || !applicationKey) {
		console.error(OVH_CONSUMER_KEY_USAGE);
		return values.help ? 0 : 2;
	}
	const baseUrl = ovhBaseUrl(values.url ? 'custom' : values.endpoint!, values.url);
	const result = await runOperation(
		createConsumerKey,
		{ service: values.service, redirection: values.redirection },
		{
			toError: ovhError,
			sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
			send: async (request) => {
				const wire = ovhWire(baseUrl, request);
				const res = await fetch(wire.url, {
					method: wire.method,
					headers: { ...wire.headers, 'X-Ovh-Application': applicationKey },
					body: wire.body,
				});
				return {
					status: res.status,
					headers: { 'x-ovh-queryid': res.headers.get('x-ovh-queryid') ?? undefined },
					body: parseBody(await res.text()),
				};
			},
		},
	);
	console.log(`Consumer key: ${result.consumerKey}  (state: ${result.state}, access: ${values.service ?? 'every SMS account'})`);
	console.log(consumerKeyNextSteps(result.validationUrl));
	return 0;
}
