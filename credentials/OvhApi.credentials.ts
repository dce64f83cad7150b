import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { encodeQuery, type QueryValue } from '../core/http';
import { OVH_ENDPOINT_LABELS, ovhBaseUrl, ovhJson, type OvhEndpoint } from '../core/providers/ovh/endpoints';
import { ovhAuthHeaders, ovhTimeDelta, ovhTimestamp } from '../core/providers/ovh/sign';
import { defaultCountryField } from '../nodes/shared/descriptions';

/**
 * OVHcloud application key / secret / consumer key; requests are signed in `authenticate` (spec ovh.md §3).
 * Tested by the nodes (`testedBy`): the test then says OVHcloud's code (INVALID_SIGNATURE…) and what to do.
 */
export class OvhApi implements ICredentialType {
	name = 'ovhApi';

	displayName = 'OVHcloud SMS API';

	icon: Icon = { light: 'file:../icons/ovh.svg', dark: 'file:../icons/ovh.dark.svg' };

	documentationUrl = 'https://help.ovhcloud.com/csm/en-gb-api-getting-started-ovhcloud-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Endpoint',
			name: 'endpoint',
			type: 'options',
			default: 'ovh-eu',
			options: (Object.keys(OVH_ENDPOINT_LABELS) as OvhEndpoint[]).map((value) => ({ name: OVH_ENDPOINT_LABELS[value], value })),
		},
		{
			displayName: 'Base URL',
			name: 'customUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4010/ovh/1.0',
			description: 'API base URL including the version, e.g. the SMS Kit sandbox',
			displayOptions: { show: { endpoint: ['custom'] } },
		},
		{ displayName: 'Application Key', name: 'applicationKey', type: 'string', default: '', required: true },
		{
			displayName: 'Application Secret',
			name: 'applicationSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- the consumer key is a private grant (ovh.md §3.1)
		{
			displayName: 'Consumer Key',
			name: 'consumerKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			// Seconds between the OVHcloud clock and ours, measured once from GET /auth/time.
			displayName: 'Time Delta',
			name: 'timeDelta',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
		defaultCountryField,
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const baseUrl = ovhBaseUrl(String(credentials.endpoint), String(credentials.customUrl ?? ''));
		const serverTime = (await this.helpers.httpRequest({
			method: 'GET',
			url: `${baseUrl}/auth/time`,
			headers: { 'X-Ovh-Application': String(credentials.applicationKey) },
			json: true,
		})) as number;
		return { timeDelta: String(ovhTimeDelta(Number(serverTime), Date.now())) };
	}

	/** Signs exactly what is sent: the query is folded into the URL and the body serialised before signing. */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const url = fullUrl(requestOptions);
		const body = requestOptions.body === undefined || requestOptions.body === '' ? undefined : serialise(requestOptions.body);
		const timestamp = ovhTimestamp(Date.now(), Number(credentials.timeDelta) || 0);
		const keys = {
			applicationKey: String(credentials.applicationKey),
			applicationSecret: String(credentials.applicationSecret),
			consumerKey: String(credentials.consumerKey),
		};
		return {
			...requestOptions,
			baseURL: undefined,
			url,
			qs: undefined,
			body,
			headers: {
				...requestOptions.headers,
				...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
				...ovhAuthHeaders(keys, { method: requestOptions.method ?? 'GET', url, body }, timestamp),
			},
		};
	};
}

function fullUrl(options: IHttpRequestOptions): string {
	const url = `${(options.baseURL ?? '').replace(/\/+$/, '')}${options.url}`;
	const query = encodeQuery(options.qs as Record<string, QueryValue> | undefined);
	if (!query) return url;
	return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

function serialise(body: unknown): string {
	return typeof body === 'string' ? body : ovhJson(body);
}
