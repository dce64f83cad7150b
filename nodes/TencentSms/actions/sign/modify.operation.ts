import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { signIdLocator } from '../common.descriptions';
import { show } from '../fields';
import { signInput } from './fields';

export const description: INodeProperties[] = [
	{
		...signIdLocator,
		description: 'Only a signature under review or rejected can be modified',
		displayOptions: { show: show('sign', 'modify', 'delete') },
	},
];

export function input(this: IExecuteFunctions, itemIndex: number) {
	return { signId: this.getNodeParameter('signId', itemIndex, '', { extractValue: true }), ...signInput(this, itemIndex) };
}
