import type { ICredentialDataDecryptedObject, ICredentialType, IHttpRequestOptions, INodeProperties, Icon } from 'n8n-workflow';
import { SMSMOBILEAPI_ENDPOINTS } from '../core/providers/smsmobileapi/endpoints';
import { defaultCountryField } from '../nodes/shared/descriptions';

/**
 * SMSMobileAPI API key (spec smsmobileapi.md §2.1): it travels as `apikey` in the form body of a POST and in
 * the query of a GET, added in `authenticate` like the core's `withApiKey`. Tested by the nodes (`testedBy`):
 * the test then says SMSMobileAPI's code (invalid_apikey…) and what to do. The nodes mask the key out of
 * every error they show.
 */
export class SmsMobileApi implements ICredentialType {
	name = 'smsMobileApi';

	displayName = 'SMSMobileAPI API';

	icon: Icon = { light: 'file:../icons/smsmobileapi.svg', dark: 'file:../icons/smsmobileapi.dark.svg' };

	documentationUrl = 'https://smsmobileapi.com/doc/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API key shown in the SMSMobileAPI app or dashboard',
		},
		{
			displayName: 'Base URL',
			name: 'endpoint',
			type: 'options',
			default: 'default',
			options: Object.entries(SMSMOBILEAPI_ENDPOINTS).map(([value, name]) => ({ name, value })),
		},
		{
			displayName: 'Custom Base URL',
			name: 'customUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4010/smsmobileapi',
			displayOptions: { show: { endpoint: ['custom'] } },
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'For the SMSMobileAPI Trigger: the signing secret of your webhook in the SMSMobileAPI dashboard (Webhooks). A push whose signature does not match it, or is older than 5 minutes, is refused (401) and starts nothing.',
		},
		defaultCountryField,
	];

	/** The key in the form body of a POST (the body is the form string the node built), in the query of a GET. */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const apikey = String(credentials.apiKey ?? '').trim();
		const url = `${(requestOptions.baseURL ?? '').replace(/\/+$/, '')}${requestOptions.url}`;
		const method = (requestOptions.method ?? 'GET').toUpperCase();
		const hasBody = requestOptions.body !== undefined && requestOptions.body !== null && requestOptions.body !== '';
		if (method === 'GET' || !hasBody) {
			const query = new URLSearchParams({ apikey }).toString();
			return { ...requestOptions, baseURL: undefined, url: `${url}${url.includes('?') ? '&' : '?'}${query}` };
		}
		const form = new URLSearchParams(formOf(requestOptions.body));
		form.set('apikey', apikey);
		return {
			...requestOptions,
			baseURL: undefined,
			url,
			body: form.toString(),
			json: false,
			headers: { ...requestOptions.headers, 'Content-Type': 'application/x-www-form-urlencoded' },
		};
	};
}

/** A form body as pairs: the string the node built, or an object. */
function formOf(body: IHttpRequestOptions['body']): string | Record<string, string> {
	if (typeof body === 'string') return body;
	if (body instanceof URLSearchParams) return body.toString();
	return Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}
