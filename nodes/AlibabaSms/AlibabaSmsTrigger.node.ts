import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { provider as alibaba } from '../../core/providers/alibaba';
import { credentialTest } from '../shared/credentialTest';
import { eventFieldFor, eventSubtitle, receiveWebhook, webhookLifecycle, webhookOptionsField } from '../shared/trigger';
import { alibabaProvider, alibabaTriggers } from './provider';

/**
 * Alibaba pushes (HTTP batch push) to the URLs pasted in its console and does not sign them: the URL carries
 * the credential's Callback Token, without which a push is refused (401). Nothing to register or call.
 * Alibaba has no API to read these events, hence no polling trigger.
 */
export class AlibabaSmsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud SMS Trigger',
		name: 'alibabaSmsTrigger',
		icon: { light: 'file:../../icons/alibaba.svg', dark: 'file:../../icons/alibaba.dark.svg' },
		group: ['trigger'],
		version: [1],
		defaultVersion: 1,
		subtitle: eventSubtitle,
		description: 'Starts the workflow when Alibaba Cloud SMS pushes a reply, a delivery report or a template review result',
		defaults: { name: 'Alibaba Cloud SMS Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// Only its Callback Token is read.
		credentials: [{ name: 'alibabaCloudSmsApi', required: true, testedBy: 'alibabaCloudSmsApiTest' }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'alibaba-sms' }],
		properties: [
			eventFieldFor(alibaba),
			{
				displayName:
					'Paste the Production URL above followed by ?token=<the credential’s Callback Token> into the Alibaba Cloud SMS console: System Settings → General Settings → Receipt Messages (通用设置 → 回执消息), choose HTTP batch push mode (HTTP批量推送模式) and paste it for the message type of this event: SmsUp for Incoming SMS, SmsReport for Delivery Report, TemplateSmsReport for Template Review. A push without the token is refused. Activate the workflow first. Alibaba has no API to read these events, so there is no polling trigger.',
				name: 'webhookNotice',
				type: 'notice',
				default: '',
			},
			webhookOptionsField,
		],
	};

	methods = { credentialTest: { alibabaCloudSmsApiTest: credentialTest(alibabaProvider) } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return webhookLifecycle.checkExists(this, alibabaTriggers);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return webhookLifecycle.create(this, alibabaTriggers);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return webhookLifecycle.delete(this, alibabaTriggers);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return receiveWebhook(this, alibabaTriggers);
	}
}
