import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions';
import { TENCENT_NAME } from '../fields';
import * as add from './add.operation';
import * as del from './delete.operation';
import * as getMany from './getMany.operation';
import * as modify from './modify.operation';

export { add, del as delete, getMany, modify };

export const description: INodeProperties[] = [
	operationField(
		TENCENT_NAME,
		'template',
		[
			{ name: 'Add', value: 'add', action: 'Add a template', description: 'Submit a new template for review' },
			{ name: 'Delete', value: 'delete', action: 'Delete a template', description: 'Remove a template from the account' },
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many templates',
				description: 'List templates with their review status',
			},
			{ name: 'Modify', value: 'modify', action: 'Modify a template', description: 'Change a template under review or rejected' },
		],
		'add',
	),
	...modify.description,
	...add.templateFields,
	...getMany.description,
];
