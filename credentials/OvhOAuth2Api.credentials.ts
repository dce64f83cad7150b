import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { defaultCountryField } from '../nodes/shared/descriptions';

/**
 * OVHcloud service account (OAuth2 client credentials, spec ovh.md §6): n8n fetches and refreshes the
 * bearer token itself; API calls then carry only `Authorization: Bearer`.
 */
export class OvhOAuth2Api implements ICredentialType {
	name = 'ovhOAuth2Api';

	displayName = 'OVHcloud SMS OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = { light: 'file:../icons/ovh.svg', dark: 'file:../icons/ovh.dark.svg' };

	documentationUrl = 'https://help.ovhcloud.com/csm/en-gb-api-getting-started-ovhcloud-api';

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'clientCredentials' },
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://eu.api.ovh.com/1.0',
			description:
				'https://eu.api.ovh.com/1.0, https://ca.api.ovh.com/1.0, https://api.us.ovhcloud.com/1.0, or the SMS Kit sandbox',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: 'https://www.ovh.com/auth/oauth2/token',
			description:
				'https://www.ovh.com/auth/oauth2/token (EU), https://ca.ovh.com/auth/oauth2/token (CA), https://us.ovhcloud.com/auth/oauth2/token (US)',
		},
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: 'all' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'header' },
		defaultCountryField,
	];

	test: ICredentialTestRequest = {
		request: { baseURL: '={{ $credentials.baseUrl }}', url: '/sms', method: 'GET' },
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'OVHcloud refused the access token (HTTP 401): check the client ID and secret of the service account, and that the Access Token URL is of the same region as the API Base URL.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'OVHcloud refused GET /sms (HTTP 403, NOT_GRANTED_CALL): give the service account an IAM policy that allows the SMS actions.',
				},
			},
		],
	};
}
