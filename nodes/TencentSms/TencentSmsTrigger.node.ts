import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { credentialTest } from '../shared/credentialTest';
import { eventField, receiveWebhook, webhookLifecycle, webhookOptionsField } from '../shared/trigger';
import { tencentProvider, tencentTriggers } from './provider';

/**
 * Tencent pushes to the URLs pasted in its console and does not sign them: the URL carries the credential's
 * Callback Token, without which a callback is refused (401). Nothing to register.
 */
export class TencentSmsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tencent Cloud SMS Trigger',
		name: 'tencentSmsTrigger',
		icon: { light: 'file:../../icons/tencent.svg', dark: 'file:../../icons/tencent.dark.svg' },
		group: ['trigger'],
		version: [1],
		defaultVersion: 1,
		subtitle: '={{ $parameter["event"] === "incoming" ? "Incoming SMS" : "Delivery report" }}',
		description: 'Starts the workflow when Tencent Cloud SMS pushes a reply or a delivery receipt',
		defaults: { name: 'Tencent Cloud SMS Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// Its Callback Token proves a callback comes from Tencent; its default SmsSdkAppId names the application.
		credentials: [{ name: 'tencentCloudSmsApi', required: true, testedBy: 'tencentCloudSmsApiTest' }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'tencent-sms' }],
		properties: [
			eventField,
			{
				displayName:
					'Paste the Production URL above followed by ?token=<the credential’s Callback Token> into the Tencent Cloud SMS console: SMS → Application Management → your application → Callback Configuration, as the "Reply callback URL" (Incoming SMS) or the "Status report callback URL" (Delivery Report). A callback without the token is refused. Activate the workflow first. To pull Tencent’s queue on a schedule instead, use the Tencent Cloud SMS Polling Trigger.',
				name: 'webhookNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'SmsSdkAppId',
				name: 'smsSdkAppId',
				type: 'string',
				default: '',
				placeholder: '1400000000',
				description: "The SMS application, reported in each item's account; empty: the credential's default",
			},
			webhookOptionsField,
		],
	};

	methods = { credentialTest: { tencentCloudSmsApiTest: credentialTest(tencentProvider) } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return webhookLifecycle.checkExists(this, tencentTriggers);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return webhookLifecycle.create(this, tencentTriggers);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return webhookLifecycle.delete(this, tencentTriggers);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return receiveWebhook(this, tencentTriggers);
	}
}
