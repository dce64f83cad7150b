import type { AccountRole } from '../../shared/provider';

/**
 * An API key, or an OAuth2 client (id and secret: the session fetches the bearer token), as Node-RED
 * credentials; the webhook secret too, for receive nodes without their own. The base URL is the default one
 * or `custom`.
 */
export const smsmobileapiAccount: AccountRole = {
	credentials: {
		apiKey: { type: 'password' },
		clientId: { type: 'text' },
		clientSecret: { type: 'password' },
		webhookSecret: { type: 'password' },
	},
	fields: ['authentication', 'endpoint', 'customUrl'],
};

/** The account's webhook secret, for receive nodes whose own is empty. */
export function accountWebhookSecret(settings: Record<string, unknown> | undefined): string | undefined {
	const value = settings?.webhookSecret;
	return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
