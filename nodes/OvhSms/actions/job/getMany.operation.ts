import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { limitOf, pagingFields } from '../../../shared/paging';
import { service, serviceField, show } from '../common.descriptions';

const s = show('job', 'getMany');

export const description: INodeProperties[] = [serviceField(s), ...pagingFields(s, 1000)];

export function input(this: IExecuteFunctions, itemIndex: number) {
	return { service: service(this, itemIndex), limit: limitOf(this, itemIndex) };
}
