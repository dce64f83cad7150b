import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { provider as tencent } from '../../../core/providers/tencent';
export { pagingFields } from '../../shared/paging';

/** How action names say the provider. */
export const TENCENT_NAME = tencent.name;

export type Show = { resource: string[]; operation: string[] };

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
