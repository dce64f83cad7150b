import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { provider as alibaba } from '../../core/providers/alibaba';
import { eventFieldFor, eventSubtitle, receiveWebhook, webhookLifecycle } from '../shared/trigger';
import { alibabaTriggers } from './provider';

/**
 * Alibaba pushes (HTTP batch push) to the URLs pasted in its console: nothing to register, nothing to call,
 * so no credential. Alibaba has no API to read these events, hence no polling trigger.
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
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'alibaba-sms' }],
		properties: [
			eventFieldFor(alibaba),
			{
				displayName:
					'Copy the Production URL above into the Alibaba Cloud SMS console: System Settings → General Settings → Receipt Messages (通用设置 → 回执消息), choose HTTP batch push mode (HTTP批量推送模式) and paste it for the message type of this event: SmsUp for Incoming SMS, SmsReport for Delivery Report, TemplateSmsReport for Template Review. Activate the workflow first. Alibaba has no API to read these events, so there is no polling trigger.',
				name: 'webhookNotice',
				type: 'notice',
				default: '',
			},
		],
	};

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
