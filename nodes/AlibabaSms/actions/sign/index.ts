import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions';
import { ALIBABA_NAME } from '../fields';
import * as create from './create.operation';
import * as del from './delete.operation';
import { signFields } from './fields';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export { create, del as delete, get, getMany, update };

export const description: INodeProperties[] = [
	operationField(
		ALIBABA_NAME,
		'sign',
		[
			{ name: 'Create', value: 'create', action: 'Create a sign', description: 'Submit a new sign name for review' },
			{ name: 'Delete', value: 'delete', action: 'Delete a sign', description: 'Remove a sign from the account' },
			{ name: 'Get', value: 'get', action: 'Get a sign', description: 'Read a sign and its review status' },
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many signs',
				description: 'List the account’s signs with their review status',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a sign',
				description: 'Change a sign that was not approved and submit it again',
			},
		],
		'create',
	),
	...create.description,
	...update.description,
	...signFields,
	...getMany.description,
];
