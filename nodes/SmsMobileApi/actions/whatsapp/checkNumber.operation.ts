import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { show } from '../fields';

export const description: INodeProperties[] = [
	{
		displayName: 'Phone Number',
		name: 'number',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+33601020304',
		displayOptions: { show: show('whatsapp', 'checkNumber') },
	},
];

export function input(this: IExecuteFunctions, itemIndex: number) {
	return { number: this.getNodeParameter('number', itemIndex) };
}
