import { NodeConnectionTypes, type IExecuteFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { credentialTest } from '../shared/credentialTest';
import * as deliveryStatus from './actions/deliveryStatus';
import * as message from './actions/message';
import { router } from './actions/router';
import * as sign from './actions/sign';
import * as statistics from './actions/statistics';
import * as template from './actions/template';
import { searchSigns, searchTemplates } from './methods/listSearch';
import { alibabaProvider } from './provider';
import { requestOptionsField } from '../shared/sending';

export class AlibabaSms implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud SMS',
		name: 'alibabaSms',
		icon: { light: 'file:../../icons/alibaba.svg', dark: 'file:../../icons/alibaba.dark.svg' },
		group: ['output'],
		// A list from the start: later versions are added without breaking saved workflows.
		version: [1],
		defaultVersion: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send SMS, read delivery status and statistics, and manage templates and signs on Alibaba Cloud SMS',
		defaults: { name: 'Alibaba Cloud SMS' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'alibabaCloudSmsApi', required: true, testedBy: 'alibabaCloudSmsApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Delivery Status', value: 'deliveryStatus' },
					{ name: 'Message', value: 'message' },
					{ name: 'Sign', value: 'sign' },
					{ name: 'Statistic', value: 'statistics' },
					{ name: 'Template', value: 'template' },
				],
				default: 'message',
			},
			...message.description,
			...deliveryStatus.description,
			...statistics.description,
			...template.description,
			...sign.description,
			requestOptionsField,
		],
	};

	methods = {
		listSearch: { searchTemplates, searchSigns },
		credentialTest: { alibabaCloudSmsApiTest: credentialTest(alibabaProvider) },
	};

	async execute(this: IExecuteFunctions) {
		return router.call(this);
	}
}
