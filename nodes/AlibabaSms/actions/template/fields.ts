import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { optionalString, show } from '../fields';

const s = show('template', 'create', 'update');

export const templateFields: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'templateName',
		type: 'string',
		default: '',
		required: true,
		description: 'Up to 30 characters, for your own lists',
		displayOptions: { show: s },
	},
	{
		displayName: 'Content',
		name: 'templateContent',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'Your order ${order} has shipped.',
		description: 'The text, with ${name} where each parameter goes (up to 500 characters)',
		displayOptions: { show: s },
	},
	{
		displayName: 'Template Type',
		name: 'templateType',
		type: 'options',
		default: 1,
		options: [
			{ name: 'Verification Code', value: 0 },
			{ name: 'Notification', value: 1 },
			{ name: 'Marketing', value: 2 },
			{ name: 'International', value: 3, description: 'For numbers outside mainland China' },
		],
		displayOptions: { show: s },
	},
	{
		displayName: 'International Type',
		name: 'intlType',
		type: 'options',
		default: 0,
		options: [
			{ name: 'Notification', value: 0 },
			{ name: 'Marketing', value: 1 },
			{ name: 'Verification Code', value: 2 },
		],
		displayOptions: { show: { ...s, templateType: [3] } },
	},
	{
		displayName: 'Variable Rules',
		name: 'templateRule',
		type: 'string',
		default: '',
		placeholder: '{"order":"others"}',
		description:
			'Required when the content has ${variables}: a JSON object naming the kind of each (e.g. characterWithNumber for a code, others for free text)',
		displayOptions: { show: s },
	},
	{
		displayName: 'Related Sign Name',
		name: 'relatedSignName',
		type: 'string',
		default: '',
		placeholder: 'SMSKit',
		description: 'The sign the template will be sent with (reviewers check them together)',
		displayOptions: { show: s },
	},
	{
		displayName: 'Remark',
		name: 'remark',
		type: 'string',
		default: '',
		description: 'A note for the reviewers: where and how the template is used',
		displayOptions: { show: s },
	},
	{
		displayName: 'Options',
		name: 'templateOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: s },
		options: [
			{
				displayName: 'Application Scene',
				name: 'applySceneContent',
				type: 'string',
				default: '',
				description: 'A link to where the message is used (a website or app page), for the review',
			},
		],
	},
];

export function templateInput(ctx: IExecuteFunctions, itemIndex: number) {
	const options = ctx.getNodeParameter('templateOptions', itemIndex, {}) as IDataObject;
	return {
		templateName: ctx.getNodeParameter('templateName', itemIndex),
		templateContent: ctx.getNodeParameter('templateContent', itemIndex),
		templateType: ctx.getNodeParameter('templateType', itemIndex),
		relatedSignName: String(ctx.getNodeParameter('relatedSignName', itemIndex, '')).trim() || undefined,
		remark: String(ctx.getNodeParameter('remark', itemIndex, '')) || undefined,
		intlType: ctx.getNodeParameter('templateType', itemIndex) === 3 ? ctx.getNodeParameter('intlType', itemIndex, 0) : undefined,
		templateRule: String(ctx.getNodeParameter('templateRule', itemIndex, '')).trim() || undefined,
		applySceneContent: optionalString(options, 'applySceneContent'),
	};
}
