import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { provider as smsmobileapi } from '../../core/providers/smsmobileapi';
import { credentialTest } from '../shared/credentialTest';
import {
	eventFieldFor,
	eventSubtitle,
	receiveWebhook,
	signatureFields,
	webhookLifecycle,
	webhookOptionsField,
} from '../shared/trigger';
import { authenticationField, smsMobileApiProvider, smsMobileApiWebhook } from './provider';

/**
 * SMSMobileAPI pushes signed V2 webhooks to the URL set in its dashboard: nothing to register, nothing to call.
 * Each push is checked against the credential's Webhook Secret and emitted once per event id.
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
		// Only the Webhook Secret is read.
		credentials: [
			{
				name: 'smsMobileApi',
				required: true,
				testedBy: 'smsMobileApiTest',
				displayOptions: { show: { authentication: ['apiKey'] } },
			},
			{
				name: 'smsMobileApiOAuth2Api',
				required: true,
				testedBy: 'smsMobileApiTest',
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'smsmobileapi' }],
		properties: [
			authenticationField,
			eventFieldFor(smsmobileapi),
			{
				displayName:
					'Copy the Production URL above into the SMSMobileAPI dashboard (Webhooks), and its signing secret into the credential’s Webhook Secret. Activate the workflow first. To read received SMS on a schedule instead, use the SMSMobileAPI Polling Trigger.',
				name: 'webhookNotice',
				type: 'notice',
				default: '',
			},
			...signatureFields,
			webhookOptionsField,
		],
	};

	methods = { credentialTest: { smsMobileApiTest: credentialTest(smsMobileApiProvider) } };

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
