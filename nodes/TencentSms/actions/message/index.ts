import type { INodeProperties } from 'n8n-workflow';
import * as send from './send.operation';

export { send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{ name: 'Send', value: 'send', action: 'Send an SMS', description: 'Send a template message to one or more numbers' },
		],
		default: 'send',
	},
	...send.description,
];
