import { SmsError } from '../../errors';
import type { ProviderModule } from '../../provider';
import { ovhActions } from './actions';
import { OVH_ENDPOINT_LABELS, ovhBaseUrl, ovhWire } from './endpoints';
import { ovhInbound } from './inbound';
import { ovhError } from './parse';
import { ovhPoll } from './poll';
import { ovhWebhook } from './register';
import { ovhSession, type OvhCredentials } from './session';

export * from './actions';
export * from './consumerKey';
export * from './endpoints';
export * from './inbound';
export * from './operations';
export * from './parse';
export * from './poll';
export * from './register';
export * from './session';
export * from './sign';

function credentials(settings: Record<string, unknown>): OvhCredentials {
	const text = (key: string) => (typeof settings[key] === 'string' ? (settings[key] as string).trim() : '');
	const [applicationKey, applicationSecret, consumerKey] = [
		text('applicationKey'),
		text('applicationSecret'),
		text('consumerKey'),
	];
	if (!applicationKey || !applicationSecret || !consumerKey) {
		throw new SmsError({
			provider: 'ovh',
			code: 'MISSING_CREDENTIALS',
			message: 'The OVHcloud {account} needs an application key, an application secret and a consumer key.',
			hint: 'Fill in the three keys of the OVHcloud {account} (`npx @smskit/tools ovh-consumer-key` makes a consumer key).',
		});
	}
	const endpoint = text('endpoint') || 'ovh-eu';
	const customUrl = text('customUrl') || undefined;
	ovhBaseUrl(endpoint, customUrl); // INVALID_ENDPOINT for an unknown or empty endpoint
	return { applicationKey, applicationSecret, consumerKey, endpoint, customUrl };
}

/** OVHcloud SMS: signed requests ($1$ SHA-1) with the server-time delta, /sms/{service}/… routes. */
export const provider = {
	id: 'ovh',
	name: 'OVHcloud',
	connection: {
		endpoints: OVH_ENDPOINT_LABELS,
		baseUrl: (settings) => ovhBaseUrl(settings.endpoint || 'ovh-eu', settings.customUrl),
		wire: ovhWire,
		session: ovhSession,
		credentials,
		// Every value of the credential: the application key too, which only identifies it but has no business in an error.
		secrets: (c) => [c.applicationSecret, c.consumerKey, c.applicationKey],
		toError: ovhError,
		test: 'account.getMany',
		// The editors' default pace. No REST rate limit is documented (spec §10): a modest one.
		pace: { parallel: 4, perSecond: 50 },
	},
	actions: ovhActions,
	inbound: ovhInbound,
	poll: ovhPoll,
	webhook: ovhWebhook,
} satisfies ProviderModule<OvhCredentials>;
