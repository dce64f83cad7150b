import type { INodeProperties } from 'n8n-workflow';
import { serviceField, show } from '../common.descriptions';
import * as add from './add.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import { messageField, nameField } from './fields';
import * as relaunch from './relaunch.operation';

export { add, del as delete, get, getMany, relaunch };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['template'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				action: 'Add a template',
				description: 'Submit a template for moderation (needed for US traffic)',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete a template' },
			{ name: 'Get', value: 'get', action: 'Get a template', description: 'A template with its validation status' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many templates' },
			{
				name: 'Relaunch Validation',
				value: 'relaunch',
				action: 'Relaunch validation of a template',
				description: 'Submit a changed template again',
			},
		],
		default: 'getMany',
	},
	serviceField(show('template', 'add', 'delete', 'get', 'getMany', 'relaunch')),
	nameField('add', 'delete', 'get', 'relaunch'),
	messageField('add', 'relaunch'),
	...add.description,
	...relaunch.description,
	...getMany.description,
];
