import { SmsError } from '../../errors';
import { parseBody, type ApiRequest, type ApiResponse, type Transport } from '../../http';
import { formBody, smsmobileapiBaseUrl, smsmobileapiWire } from './endpoints';
import { smsmobileapiHttpError } from './parse';

export interface SmsMobileApiCredentials {
	authentication: 'apiKey' | 'oAuth2';
	apiKey?: string;
	clientId?: string;
	clientSecret?: string;
	endpoint: string;
	customUrl?: string;
}

/** The API key goes in the form body of a POST, in the query of a GET (spec §2.1). */
export function withApiKey(request: ApiRequest, apiKey: string): ApiRequest {
	if (request.body !== undefined) return { ...request, body: { ...(request.body as object), apikey: apiKey } };
	return { ...request, query: { ...request.query, apikey: apiKey } };
}

/**
 * Sends calls with the API key, or with an OAuth2 client-credentials token (§2.2): fetched on first use and
 * fetched again once when a call answers 401 (no lifetime is documented), the refused call sent again — a 401
 * provably sent nothing. Nothing is signed, so unlike the other providers' sessions it takes no clock.
 */
export function smsmobileapiSession(credentials: SmsMobileApiCredentials, transport: Transport) {
	const baseUrl = smsmobileapiBaseUrl(credentials.endpoint, credentials.customUrl);
	let token: Promise<string> | undefined;

	async function fetchToken(): Promise<string> {
		const response = await transport({
			method: 'POST',
			url: `${baseUrl}/oauth2/token`,
			headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
			body: formBody({
				grant_type: 'client_credentials',
				client_id: credentials.clientId,
				client_secret: credentials.clientSecret,
			}),
		});
		const body = parseBody(response.body) as { access_token?: unknown } | null;
		if (response.status === 200 && typeof body?.access_token === 'string') return body.access_token;
		const error = smsmobileapiHttpError({ ...response, body });
		throw new SmsError({
			...error.toJSON(),
			message: `SMSMobileAPI refused the OAuth2 client: ${error.message}`,
			hint: 'Check the client ID and client secret in the SMSMobileAPI OAuth2 {account}.',
			retryable: false,
		});
	}

	return async function send(request: ApiRequest): Promise<ApiResponse> {
		if (credentials.authentication !== 'oAuth2')
			return transport(smsmobileapiWire(baseUrl, withApiKey(request, credentials.apiKey ?? '')));
		for (let attempt = 0; ; attempt++) {
			token ??= fetchToken().catch((error: unknown) => {
				token = undefined;
				throw error;
			});
			const wire = smsmobileapiWire(baseUrl, request);
			wire.headers.Authorization = `Bearer ${await token}`;
			const response = await transport(wire);
			if (response.status !== 401 || attempt > 0) return response;
			token = undefined;
		}
	};
}
