import type { INodeProperties } from 'n8n-workflow';

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
