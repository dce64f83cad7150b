import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { templateInput } from './fields';

/** The template fields are shared with Update (see fields.ts). */
export const description: INodeProperties[] = [];

export function input(this: IExecuteFunctions, itemIndex: number) {
	return templateInput(this, itemIndex);
}
