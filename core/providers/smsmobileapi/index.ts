import { SmsError } from '../../errors';
import type { ProviderModule } from '../../provider';
import { smsmobileapiActions } from './actions';
import { SMSMOBILEAPI_ENDPOINTS, smsmobileapiBaseUrl, smsmobileapiWire } from './endpoints';
import { smsmobileapiInbound } from './inbound';
import { smsmobileapiHttpError } from './parse';
import { smsmobileapiPoll } from './poll';
import { smsmobileapiSession, type SmsMobileApiCredentials } from './session';

export * from './actions';
export * from './endpoints';
export * from './inbound';
export * from './operations';
export * from './parse';
export * from './poll';
export * from './session';
export * from './sign';

function credentials(settings: Record<string, unknown>): SmsMobileApiCredentials {
	const text = (key: string) => (typeof settings[key] === 'string' ? (settings[key] as string).trim() : '');
	const authentication = text('authentication') === 'oAuth2' ? 'oAuth2' : 'apiKey';
	const endpoint = text('endpoint') || 'default';
	const customUrl = text('customUrl') || undefined;
	smsmobileapiBaseUrl(endpoint, customUrl); // INVALID_ENDPOINT for a custom endpoint without a URL
	if (authentication === 'oAuth2') {
		const [clientId, clientSecret] = [text('clientId'), text('clientSecret')];
		if (!clientId || !clientSecret) throw missing('a client ID and a client secret');
		return { authentication, clientId, clientSecret, endpoint, customUrl };
	}
	const apiKey = text('apiKey');
	if (!apiKey) throw missing('an API key');
	return { authentication, apiKey, endpoint, customUrl };
}

function missing(what: string): SmsError {
	return new SmsError({
		provider: 'smsmobileapi',
		code: 'MISSING_CREDENTIALS',
		message: `The SMSMobileAPI {account} needs ${what}.`,
		hint: 'Copy them from the SMSMobileAPI dashboard (API key, or OAuth2 client) into the {account}.',
	});
}

/**
 * SMSMobileAPI: messages go out through the user's own phone running its app — an accepted request is queued
 * on the phone, not delivered. API key (query or form) or OAuth2 bearer; signed V2 webhooks; `/getsms/` to poll.
 */
export const provider = {
	id: 'smsmobileapi',
	name: 'SMSMobileAPI',
	connection: {
		endpoints: SMSMOBILEAPI_ENDPOINTS,
		baseUrl: (settings) => smsmobileapiBaseUrl(settings.endpoint || 'default', settings.customUrl),
		wire: smsmobileapiWire,
		session: smsmobileapiSession,
		credentials,
		// Every value of the credential: the client id too, which only identifies it but has no business in an error.
		secrets: (c) => [c.apiKey, c.clientSecret, c.clientId],
		toError: smsmobileapiHttpError,
		test: 'device.getMany',
		// The editors' default pace. One phone sends them all: no numeric limit is documented, and the phone is the bottleneck.
		pace: { parallel: 2, perSecond: 5 },
	},
	actions: smsmobileapiActions,
	inbound: smsmobileapiInbound,
	poll: smsmobileapiPoll,
} satisfies ProviderModule<SmsMobileApiCredentials>;
