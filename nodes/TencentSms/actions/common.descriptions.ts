import type { INodeProperties } from 'n8n-workflow';

/** Template and sign pickers: a searchable list from the account, or an ID / text typed by hand. */
export const templateLocator: INodeProperties = {
	displayName: 'Template',
	name: 'templateId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchTemplates', searchable: true },
		},
		{ displayName: 'By ID', name: 'id', type: 'string', placeholder: '1110' },
	],
};

export const signLocator: INodeProperties = {
	displayName: 'Signature',
	name: 'signName',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: 'The approved signature text (required for mainland China numbers)',
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchSigns', searchable: true } },
		{ displayName: 'By Text', name: 'name', type: 'string', placeholder: 'MyCompany' },
	],
};

export const signIdLocator: INodeProperties = {
	displayName: 'Signature',
	name: 'signId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchSignIds', searchable: true },
		},
		{ displayName: 'By ID', name: 'id', type: 'string', placeholder: '3078' },
	],
};
