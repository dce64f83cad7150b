import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { locatorValue } from '../common.descriptions';

/** The template field is shared with Update (see update.operation.ts). */
export const description: INodeProperties[] = [];

export function input(this: IExecuteFunctions, itemIndex: number) {
	return { templateCode: locatorValue(this.getNodeParameter('templateCode', itemIndex, '', { extractValue: true })) };
}
