import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

type Show = Record<string, string[]>;

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
