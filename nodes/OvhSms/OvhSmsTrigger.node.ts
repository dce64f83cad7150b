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
import { serviceLocator } from './actions/common.descriptions';
import { searchServices } from './methods/listSearch';
import { authenticationField, ovhProvider, ovhTriggers } from './provider';

/**
 * OVHcloud pushes to a URL set on the SMS account: this node sets it while active, with a token of its own that
 * every callback must carry, and puts the old one back.
 */
export class OvhSmsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OVHcloud SMS Trigger',
		name: 'ovhSmsTrigger',
		icon: { light: 'file:../../icons/ovh.svg', dark: 'file:../../icons/ovh.dark.svg' },
		group: ['trigger'],
		version: [1],
		defaultVersion: 1,
		subtitle: '={{ $parameter["event"] === "incoming" ? "Incoming SMS" : "Delivery report" }}',
		description: 'Starts the workflow when OVHcloud pushes an SMS received on an account, or a delivery report',
		defaults: { name: 'OVHcloud SMS Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'ovhApi',
				required: true,
				testedBy: 'ovhApiTest',
				displayOptions: { show: { authentication: ['applicationKey'] } },
			},
			{ name: 'ovhOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
		],
		webhooks: [
			{
				name: 'default',
				// Delivery reports come as a GET with query parameters, incoming SMS as a POST form.
				httpMethod: '={{ $parameter["event"] === "delivery" ? "GET" : "POST" }}',
				responseMode: 'onReceived',
				path: 'ovh-sms',
			},
		],
		properties: [
			authenticationField,
			eventField,
			{
				displayName:
					'While the workflow is active, this node sets the account’s delivery callback (Delivery Report) or reply URL (Incoming SMS) to its production URL (with a token of its own: a call without it is refused), and puts the previous value back when deactivated. An SMS account has only one of each: another tool using it stops receiving. To read the account on a schedule instead, use the OVHcloud SMS Polling Trigger.',
				name: 'webhookNotice',
				type: 'notice',
				default: '',
			},
			serviceLocator,
			webhookOptionsField,
		],
	};

	methods = { listSearch: { searchServices }, credentialTest: { ovhApiTest: credentialTest(ovhProvider) } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return webhookLifecycle.checkExists(this, ovhTriggers);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return webhookLifecycle.create(this, ovhTriggers);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return webhookLifecycle.delete(this, ovhTriggers);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return receiveWebhook(this, ovhTriggers);
	}
}
