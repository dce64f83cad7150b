import type { ICredentialDataDecryptedObject, IPollFunctions } from 'n8n-workflow';
import { tencentRegion } from '../../credentials/TencentCloudSmsApi.credentials';
import { provider as tencent } from '../../core/providers/tencent';
import type { N8nProvider } from '../shared/provider';
import type { TriggerBinding } from '../shared/trigger';

export const TENCENT_CREDENTIAL = 'tencentCloudSmsApi';

export const tencentProvider: N8nProvider = {
	module: tencent,
	credentials: { default: TENCENT_CREDENTIAL },
	baseUrl: (_type, data) =>
		tencent.connection.baseUrl({ endpoint: String(data.endpoint ?? ''), customUrl: String(data.customUrl ?? '') }),
	settings: (data) => ({ ...data, region: tencentRegion(data) }),
	testInput: { international: 0, limit: 1 },
};

/** A node's SmsSdkAppId, or the credential's default when the field is empty. */
export function smsSdkAppId(value: unknown, credentials?: ICredentialDataDecryptedObject): string {
	const text = String(value ?? '').trim();
	return text || String(credentials?.smsSdkAppId ?? '').trim();
}

/**
 * Tencent triggers listen on one SMS application: the node's SmsSdkAppId, else the credential's (which also
 * holds the webhook trigger's Callback Token).
 */
export const tencentTriggers: TriggerBinding = {
	provider: tencentProvider,
	async account(ctx, credentials) {
		const value = (ctx as IPollFunctions).getNodeParameter('smsSdkAppId', '');
		if (credentials || String(value ?? '').trim()) return smsSdkAppId(value, credentials);
		const data = await ctx.getCredentials(TENCENT_CREDENTIAL).catch(() => undefined);
		return smsSdkAppId(value, data);
	},
};
