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
		'sign',
		[
			{ name: 'Add', value: 'add', action: 'Add a signature', description: 'Submit a new signature (sender name) for review' },
			{ name: 'Delete', value: 'delete', action: 'Delete a signature', description: 'Remove a signature from the account' },
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many signatures',
				description: 'List signatures with their review status',
			},
			{
				name: 'Modify',
				value: 'modify',
				action: 'Modify a signature',
				description: 'Change a signature under review or rejected',
			},
		],
		'getMany',
	),
	...modify.description,
	...add.signFields,
	...getMany.description,
];
