import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

type Show = { resource: string[]; operation: string[] };

export const show = (resource: string, ...operation: string[]): Show => ({ resource: [resource], operation });

export const appIdField = (s: Show): INodeProperties => ({
	displayName: 'SmsSdkAppId',
	name: 'smsSdkAppId',
	type: 'string',
	default: '',
	placeholder: '1400000000',
	description: "The SMS application's SDK AppID; leave empty to use the credential's default",
	displayOptions: { show: s },
});

/** Return All + Limit, written once for every list operation. */
export const pagingFields = (s: Show, max: number): INodeProperties[] => [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show: s },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: max },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...s, returnAll: [false] } },
	},
];

/** Pages through a list with Offset/Limit until a short page; without Return All, one page of `limit`. */
export async function paged<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	max: number,
	page: (offset: number, limit: number) => Promise<T[]>,
): Promise<T[]> {
	if (!ctx.getNodeParameter('returnAll', itemIndex, false)) {
		return page(0, ctx.getNodeParameter('limit', itemIndex, 50) as number);
	}
	const all: T[] = [];
	for (let offset = 0; ; offset += max) {
		const results = await page(offset, max);
		all.push(...results);
		if (results.length < max) return all;
	}
}

export const internationalField = (s: Show): INodeProperties => ({
	displayName: 'International',
	name: 'international',
	type: 'boolean',
	default: false,
	description: 'Whether this is for international (outside mainland China) SMS',
	displayOptions: { show: s },
});

export const timeWindowFields = (s: Show): INodeProperties[] => [
	{
		displayName: 'Begin Time',
		name: 'beginTime',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Start of the window (at most 7 days back)',
		displayOptions: { show: s },
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		default: '',
		description: 'End of the window; now when empty',
		displayOptions: { show: s },
	},
];

export function optionalString(options: IDataObject, name: string): string | undefined {
	const value = options[name];
	return value === undefined || value === '' ? undefined : String(value);
}
