import type { Node, NodeAPI, NodeDef } from 'node-red';
import { ovh, SmsError } from '../../../core';
import { operationRunner, type OperationRunner } from '../../shared/runner';
import { axiosTransport } from '../../shared/transport';

export const OVH_CONFIG_TYPE = 'ovh-sms-config';

export interface OvhConfigCredentials {
	applicationKey?: string;
	applicationSecret?: string;
	consumerKey?: string;
}

export interface OvhAccountSettings extends OvhConfigCredentials {
	endpoint?: string;
	customUrl?: string;
}

export interface OvhConfigDef extends NodeDef {
	endpoint: string;
	customUrl: string;
}

/** The account node: it owns the one signed session that every OVHcloud node using it shares. */
export interface OvhConfigNode extends Node<OvhConfigCredentials> {
	runner: OperationRunner;
	/** Where the stored keys may be sent: the editor's service list checks it before reusing them. */
	baseUrl: string | undefined;
}

/** The account's API base URL, or undefined while it is incomplete. */
export function accountBaseUrl(account: OvhAccountSettings): string | undefined {
	try {
		return ovh.ovhBaseUrl(account.endpoint || 'ovh-eu', account.customUrl?.trim());
	} catch {
		return undefined;
	}
}

/** A runner for an account, deployed or (for the editor's service list) not yet deployed. */
export function ovhRunner(account: OvhAccountSettings): OperationRunner {
	return operationRunner({
		provider: 'ovh',
		connect: () => ovh.ovhSession(checkedCredentials(account), axiosTransport(), Date.now),
		toError: ovh.ovhError,
		secrets: [account.applicationSecret, account.consumerKey],
	});
}

function checkedCredentials(account: OvhAccountSettings): ovh.OvhCredentials {
	const { applicationKey, applicationSecret, consumerKey } = account;
	const endpoint = account.endpoint || 'ovh-eu';
	if (!applicationKey || !applicationSecret || !consumerKey) {
		throw new SmsError({
			provider: 'ovh',
			code: 'MISSING_CREDENTIALS',
			message: 'The OVHcloud account needs an application key, an application secret and a consumer key.',
			hint: 'Open the OVHcloud account node and fill in the three keys.',
		});
	}
	const customUrl = account.customUrl?.trim();
	ovh.ovhBaseUrl(endpoint, customUrl); // throws INVALID_ENDPOINT for an unknown or empty endpoint
	return { applicationKey, applicationSecret, consumerKey, endpoint, customUrl };
}

export function registerOvhConfig(RED: NodeAPI): void {
	function OvhSmsConfig(this: OvhConfigNode, def: OvhConfigDef): void {
		RED.nodes.createNode(this, def);
		this.runner = ovhRunner({ ...this.credentials, endpoint: def.endpoint, customUrl: def.customUrl });
		this.baseUrl = accountBaseUrl(def);
		this.on('close', (done: () => void) => {
			this.runner.close().then(done, done);
		});
	}

	RED.nodes.registerType<OvhConfigNode, OvhConfigDef, { ovhSmsConfigEndpoints: Record<string, string> }, OvhConfigCredentials>(
		OVH_CONFIG_TYPE,
		OvhSmsConfig,
		{
			credentials: {
				applicationKey: { type: 'text' },
				applicationSecret: { type: 'password' },
				consumerKey: { type: 'password' },
			},
			// Exposed to the editor as RED.settings.ovhSmsConfigEndpoints: the core's list is the only list.
			settings: { ovhSmsConfigEndpoints: { value: ovh.OVH_ENDPOINT_LABELS, exportable: true } },
		},
	);
}
