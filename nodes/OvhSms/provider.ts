import type { ICredentialDataDecryptedObject, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { provider as ovh } from '../../core/providers/ovh';
import type { N8nProvider } from '../shared/provider';
import type { TriggerBinding } from '../shared/trigger';

/** Application key + consumer key (signed requests), or a service account (OAuth2 client credentials). */
export const OVH_CREDENTIALS = { applicationKey: 'ovhApi', oAuth2: 'ovhOAuth2Api' } as const;

export const ovhProvider: N8nProvider = {
	module: ovh,
	credentials: OVH_CREDENTIALS,
	// n8n fetches a new service-account token only when a 401 is not ignored: the run path asks again once.
	oAuth2: [OVH_CREDENTIALS.oAuth2],
	baseUrl: (type, data: ICredentialDataDecryptedObject) =>
		type === OVH_CREDENTIALS.oAuth2
			? ovh.connection.baseUrl({ endpoint: 'custom', customUrl: String(data.baseUrl ?? '') })
			: ovh.connection.baseUrl({ endpoint: String(data.endpoint ?? ''), customUrl: String(data.customUrl ?? '') }),
	settings: (data) => data,
	testInput: {},
};

/** OVHcloud triggers listen on one SMS service. */
export const ovhTriggers: TriggerBinding = {
	provider: ovhProvider,
	account: async (ctx) => (ctx as IPollFunctions).getNodeParameter('service', '', { extractValue: true }) as string,
};

export const authenticationField: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Application Key', value: 'applicationKey', description: 'Application key, secret and consumer key' },
		{ name: 'OAuth2 Service Account', value: 'oAuth2', description: 'Client ID and secret of a service account' },
	],
	default: 'applicationKey',
};
