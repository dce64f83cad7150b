import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions';
import { OVH_NAME, serviceField, show } from '../common.descriptions';
import * as add from './add.operation';
import * as del from './delete.operation';
import { messageField, nameField } from './fields';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as relaunch from './relaunch.operation';

export { add, del as delete, get, getMany, relaunch };

export const description: INodeProperties[] = [
	operationField(
		OVH_NAME,
		'template',
		[
			{
				name: 'Add',
				value: 'add',
				action: 'Add a template',
				description: 'Submit a template for moderation (needed for US traffic)',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete a template', description: 'Remove a template from the account' },
			{ name: 'Get', value: 'get', action: 'Get a template', description: 'A template with its validation status' },
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many templates',
				description: 'Templates of the account with their validation status',
			},
			{
				name: 'Relaunch Validation',
				value: 'relaunch',
				action: 'Relaunch validation of a template',
				description: 'Submit a changed template again',
			},
		],
		'getMany',
	),
	serviceField(show('template', 'add', 'delete', 'get', 'getMany', 'relaunch')),
	nameField('add', 'delete', 'get', 'relaunch'),
	messageField('add', 'relaunch'),
	...add.description,
	...relaunch.description,
	...getMany.description,
];
