import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { locatorValue, signLocator } from '../common.descriptions';
import { show } from '../fields';
import { signInput } from './fields';

/** The sign picked here is shared with Get and Delete. */
export const description: INodeProperties[] = [
	{
		...signLocator,
		description: 'A sign of the account (only one not approved can be updated)',
		displayOptions: { show: show('sign', 'update', 'get', 'delete') },
	},
];

export function input(this: IExecuteFunctions, itemIndex: number) {
	return {
		signName: locatorValue(this.getNodeParameter('signName', itemIndex, '', { extractValue: true })),
		...signInput(this, itemIndex),
	};
}
