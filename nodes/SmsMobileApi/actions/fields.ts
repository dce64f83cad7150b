import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export type Show = { resource: string[]; operation: string[] };

export const show = (resource: string, ...operation: string[]): Show => ({ resource: [resource], operation });

/** A connected phone: picked from Device → Get Many, or its sIdentifiant typed. */
export const deviceLocator: INodeProperties = {
	displayName: 'Sending Phone',
	name: 'device',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: 'The connected phone that sends; empty: the first available',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchDevices', searchable: true },
		},
		{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'sIdentifiant of the phone' },
	],
};

export function device(ctx: IExecuteFunctions, itemIndex: number, name = 'device'): string | undefined {
	const value = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true });
	return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Empty fields are left out rather than sent as empty strings. */
export function present(values: IDataObject): Record<string, unknown> {
	return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined && v !== null));
}

/** Seconds since the epoch of an n8n date field, or undefined when empty. */
export function unixSeconds(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const ms = Date.parse(String(value));
	return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}
