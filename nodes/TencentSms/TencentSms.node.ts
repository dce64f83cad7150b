import { NodeConnectionTypes, type IExecuteFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import * as deliveryStatus from './actions/deliveryStatus';
import * as message from './actions/message';
import * as reply from './actions/reply';
import { router } from './actions/router';
import * as sign from './actions/sign';
import * as statistics from './actions/statistics';
import * as template from './actions/template';
import { searchSignIds, searchSigns, searchTemplates } from './methods/listSearch';
import { tencentProvider } from './provider';
import { credentialTest } from '../shared/credentialTest';
import { requestOptionsField } from '../shared/sending';

export class TencentSms implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tencent Cloud SMS',
		name: 'tencentSms',
		icon: { light: 'file:../../icons/tencent.svg', dark: 'file:../../icons/tencent.dark.svg' },
		group: ['output'],
		// A list from the start: later versions are added without breaking saved workflows.
		version: [1],
		defaultVersion: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send SMS, read receipts and replies, and manage templates and signatures on Tencent Cloud SMS',
		defaults: { name: 'Tencent Cloud SMS' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tencentCloudSmsApi', required: true, testedBy: 'tencentCloudSmsApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Delivery Status', value: 'deliveryStatus' },
					{ name: 'Message', value: 'message' },
					{ name: 'Reply', value: 'reply' },
					{ name: 'Signature', value: 'sign' },
					{ name: 'Statistic', value: 'statistics' },
					{ name: 'Template', value: 'template' },
				],
				default: 'message',
			},
			...message.description,
			...deliveryStatus.description,
			...reply.description,
			...template.description,
			...sign.description,
			...statistics.description,
			requestOptionsField,
		],
	};

	methods = {
		listSearch: { searchTemplates, searchSigns, searchSignIds },
		credentialTest: { tencentCloudSmsApiTest: credentialTest(tencentProvider) },
	};

	async execute(this: IExecuteFunctions) {
		return router.call(this);
	}
}
