import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { service } from '../common.descriptions';
import { templateName } from './fields';

export const description: INodeProperties[] = [];

export function input(this: IExecuteFunctions, itemIndex: number) {
	return { service: service(this, itemIndex), name: templateName(this, itemIndex) };
}
