import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions';
import { ALIBABA_NAME } from '../fields';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import { templateFields } from './fields';
import * as update from './update.operation';

export { create, del as delete, get, getMany, update };

export const description: INodeProperties[] = [
	operationField(
		ALIBABA_NAME,
		'template',
		[
			{ name: 'Create', value: 'create', action: 'Create a template', description: 'Submit a new template for review' },
			{ name: 'Delete', value: 'delete', action: 'Delete a template', description: 'Remove a template from the account' },
			{ name: 'Get', value: 'get', action: 'Get a template', description: 'Read a template, its text and review status' },
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many templates',
				description: 'List the account’s templates with their review status',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a template',
				description: 'Change a template that was not approved and submit it again',
			},
		],
		'create',
	),
	...update.description,
	...templateFields,
	...getMany.description,
];
