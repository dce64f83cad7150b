import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { templateFields, templateInput } from './fields';

export const description: INodeProperties[] = [];
export { templateFields };

export function input(this: IExecuteFunctions, itemIndex: number) {
	return templateInput(this, itemIndex);
}
