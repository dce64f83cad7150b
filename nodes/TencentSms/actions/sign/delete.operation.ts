import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** The signature field is shared with Modify (see modify.operation.ts). */
export const description: INodeProperties[] = [];

export function input(this: IExecuteFunctions, itemIndex: number) {
	return { signId: this.getNodeParameter('signId', itemIndex, '', { extractValue: true }) };
}
