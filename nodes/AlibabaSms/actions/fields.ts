import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { provider as alibaba } from '../../../core/providers/alibaba';
export { pagingFields } from '../../shared/paging';

/** How action names say the provider. */
export const ALIBABA_NAME = alibaba.name;

/** Alibaba's lists page by number, at most 50 a page. */
export const ALIBABA_PAGE_SIZE = 50;
export const byPageNumber = (index: number, size: number) => ({ pageIndex: index + 1, pageSize: size });

export type Show = Record<string, string[]>;

export const show = (resource: string, ...operation: string[]): Show => ({ resource: [resource], operation });

/** Template Parameters: name/value pairs, or a JSON object (e.g. from an expression). */
export const templateParamsFields = (s: Show): INodeProperties[] => [
	{
		displayName: 'Template Parameters',
		name: 'paramsMode',
		type: 'options',
		default: 'pairs',
		options: [
			{ name: 'Name/Value Pairs', value: 'pairs', description: 'One row per ${variable} of the template' },
			{ name: 'JSON', value: 'json', description: 'A JSON object such as {"code":"1234"}' },
		],
		description: 'How the values for the template’s ${variables} are given',
		displayOptions: { show: s },
	},
	{
		displayName: 'Parameters',
		name: 'templateParams',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: {},
		displayOptions: { show: { ...s, paramsMode: ['pairs'] } },
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'code',
						description: 'The variable’s name, as ${code} in the template',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: '1234' },
				],
			},
		],
	},
	{
		displayName: 'Parameters (JSON)',
		name: 'templateParamsJson',
		type: 'json',
		default: '{}',
		placeholder: '{"code":"1234"}',
		description: 'A JSON object with one value per ${variable} of the template',
		displayOptions: { show: { ...s, paramsMode: ['json'] } },
	},
];

/** The template parameters of one item, as the module takes them (an object, or JSON text it checks). */
export function templateParamsOf(ctx: IExecuteFunctions, itemIndex: number): unknown {
	if (ctx.getNodeParameter('paramsMode', itemIndex, 'pairs') === 'json') {
		return ctx.getNodeParameter('templateParamsJson', itemIndex, '{}');
	}
	const rows = (ctx.getNodeParameter('templateParams', itemIndex, {}) as { parameter?: IDataObject[] }).parameter ?? [];
	const known = paramsOfRows.get(rows);
	if (known) return known;
	const pairs = rows.filter((r) => String(r.name ?? '').trim()).map((r) => [String(r.name).trim(), String(r.value ?? '')]);
	const params = Object.freeze(Object.fromEntries(pairs) as Record<string, string>);
	// Only a frozen list (read once for every item) is known not to change.
	if (Object.isFrozen(rows)) paramsOfRows.set(rows, params);
	return params;
}

/**
 * The same rows (parameters without expressions are read once, so every item has the very same list) give the very
 * same frozen object: items with it are then known to be joinable without comparing it again (core/bulk.ts).
 */
const paramsOfRows = new WeakMap<object, Readonly<Record<string, string>>>();

export function optionalString(options: IDataObject, name: string): string | undefined {
	const value = options[name];
	return value === undefined || value === null || value === '' ? undefined : String(value);
}

export function optionalNumber(options: IDataObject, name: string): number | undefined {
	const value = options[name];
	return value === undefined || value === null || value === '' ? undefined : Number(value);
}
