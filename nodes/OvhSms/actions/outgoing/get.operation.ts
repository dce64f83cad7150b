import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { idField, service, serviceField, show } from '../common.descriptions';

const s = show('outgoing', 'get');

export const description: INodeProperties[] = [serviceField(s), idField(s, 'Message ID')];

export function input(this: IExecuteFunctions, itemIndex: number) {
	return { service: service(this, itemIndex), id: this.getNodeParameter('id', itemIndex) };
}
