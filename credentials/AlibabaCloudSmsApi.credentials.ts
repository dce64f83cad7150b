import type { ICredentialDataDecryptedObject, ICredentialType, IHttpRequestOptions, INodeProperties, Icon } from 'n8n-workflow';
import { ALIBABA_REGIONS } from '../core/providers/alibaba/endpoints';
import { alibabaNonce } from '../core/providers/alibaba/session';
import { acs3Headers } from '../core/providers/alibaba/sign';
import { defaultCountryField } from '../nodes/shared/descriptions';

/**
 * Alibaba Cloud AccessKey (RAM user) for Short Message Service; requests are signed with ACS3-HMAC-SHA256 in
 * `authenticate`, as the current SDK signs them (spec aliyun.md §4). Tested by the nodes (`testedBy`): the
 * test then says Alibaba's code (SignatureDoesNotMatch, InvalidAccessKeyId.NotFound…) and what to do.
 */
export class AlibabaCloudSmsApi implements ICredentialType {
	name = 'alibabaCloudSmsApi';

	displayName = 'Alibaba Cloud SMS API';

	icon: Icon = { light: 'file:../icons/alibaba.svg', dark: 'file:../icons/alibaba.dark.svg' };

	documentationUrl = 'https://www.alibabacloud.com/help/en/sms/developer-reference/api-dysmsapi-2017-05-25-sendsms';

	properties: INodeProperties[] = [
		{
			displayName: 'AccessKey ID',
			name: 'accessKeyId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'LTAI…',
			description: 'The AccessKey ID of a RAM user with an SMS policy (e.g. AliyunDysmsFullAccess)',
		},
		{
			displayName: 'AccessKey Secret',
			name: 'accessKeySecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Security Token',
			name: 'securityToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for temporary STS credentials; leave empty for a RAM user’s AccessKey',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			default: 'cn-hangzhou',
			options: Object.entries(ALIBABA_REGIONS).map(([value, name]) => ({ name, value })),
			description: 'Where requests go; Singapore (ap-southeast-1) for accounts on the international site',
		},
		{
			displayName: 'Custom Base URL',
			name: 'customUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4012',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'Callback Token',
			name: 'callbackToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"For the Alibaba Cloud SMS Trigger: any long random text (e.g. 32 characters from a password generator). Paste <the trigger's Production URL>?token=<Callback Token> into the Alibaba Cloud SMS console; a callback without it is refused (401), and the trigger does not activate while this is empty.",
		},
		defaultCountryField,
	];

	/**
	 * Signs exactly what n8n sends: the URL with its query as given, the host as the URL names it (n8n sends
	 * that Host), the form body as a string, and a fresh nonce per request (the gateway refuses one used twice).
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const url = `${(requestOptions.baseURL ?? '').replace(/\/+$/, '')}${requestOptions.url}`;
		const body = bodyText(requestOptions.body);
		const headers = { ...(requestOptions.headers as Record<string, string> | undefined) };
		const keys = {
			accessKeyId: String(credentials.accessKeyId ?? '').trim(),
			accessKeySecret: String(credentials.accessKeySecret ?? '').trim(),
			securityToken: String(credentials.securityToken ?? '').trim() || undefined,
		};
		const signed = acs3Headers(keys, { method: requestOptions.method ?? 'POST', url, headers, body }, Date.now(), alibabaNonce());
		for (const name of Object.keys(headers)) if (name.toLowerCase() in signed) delete headers[name];
		return { ...requestOptions, baseURL: undefined, url, body, json: false, headers: { ...headers, ...signed } };
	};
}

/** The body as the bytes that go out: a string as it is, a form object encoded, nothing as nothing. */
function bodyText(body: IHttpRequestOptions['body']): string | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	if (typeof body === 'string') return body;
	if (body instanceof URLSearchParams) return body.toString();
	return new URLSearchParams(Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, String(v)])).toString();
}
