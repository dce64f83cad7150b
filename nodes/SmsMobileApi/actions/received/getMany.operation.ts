import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { present, show, unixSeconds } from '../fields';

const s = show('received', 'getMany');

export const description: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: s },
		options: [
			{
				displayName: 'Only Unread',
				name: 'onlyUnread',
				type: 'boolean',
				default: true,
				description: 'Whether to list only unread SMS',
			},
			{ displayName: 'Received After', name: 'after', type: 'dateTime', default: '' },
			{
				displayName: 'Receiving Phone',
				name: 'device',
				type: 'string',
				default: '',
				description: 'The sIdentifiant of the phone (Device → Get Many); empty: every phone',
			},
		],
	},
];

export function input(this: IExecuteFunctions, itemIndex: number) {
	const filters = present(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);
	return { ...filters, after: unixSeconds(filters.after) };
}
