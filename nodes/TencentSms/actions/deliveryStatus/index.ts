import type { INodeProperties } from 'n8n-workflow';
import * as pull from './pull.operation';
import * as pullByPhoneNumber from './pullByPhoneNumber.operation';

export { pull, pullByPhoneNumber };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['deliveryStatus'] } },
		options: [
			{
				name: 'Pull',
				value: 'pull',
				action: 'Pull queued delivery receipts',
				description: 'Take the delivery receipts waiting in the queue (each is returned once)',
			},
			{
				name: 'Pull by Phone Number',
				value: 'pullByPhoneNumber',
				action: 'Pull delivery receipts by phone number',
				description: 'Read the delivery receipts of one number in a time window',
			},
		],
		default: 'pull',
	},
	...pull.description,
	...pullByPhoneNumber.description,
];
