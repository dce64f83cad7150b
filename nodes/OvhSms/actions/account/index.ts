import type { INodeProperties } from 'n8n-workflow';
import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many SMS services',
				description: 'List the SMS services (accounts) the credential can use',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
