import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions';
import { ALIBABA_NAME } from '../fields';
import * as send from './send.operation';
import * as sendBatch from './sendBatch.operation';
import * as sendInternational from './sendInternational.operation';

export { send, sendBatch, sendInternational };

export const description: INodeProperties[] = [
	operationField(
		ALIBABA_NAME,
		'message',
		[
			{
				name: 'Send',
				value: 'send',
				action: 'Send an SMS',
				description: 'Send one template message to one or more numbers (SendSms)',
			},
			{
				name: 'Send Batch',
				value: 'sendBatch',
				action: 'Send SMS in a batch',
				description: 'One recipient per input item, each with its own sign name and parameters (SendBatchSms)',
			},
			{
				name: 'Send International',
				value: 'sendInternational',
				action: 'Send an international SMS',
				description: 'Send free text to numbers outside mainland China (SendMessageToGlobe)',
			},
		],
		'send',
	),
	...send.description,
	...sendBatch.description,
	...sendInternational.description,
];
