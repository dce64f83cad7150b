import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { limitOf, pagingFields } from '../../../shared/paging';
import { filters, service, serviceField, show } from '../common.descriptions';

const s = show('incoming', 'getMany');

export const description: INodeProperties[] = [
	serviceField(s),
	...pagingFields(s, 1000),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: s },
		options: [
			{ displayName: 'Received After', name: 'from', type: 'dateTime', default: '' },
			{ displayName: 'Received Before', name: 'to', type: 'dateTime', default: '' },
			{ displayName: 'Sender', name: 'sender', type: 'string', default: '', placeholder: '+33601020304' },
			{ displayName: 'Tag', name: 'tag', type: 'string', default: '' },
		],
	},
];

export function input(this: IExecuteFunctions, itemIndex: number) {
	return { service: service(this, itemIndex), limit: limitOf(this, itemIndex), ...filters(this, itemIndex) };
}
