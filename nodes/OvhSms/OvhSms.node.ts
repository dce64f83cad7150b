import { NodeConnectionTypes, type IExecuteFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import * as account from './actions/account';
import * as message from './actions/message';
import { router } from './actions/router';
import { searchServices } from './methods/listSearch';

export class OvhSms implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OVHcloud SMS',
		name: 'ovhSms',
		icon: { light: 'file:../../icons/ovh.svg', dark: 'file:../../icons/ovh.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send SMS and manage an OVHcloud SMS account',
		defaults: { name: 'OVHcloud SMS' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ovhApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Message', value: 'message' },
				],
				default: 'message',
			},
			...account.description,
			...message.description,
		],
	};

	methods = { listSearch: { searchServices } };

	async execute(this: IExecuteFunctions) {
		return router.call(this);
	}
}
