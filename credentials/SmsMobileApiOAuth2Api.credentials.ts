import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { SMSMOBILEAPI_BASE_URL, SMSMOBILEAPI_ENDPOINTS } from '../core/providers/smsmobileapi/endpoints';
import { defaultCountryField } from '../nodes/shared/descriptions';

/**
 * SMSMobileAPI OAuth2 client (spec smsmobileapi.md §2.2): n8n fetches the client-credentials token from
 * `<base>/oauth2/token` itself; API calls then carry only `Authorization: Bearer`. A token refused with 401
 * is fetched again once by the nodes' run path (nodes/shared/run.ts). n8n tests OAuth2 credentials only with
 * their own `test` (a node's `testedBy` is not used for them): it reads the phone list, as Device → Get Many.
 */
export class SmsMobileApiOAuth2Api implements ICredentialType {
	name = 'smsMobileApiOAuth2Api';

	displayName = 'SMSMobileAPI OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = { light: 'file:../icons/smsmobileapi.svg', dark: 'file:../icons/smsmobileapi.dark.svg' };

	documentationUrl = 'https://smsmobileapi.com/doc/';

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'clientCredentials' },
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
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{ ($self["endpoint"] === "custom" ? String($self["customUrl"] || "").trim().replace(/\\/+$/, "") : "${SMSMOBILEAPI_BASE_URL}") + "/oauth2/token" }}`,
		},
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: '' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
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

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ $credentials.endpoint === "custom" ? String($credentials.customUrl || "").trim().replace(/\\/+$/, "") : "${SMSMOBILEAPI_BASE_URL}" }}`,
			url: '/gateway/mobile/list/',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'SMSMobileAPI refused the access token (HTTP 401, invalid_token): check the client ID and client secret of the OAuth2 client in the SMSMobileAPI dashboard, and the Base URL.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'SMSMobileAPI refused the call (HTTP 403): the OAuth2 client is not allowed to list the phones; check it in the SMSMobileAPI dashboard.',
				},
			},
		],
	};
}
