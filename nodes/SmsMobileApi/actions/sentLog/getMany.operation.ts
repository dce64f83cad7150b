import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { present, show, unixSeconds } from '../fields';

const s = show('sentLog', 'getMany');

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
				displayName: 'API Errors',
				name: 'apiErrors',
				type: 'boolean',
				default: true,
				description: 'Whether to list only messages the API refused (on), or only those it accepted (off)',
			},
			{
				displayName: 'Before',
				name: 'before',
				type: 'dateTime',
				default: '',
				description: 'Only messages sent before this time',
			},
			{ displayName: 'Keyword', name: 'keyword', type: 'string', default: '', description: 'In the text or the number' },
			{ displayName: 'Message GUID', name: 'guid', type: 'string', default: '' },
			{
				displayName: 'Phone Errors',
				name: 'mobileErrors',
				type: 'boolean',
				default: true,
				description: 'Whether to list only messages the phone failed to send (on), or only the others (off)',
			},
		],
	},
];

export function input(this: IExecuteFunctions, itemIndex: number) {
	const filters = present(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);
	return { ...filters, before: unixSeconds(filters.before) };
}
