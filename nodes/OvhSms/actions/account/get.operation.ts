import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { service, serviceField, show } from '../common.descriptions';

export const description: INodeProperties[] = [serviceField(show('account', 'get'))];

export function input(this: IExecuteFunctions, itemIndex: number) {
	return { service: service(this, itemIndex) };
}
