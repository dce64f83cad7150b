import type { INodeProperties } from 'n8n-workflow';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { del as delete, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['incoming'] } },
		options: [
			{ name: 'Delete', value: 'delete', action: 'Delete a received message' },
			{ name: 'Get', value: 'get', action: 'Get a received message' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many received messages' },
		],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
	...del.description,
];
