import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ALIBABA_PAGE_SIZE, byPageNumber, optionalNumber, optionalString, pagingFields, show } from '../fields';

const s = show('statistics', 'get');

export const description: INodeProperties[] = [
	{
		displayName: 'International',
		name: 'international',
		type: 'boolean',
		default: false,
		description: 'Whether to count messages to numbers outside mainland China instead of domestic ones',
		displayOptions: { show: s },
	},
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'First day counted (China time)',
		displayOptions: { show: s },
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Last day counted (China time)',
		displayOptions: { show: s },
	},
	...pagingFields(s, ALIBABA_PAGE_SIZE),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: s },
		options: [
			{ displayName: 'Sign Name', name: 'signName', type: 'string', default: '', description: 'Only this sign’s messages' },
			{
				displayName: 'Template Type',
				name: 'templateType',
				type: 'options',
				default: 1,
				options: [
					{ name: 'Verification Code', value: 0 },
					{ name: 'Notification', value: 1 },
					{ name: 'Marketing', value: 2 },
					{ name: 'International', value: 3 },
				],
			},
		],
	},
];

export function input(this: IExecuteFunctions, itemIndex: number) {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return {
		international: this.getNodeParameter('international', itemIndex, false),
		startDate: this.getNodeParameter('startDate', itemIndex),
		endDate: this.getNodeParameter('endDate', itemIndex),
		signName: optionalString(filters, 'signName'),
		templateType: optionalNumber(filters, 'templateType'),
	};
}

/** One row per day, read by page number. */
export const pageSize = ALIBABA_PAGE_SIZE;
export const page = byPageNumber;
