import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { provider as smsmobileapi } from '../../core/providers/smsmobileapi';
import { eventFieldFor, eventSubtitle, receiveWebhook, signatureFields, webhookLifecycle } from '../shared/trigger';
import { smsMobileApiWebhook } from './provider';

/**
 * SMSMobileAPI pushes signed V2 webhooks to the URL set in its dashboard: nothing to register, nothing to call,
 * so no credential. Each push is checked against the Webhook Secret and emitted once per event id.
 */
export class SmsMobileApiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SMSMobileAPI Trigger',
		name: 'smsMobileApiTrigger',
		icon: { light: 'file:../../icons/smsmobileapi.svg', dark: 'file:../../icons/smsmobileapi.dark.svg' },
		group: ['trigger'],
		version: [1],
		defaultVersion: 1,
		subtitle: eventSubtitle,
		description: 'Starts the workflow when SMSMobileAPI pushes an SMS received on your phone, or a sent / failed message',
		defaults: { name: 'SMSMobileAPI Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'smsmobileapi' }],
		properties: [
			eventFieldFor(smsmobileapi),
			{
				displayName:
					'Copy the Production URL above into the SMSMobileAPI dashboard (Webhooks), and its signing secret into Webhook Secret below. Activate the workflow first. To read received SMS on a schedule instead, use the SMSMobileAPI Polling Trigger.',
				name: 'webhookNotice',
				type: 'notice',
				default: '',
			},
			...signatureFields,
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return webhookLifecycle.checkExists(this, smsMobileApiWebhook);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return webhookLifecycle.create(this, smsMobileApiWebhook);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return webhookLifecycle.delete(this, smsMobileApiWebhook);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return receiveWebhook(this, smsMobileApiWebhook);
	}
}
