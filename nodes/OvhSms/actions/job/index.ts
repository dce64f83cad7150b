import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions';
import { OVH_NAME } from '../common.descriptions';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { cancel, get, getMany };

export const description: INodeProperties[] = [
	operationField(
		OVH_NAME,
		'job',
		[
			{ name: 'Cancel', value: 'cancel', action: 'Cancel a pending job', description: 'Stop a message that is not sent yet' },
			{ name: 'Get', value: 'get', action: 'Get a pending job', description: 'One message not sent yet' },
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many pending jobs',
				description: 'Messages not sent yet (e.g. deferred)',
			},
		],
		'getMany',
	),
	...getMany.description,
	...get.description,
	...cancel.description,
];
