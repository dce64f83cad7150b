import type { INodeProperties } from 'n8n-workflow';

/** Template and sign pickers: a searchable list from the account, or a code / name typed by hand. */
export const templateLocator: INodeProperties = {
	displayName: 'Template',
	name: 'templateCode',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'An approved template of the account',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchTemplates', searchable: true },
		},
		{ displayName: 'By Code', name: 'code', type: 'string', placeholder: 'SMS_123456789' },
	],
};

export const signLocator: INodeProperties = {
	displayName: 'Sign Name',
	name: 'signName',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'An approved sign (签名) of the account, shown as 【name】 before the text',
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchSigns', searchable: true } },
		{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'SMSKit' },
	],
};

export const locatorValue = (value: unknown): string => String(value ?? '').trim();
