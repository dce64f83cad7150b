import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { templateLocator } from '../common.descriptions';
import { show } from '../fields';
import { templateInput } from './fields';

export const description: INodeProperties[] = [
	{
		...templateLocator,
		description: 'Only a template under review or rejected can be modified',
		displayOptions: { show: show('template', 'modify', 'delete') },
	},
];

export function input(this: IExecuteFunctions, itemIndex: number) {
	return {
		templateId: this.getNodeParameter('templateId', itemIndex, '', { extractValue: true }),
		...templateInput(this, itemIndex),
	};
}
