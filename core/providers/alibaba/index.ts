import { SmsError } from '../../errors';
import type { ProviderModule } from '../../provider';
import { alibabaActions } from './actions';
import { ALIBABA_REGIONS, alibabaBaseUrl, alibabaWire } from './endpoints';
import { alibabaInbound } from './inbound';
import { alibabaHttpError } from './parse';
import { alibabaSession, type AlibabaCredentials } from './session';

export * from './actions';
export * from './endpoints';
export * from './inbound';
export * from './operations';
export * from './parse';
export * from './session';
export * from './sign';

function credentials(settings: Record<string, unknown>): AlibabaCredentials {
	const text = (key: string) => (typeof settings[key] === 'string' ? (settings[key] as string).trim() : '');
	const [accessKeyId, accessKeySecret] = [text('accessKeyId'), text('accessKeySecret')];
	if (!accessKeyId || !accessKeySecret) {
		throw new SmsError({
			provider: 'alibaba',
			code: 'MISSING_CREDENTIALS',
			message: 'The Alibaba Cloud SMS {account} needs an AccessKey ID and an AccessKey secret.',
			hint: 'Create an AccessKey for a RAM user with an SMS policy (RAM console → Users → AccessKey) and copy both into the {account}.',
		});
	}
	const endpoint = text('endpoint') || 'cn-hangzhou';
	const customUrl = text('customUrl') || undefined;
	alibabaBaseUrl(endpoint, customUrl); // INVALID_ENDPOINT for an unknown region or an empty custom URL
	return { accessKeyId, accessKeySecret, securityToken: text('securityToken') || undefined, endpoint, customUrl };
}

/**
 * Alibaba Cloud SMS (Dysmsapi 2017-05-25, and 2018-05-01 for international messages): ACS3-HMAC-SHA256 signed
 * RPC calls on one host per region; events arrive by HTTP batch push only (no poll step).
 */
export const provider = {
	id: 'alibaba',
	name: 'Alibaba Cloud SMS',
	connection: {
		endpoints: ALIBABA_REGIONS,
		baseUrl: (settings) => alibabaBaseUrl(settings.endpoint || 'cn-hangzhou', settings.customUrl),
		wire: alibabaWire,
		session: alibabaSession,
		credentials,
		// Every value of the credential: the key id too, which only identifies it but has no business in an error.
		secrets: (c) => [c.accessKeySecret, c.securityToken, c.accessKeyId],
		toError: alibabaHttpError,
		test: 'sign.getMany',
		// The editors' default pace. SendSms takes 5000 QPS (spec §11); the other calls have no documented limit.
		pace: { parallel: 4, perSecond: 100 },
	},
	actions: alibabaActions,
	inbound: alibabaInbound,
} satisfies ProviderModule<AlibabaCredentials>;
