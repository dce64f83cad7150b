import type { ReceiveRole } from '../../shared/provider';
import { accountWebhookSecret } from '../smsmobileapi-sms-config/account';

/**
 * The receiving phone (its sIdentifiant) polled and named as `account` in events, or empty for all; the
 * webhook secret is the node's own credential, else its account's.
 */
export const smsmobileapiReceive: ReceiveRole = {
	account: (def) => String(def.device ?? '').trim(),
	credentials: { webhookSecret: { type: 'password' } },
	secret: (credentials, account) =>
		(typeof credentials.webhookSecret === 'string' && credentials.webhookSecret.trim()) ||
		accountWebhookSecret(account?.settings),
};
