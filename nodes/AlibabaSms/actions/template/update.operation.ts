import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { locatorValue, templateLocator } from '../common.descriptions';
import { show } from '../fields';
import { templateInput } from './fields';

/** The template picked here is shared with Get and Delete. */
export const description: INodeProperties[] = [
	{
		...templateLocator,
		description: 'A template of the account (only one not approved can be updated)',
		displayOptions: { show: show('template', 'update', 'get', 'delete') },
	},
];

export function input(this: IExecuteFunctions, itemIndex: number) {
	return {
		templateCode: locatorValue(this.getNodeParameter('templateCode', itemIndex, '', { extractValue: true })),
		...templateInput(this, itemIndex),
	};
}
