import type { INodeProperties } from 'n8n-workflow';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { cancel, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['job'] } },
		options: [
			{ name: 'Cancel', value: 'cancel', action: 'Cancel a pending job', description: 'Stop a message that is not sent yet' },
			{ name: 'Get', value: 'get', action: 'Get a pending job' },
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many pending jobs',
				description: 'Messages not sent yet (e.g. deferred)',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
	...cancel.description,
];
