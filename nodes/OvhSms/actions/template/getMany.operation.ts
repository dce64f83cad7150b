import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { limitOf, pagingFields } from '../../../shared/paging';
import { service, show } from '../common.descriptions';

export const description: INodeProperties[] = pagingFields(show('template', 'getMany'), 1000);

export function input(this: IExecuteFunctions, itemIndex: number) {
	return { service: service(this, itemIndex), limit: limitOf(this, itemIndex) };
}
