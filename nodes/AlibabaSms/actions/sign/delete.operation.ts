import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { locatorValue } from '../common.descriptions';

/** The sign field is shared with Update (see update.operation.ts). */
export const description: INodeProperties[] = [];

export function input(this: IExecuteFunctions, itemIndex: number) {
	return { signName: locatorValue(this.getNodeParameter('signName', itemIndex, '', { extractValue: true })) };
}
