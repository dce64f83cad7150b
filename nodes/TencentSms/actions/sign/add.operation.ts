import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { signFields, signInput } from './fields';

export const description: INodeProperties[] = [];
export { signFields };

export function input(this: IExecuteFunctions, itemIndex: number) {
	return signInput(this, itemIndex);
}
