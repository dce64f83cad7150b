import type { INodeProperties } from 'n8n-workflow';
import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sender'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many senders',
				description: 'Senders of the account with their validation status',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
