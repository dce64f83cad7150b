import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { provider as alibaba } from '../../core/providers/alibaba';
import type { N8nProvider } from '../shared/provider';
import type { TriggerBinding } from '../shared/trigger';

export const ALIBABA_CREDENTIAL = 'alibabaCloudSmsApi';

/** The module's account settings from the credential: its Region is the module's endpoint. */
function settings(data: ICredentialDataDecryptedObject): Record<string, unknown> {
	return { ...data, endpoint: String(data.region ?? '') || 'cn-hangzhou', customUrl: String(data.customUrl ?? '') };
}

export const alibabaProvider: N8nProvider = {
	module: alibaba,
	credentials: { default: ALIBABA_CREDENTIAL },
	baseUrl: (_type, data) => {
		const s = settings(data);
		return alibaba.connection.baseUrl({ endpoint: s.endpoint as string, customUrl: s.customUrl as string });
	},
	settings,
	// QuerySmsSignList, one row: the cheapest call that needs valid keys.
	testInput: { pageIndex: 1, pageSize: 1 },
};

/**
 * Alibaba pushes to the URLs pasted in its console and its pushes name no account: the trigger's credential
 * holds only its Callback Token, and its items' account is empty.
 */
export const alibabaTriggers: TriggerBinding = {
	provider: alibabaProvider,
	account: async () => '',
};
