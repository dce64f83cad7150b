import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** The template field is shared with Modify (see modify.operation.ts). */
export const description: INodeProperties[] = [];

export function input(this: IExecuteFunctions, itemIndex: number) {
	return { templateId: this.getNodeParameter('templateId', itemIndex, '', { extractValue: true }) };
}
