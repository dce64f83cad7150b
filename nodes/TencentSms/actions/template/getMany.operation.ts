import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { internationalField, pagingFields, show } from '../fields';

const s = show('template', 'getMany');

export const description: INodeProperties[] = [internationalField(s), ...pagingFields(s, 100)];

export function input(this: IExecuteFunctions, itemIndex: number) {
	return { international: this.getNodeParameter('international', itemIndex) };
}

export const pageSize = 100;
