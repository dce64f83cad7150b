import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { internationalField, show } from '../fields';

const s = show('template', 'add', 'modify');

export const templateFields: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, displayOptions: { show: s } },
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'Your code is {1}, valid for {2} minutes.',
		description: 'The text, with {1}, {2}, … where the parameters go',
		displayOptions: { show: s },
	},
	{
		displayName: 'SMS Type',
		name: 'smsType',
		type: 'options',
		default: 2,
		options: [
			{ name: 'Marketing', value: 1 },
			{ name: 'Notification', value: 2 },
			{ name: 'Verification Code', value: 3 },
		],
		displayOptions: { show: s },
	},
	internationalField(s),
	{
		displayName: 'Remark',
		name: 'remark',
		type: 'string',
		default: '',
		description: 'A note for the reviewers: where and how the template is used',
		displayOptions: { show: s },
	},
];

export function templateInput(ctx: IExecuteFunctions, itemIndex: number) {
	return {
		name: ctx.getNodeParameter('name', itemIndex),
		content: ctx.getNodeParameter('content', itemIndex),
		smsType: ctx.getNodeParameter('smsType', itemIndex),
		international: ctx.getNodeParameter('international', itemIndex),
		remark: ctx.getNodeParameter('remark', itemIndex, ''),
	};
}
