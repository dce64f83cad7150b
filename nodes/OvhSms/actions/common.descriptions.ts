import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { provider as ovh } from '../../../core/providers/ovh';

export type Show = { resource: string[]; operation: string[] };

export const show = (resource: string, ...operation: string[]): Show => ({ resource: [resource], operation });

/** The SMS account every OVHcloud call is made on: picked from the account's list, or typed by name. */
export const serviceLocator: INodeProperties = {
	displayName: 'Service',
	name: 'service',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The SMS account (service) to use',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchServices', searchable: true },
		},
		{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'sms-ab12345-1' },
	],
};

export const serviceField = (s: Show): INodeProperties => ({ ...serviceLocator, displayOptions: { show: s } });

export const idField = (s: Show, displayName: string): INodeProperties => ({
	displayName,
	name: 'id',
	type: 'number',
	default: 0,
	required: true,
	displayOptions: { show: s },
});

export function service(ctx: IExecuteFunctions, itemIndex: number): string {
	return ctx.getNodeParameter('service', itemIndex, '', { extractValue: true }) as string;
}

/** Empty filter fields are left out rather than sent as empty strings. */
export function filters(ctx: IExecuteFunctions, itemIndex: number, name = 'filters'): Record<string, unknown> {
	const values = ctx.getNodeParameter(name, itemIndex, {}) as Record<string, unknown>;
	return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined && v !== null));
}

/** How action names say the provider. */
export const OVH_NAME = ovh.name;
