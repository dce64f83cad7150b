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

/** The Limit of a list that reads everything in one go (no offset): undefined with Return All. */
export function limitOf(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	return ctx.getNodeParameter('returnAll', itemIndex, false)
		? undefined
		: (ctx.getNodeParameter('limit', itemIndex, 50) as number);
}
