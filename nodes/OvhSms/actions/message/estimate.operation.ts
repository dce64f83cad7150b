import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { show } from '../common.descriptions';

const s = show('message', 'estimate');

export const description: INodeProperties[] = [
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		displayOptions: { show: s },
	},
	{
		displayName: 'Sender Type',
		name: 'senderType',
		type: 'options',
		default: 'alpha',
		options: [
			{ name: 'Alphanumeric', value: 'alpha' },
			{ name: 'Numeric', value: 'numeric' },
			{ name: 'Short Code', value: 'shortcode' },
			{ name: 'Virtual Number', value: 'virtual' },
		],
		displayOptions: { show: s },
	},
	{
		displayName: 'No STOP Clause',
		name: 'noStopClause',
		type: 'boolean',
		default: false,
		description: 'Whether the STOP mention is left out (it adds characters)',
		displayOptions: { show: s },
	},
];

export function input(this: IExecuteFunctions, itemIndex: number) {
	return {
		message: this.getNodeParameter('message', itemIndex),
		senderType: this.getNodeParameter('senderType', itemIndex),
		noStopClause: this.getNodeParameter('noStopClause', itemIndex),
	};
}
