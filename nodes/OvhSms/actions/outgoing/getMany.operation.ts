import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { limitOf, pagingFields } from '../../../shared/paging';
import { filters, service, serviceField, show } from '../common.descriptions';

const s = show('outgoing', 'getMany');

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
			{ displayName: 'Created After', name: 'from', type: 'dateTime', default: '' },
			{ displayName: 'Created Before', name: 'to', type: 'dateTime', default: '' },
			{
				displayName: 'Delivery Receipt',
				name: 'deliveryReceipt',
				type: 'options',
				default: 1,
				options: [
					{ name: 'Pending (0)', value: 0 },
					{ name: 'Delivered (1)', value: 1 },
					{ name: 'Failed (2)', value: 2 },
					{ name: 'Waiting (4)', value: 4 },
					{ name: 'Buffered (8)', value: 8 },
					{ name: 'Error, Not Billed (16)', value: 16 },
				],
			},
			{ displayName: 'Receiver', name: 'receiver', type: 'string', default: '', placeholder: '+33601020304' },
			{ displayName: 'Sender', name: 'sender', type: 'string', default: '' },
			{ displayName: 'Tag', name: 'tag', type: 'string', default: '' },
		],
	},
];

export function input(this: IExecuteFunctions, itemIndex: number) {
	return { service: service(this, itemIndex), limit: limitOf(this, itemIndex), ...filters(this, itemIndex) };
}
