import { NodeConnectionTypes, type IExecuteFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import * as account from './actions/account';
import * as incoming from './actions/incoming';
import * as job from './actions/job';
import * as message from './actions/message';
import * as outgoing from './actions/outgoing';
import { router } from './actions/router';
import * as sender from './actions/sender';
import * as template from './actions/template';
import { searchSenders, searchServices } from './methods/listSearch';
import { authenticationField, ovhProvider } from './provider';
import { credentialTest } from '../shared/credentialTest';
import { requestOptionsField } from '../shared/sending';

export class OvhSms implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OVHcloud SMS',
		name: 'ovhSms',
		icon: { light: 'file:../../icons/ovh.svg', dark: 'file:../../icons/ovh.dark.svg' },
		group: ['output'],
		// A list from the start: later versions are added without breaking saved workflows.
		version: [1],
		defaultVersion: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send SMS and manage an OVHcloud SMS account',
		defaults: { name: 'OVHcloud SMS' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
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
		properties: [
			authenticationField,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Incoming', value: 'incoming', description: 'SMS received from phones' },
					{ name: 'Job', value: 'job', description: 'Messages not sent yet' },
					{ name: 'Message', value: 'message' },
					{ name: 'Outgoing', value: 'outgoing', description: 'Sent messages and their delivery status' },
					{ name: 'Sender', value: 'sender' },
					{ name: 'Template', value: 'template' },
				],
				default: 'message',
			},
			...account.description,
			...message.description,
			...job.description,
			...outgoing.description,
			...incoming.description,
			...template.description,
			...sender.description,
			requestOptionsField,
		],
	};

	methods = { listSearch: { searchServices, searchSenders }, credentialTest: { ovhApiTest: credentialTest(ovhProvider) } };

	async execute(this: IExecuteFunctions) {
		return router.call(this);
	}
}
