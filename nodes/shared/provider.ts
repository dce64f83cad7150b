import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import type { ProviderModule } from '../../core/provider';

/**
 * How one provider module meets n8n: its credential types and how their data give a base URL. Everything
 * else about the provider (requests, errors, operations, inbound) is in the module.
 */
export interface N8nProvider {
	module: ProviderModule;
	/**
	 * Credential type by the value of the node's Authentication parameter (the first is the default); with
	 * one entry the node has no Authentication parameter.
	 */
	credentials: Record<string, string>;
	baseUrl(credentialType: string, data: ICredentialDataDecryptedObject): string;
	/**
	 * Credential types that extend n8n's oAuth2Api. n8n fetches a new token only when a call throws 401, and
	 * the run path reads HTTP errors as responses: a 401 of these is sent once more, letting n8n refresh.
	 */
	oAuth2?: string[];
	/** The module's account settings (connection.credentials) from a credential's data, for credential tests. */
	settings(data: ICredentialDataDecryptedObject): Record<string, unknown>;
	/** The input of the module's credential-test action (connection.test). */
	testInput: Record<string, unknown>;
}

/** How n8n says where keys are kept, in core texts that say "{account}". */
export const ACCOUNT_WORD = 'credential';
