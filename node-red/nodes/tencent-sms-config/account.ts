import { tencent } from '../../../core';
import type { AccountRole } from '../../shared/provider';

export const tencentAccount: AccountRole = {
	credentials: {
		secretId: { type: 'text' },
		secretKey: { type: 'password' },
	},
	// smsSdkAppId: the application client nodes use when theirs is empty.
	fields: ['region', 'endpoint', 'customUrl', 'smsSdkAppId'],
	exported: { tencentSmsConfigRegions: tencent.TENCENT_REGIONS },
};

/** The account node's SmsSdkAppId, for client nodes whose field and msg leave it empty. */
export function defaultAppId(settings: Record<string, unknown>): string | undefined {
	return typeof settings.smsSdkAppId === 'string' && settings.smsSdkAppId.trim() ? settings.smsSdkAppId.trim() : undefined;
}
