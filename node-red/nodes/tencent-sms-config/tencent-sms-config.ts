import type { Node, NodeAPI, NodeDef } from 'node-red';
import { SmsError, tencent } from '../../../core';
import { accountNode } from '../../shared/account';
import { operationRunner, type OperationRunner } from '../../shared/runner';
import { axiosTransport } from '../../shared/transport';

export const TENCENT_CONFIG_TYPE = 'tencent-sms-config';
export const TENCENT_DEFAULT_REGION = 'ap-guangzhou';

export interface TencentConfigCredentials {
	secretId?: string;
	secretKey?: string;
}

export interface TencentAccountSettings extends TencentConfigCredentials {
	region?: string;
	endpoint?: string;
	customUrl?: string;
}

export interface TencentConfigDef extends NodeDef {
	region: string;
	endpoint: string;
	customUrl: string;
	smsSdkAppId: string;
}

/** The account node: one signed session shared by every Tencent Cloud SMS node using it, and the default SDK AppID. */
export interface TencentConfigNode extends Node<TencentConfigCredentials> {
	runner: OperationRunner;
	smsSdkAppId: string;
}

/** The editor's choices come from the core's lists (exported as RED.settings.tencentSmsConfig*). */
export interface TencentConfigSettings {
	tencentSmsConfigRegions: readonly string[];
	tencentSmsConfigEndpoints: Record<string, string>;
}

export function tencentRunner(account: TencentAccountSettings): OperationRunner {
	return operationRunner({
		provider: 'tencent',
		connect: () => tencent.tencentSession(checkedCredentials(account), axiosTransport(), Date.now),
		toError: tencent.tencentHttpError,
		secrets: [account.secretKey],
	});
}

function checkedCredentials(account: TencentAccountSettings): tencent.TencentCredentials {
	const secretId = account.secretId?.trim();
	const secretKey = account.secretKey?.trim();
	if (!secretId || !secretKey) {
		throw new SmsError({
			provider: 'tencent',
			code: 'MISSING_CREDENTIALS',
			message: 'The Tencent Cloud SMS account needs a SecretId and a SecretKey.',
			hint: 'Open the Tencent Cloud SMS account node and fill in the API key (Tencent Cloud console → CAM → API keys).',
		});
	}
	const endpoint = account.endpoint || 'sms.tencentcloudapi.com';
	const customUrl = account.customUrl?.trim();
	tencent.tencentBaseUrl(endpoint, customUrl); // throws INVALID_ENDPOINT for an unknown endpoint or an empty custom URL
	return { secretId, secretKey, region: account.region?.trim() || TENCENT_DEFAULT_REGION, endpoint, customUrl };
}

/** The deployed account a client node points at, or null. */
export function tencentAccount(RED: NodeAPI, configId: string | undefined): TencentConfigNode | null {
	return accountNode<TencentConfigNode>(RED, configId);
}

export function registerTencentConfig(RED: NodeAPI): void {
	function TencentSmsConfig(this: TencentConfigNode, def: TencentConfigDef): void {
		RED.nodes.createNode(this, def);
		this.runner = tencentRunner({ ...this.credentials, region: def.region, endpoint: def.endpoint, customUrl: def.customUrl });
		this.smsSdkAppId = String(def.smsSdkAppId ?? '').trim();
		this.on('close', (done: () => void) => {
			this.runner.close().then(done, done);
		});
	}

	RED.nodes.registerType<TencentConfigNode, TencentConfigDef, TencentConfigSettings, TencentConfigCredentials>(
		TENCENT_CONFIG_TYPE,
		TencentSmsConfig,
		{
			credentials: {
				secretId: { type: 'text' },
				secretKey: { type: 'password' },
			},
			settings: {
				tencentSmsConfigRegions: { value: tencent.TENCENT_REGIONS, exportable: true },
				tencentSmsConfigEndpoints: { value: tencent.TENCENT_ENDPOINTS, exportable: true },
			},
		},
	);
}
