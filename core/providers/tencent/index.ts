import { SmsError } from '../../errors';
import type { ProviderModule } from '../../provider';
import { tencentActions } from './actions';
import { TENCENT_ENDPOINTS, tencentBaseUrl, tencentWire } from './endpoints';
import { tencentInbound } from './inbound';
import { tencentHttpError } from './parse';
import { tencentPoll } from './poll';
import { tencentSession, type TencentCredentials } from './session';

export * from './actions';
export * from './endpoints';
export * from './inbound';
export * from './operations';
export * from './parse';
export * from './poll';
export * from './session';
export * from './sign';

function credentials(settings: Record<string, unknown>): TencentCredentials {
	const text = (key: string) => (typeof settings[key] === 'string' ? (settings[key] as string).trim() : '');
	const [secretId, secretKey] = [text('secretId'), text('secretKey')];
	if (!secretId || !secretKey) {
		throw new SmsError({
			provider: 'tencent',
			code: 'MISSING_CREDENTIALS',
			message: 'The Tencent Cloud SMS {account} needs a SecretId and a SecretKey.',
			hint: 'Copy them from the Tencent Cloud console (CAM → API keys) into the {account}.',
		});
	}
	const endpoint = text('endpoint') || 'sms.tencentcloudapi.com';
	const customUrl = text('customUrl') || undefined;
	tencentBaseUrl(endpoint, customUrl); // INVALID_ENDPOINT for an unknown or empty endpoint
	return { secretId, secretKey, region: text('region') || 'ap-guangzhou', endpoint, customUrl };
}

/** Tencent Cloud SMS, API 2021-01-11: TC3-HMAC-SHA256 signed POSTs to one host, the action in a header. */
export const provider = {
	id: 'tencent',
	name: 'Tencent Cloud SMS',
	connection: {
		endpoints: TENCENT_ENDPOINTS,
		baseUrl: (settings) => tencentBaseUrl(settings.endpoint || 'sms.tencentcloudapi.com', settings.customUrl),
		// n8n's credential adds the region when it signs.
		wire: (baseUrl, request) => tencentWire(baseUrl, '', request),
		session: tencentSession,
		credentials,
		// Every value of the credential: the SecretId too, which only identifies it but has no business in an error.
		secrets: (c) => [c.secretKey, c.secretId],
		toError: tencentHttpError,
		test: 'sign.getMany',
		// The editors' default pace: SendSms takes 3000/s (spec §9); the status-by-number lookups of Skip Already
		// Sent take only 20/s, and a throttled one waits and is tried again (RequestLimitExceeded is not accepted).
		pace: { parallel: 4, perSecond: 200 },
	},
	actions: tencentActions,
	inbound: tencentInbound,
	poll: tencentPoll,
} satisfies ProviderModule<TencentCredentials>;
