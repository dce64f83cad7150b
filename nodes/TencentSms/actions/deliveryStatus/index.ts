import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions';
import { TENCENT_NAME } from '../fields';
import * as pull from './pull.operation';
import * as pullByPhoneNumber from './pullByPhoneNumber.operation';

export { pull, pullByPhoneNumber };

export const description: INodeProperties[] = [
	operationField(
		TENCENT_NAME,
		'deliveryStatus',
		[
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
		'pull',
	),
	...pull.description,
	...pullByPhoneNumber.description,
];
