import type { ICredentialDataDecryptedObject, ICredentialType, IHttpRequestOptions, INodeProperties, Icon } from 'n8n-workflow';
import { TENCENT_API_VERSION, TENCENT_ENDPOINTS, TENCENT_REGIONS } from '../core/providers/tencent/endpoints';
import { tencentAuthHeaders } from '../core/providers/tencent/sign';
import { defaultCountryField } from '../nodes/shared/descriptions';

/**
 * Tencent Cloud API 3.0 keys; requests are signed with TC3-HMAC-SHA256 in `authenticate` (spec tencent.md §3).
 * Tested by the nodes (`testedBy`): the test then says Tencent's code (AuthFailure.SignatureFailure…) and what to do.
 */
export class TencentCloudSmsApi implements ICredentialType {
	name = 'tencentCloudSmsApi';

	displayName = 'Tencent Cloud SMS API';

	icon: Icon = { light: 'file:../icons/tencent.svg', dark: 'file:../icons/tencent.dark.svg' };

	documentationUrl = 'https://www.tencentcloud.com/document/product/382/52071';

	properties: INodeProperties[] = [
		{ displayName: 'SecretId', name: 'secretId', type: 'string', default: '', required: true, placeholder: 'AKID…' },
		{ displayName: 'SecretKey', name: 'secretKey', type: 'string', typeOptions: { password: true }, default: '', required: true },
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			default: 'ap-guangzhou',
			options: [...TENCENT_REGIONS.map((value) => ({ name: value, value })), { name: 'Other', value: 'other' }],
		},
		{
			displayName: 'Region Code',
			name: 'customRegion',
			type: 'string',
			default: '',
			placeholder: 'ap-guangzhou',
			displayOptions: { show: { region: ['other'] } },
		},
		{
			displayName: 'Endpoint',
			name: 'endpoint',
			type: 'options',
			default: 'sms.tencentcloudapi.com',
			options: [
				...Object.entries(TENCENT_ENDPOINTS).map(([value, label]) => ({ name: `${value} (${label})`, value })),
				{ name: 'Custom Base URL (e.g. the SMS Kit sandbox)', value: 'custom' },
			],
		},
		{
			displayName: 'Base URL',
			name: 'customUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4011',
			displayOptions: { show: { endpoint: ['custom'] } },
		},
		{
			displayName: 'Default SmsSdkAppId',
			name: 'smsSdkAppId',
			type: 'string',
			default: '',
			placeholder: '1400000000',
			description: 'The SMS application used when a node leaves its SmsSdkAppId empty',
		},
		{
			displayName: 'Callback Token',
			name: 'callbackToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"For the Tencent Cloud SMS Trigger: any long random text (e.g. 32 characters from a password generator). Paste <the trigger's Production URL>?token=<Callback Token> into the Tencent Cloud SMS console; a callback without it is refused (401), and the trigger does not activate while this is empty.",
		},
		defaultCountryField,
	];

	/** Signs exactly the bytes sent: the body is serialised first, and the Host as the URL gives it. */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const url = `${(requestOptions.baseURL ?? '').replace(/\/+$/, '')}${requestOptions.url}`;
		const body = typeof requestOptions.body === 'string' ? requestOptions.body : JSON.stringify(requestOptions.body ?? {});
		const headers: Record<string, string> = {
			'Content-Type': 'application/json',
			'X-TC-Version': TENCENT_API_VERSION,
			'X-TC-Region': tencentRegion(credentials),
			...(requestOptions.headers as Record<string, string> | undefined),
		};
		const keys = { secretId: String(credentials.secretId), secretKey: String(credentials.secretKey) };
		const signed = tencentAuthHeaders(
			keys,
			{ method: requestOptions.method ?? 'POST', url, headers, body },
			Math.floor(Date.now() / 1000),
		);
		return { ...requestOptions, baseURL: undefined, url, body, json: false, headers: { ...headers, ...signed } };
	};
}

/** The region as the credential gives it: one of the list, or typed under "Other". */
export function tencentRegion(data: ICredentialDataDecryptedObject): string {
	return data.region === 'other' ? String(data.customRegion ?? '').trim() : String(data.region ?? 'ap-guangzhou');
}
