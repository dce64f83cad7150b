import type { AccountRole } from '../../shared/provider';

/**
 * An AccessKey (and an STS token for temporary keys) as Node-RED credentials; the region (or `custom` and a
 * base URL) from the module's endpoint list, which the account node exports to its dialog.
 */
export const alibabaAccount: AccountRole = {
	credentials: {
		accessKeyId: { type: 'text' },
		accessKeySecret: { type: 'password' },
		securityToken: { type: 'password' },
	},
	fields: ['endpoint', 'customUrl'],
};
