import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get an SMS account', description: 'Credits left and settings of one SMS account' },
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many SMS accounts',
				description: 'List the SMS accounts (services) the credential can use',
			},
		],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
];
