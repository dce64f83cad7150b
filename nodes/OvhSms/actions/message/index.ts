import type { INodeProperties } from 'n8n-workflow';
import * as estimate from './estimate.operation';
import * as send from './send.operation';

export { estimate, send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Estimate',
				value: 'estimate',
				action: 'Estimate an SMS',
				description: 'Character class and number of parts OVHcloud will bill',
			},
			{
				name: 'Send',
				value: 'send',
				action: 'Send an SMS',
				description: 'Send a message to one or more receivers',
			},
		],
		default: 'send',
	},
	...send.description,
	...estimate.description,
];
