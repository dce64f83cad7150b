import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions';
import { TENCENT_NAME } from '../fields';
import * as send from './send.operation';

export { send };

export const description: INodeProperties[] = [
	operationField(
		TENCENT_NAME,
		'message',
		[
			{
				name: 'Send',
				value: 'send',
				action: 'Send an SMS',
				description: 'Send a template message to one or more numbers',
			},
		],
		'send',
	),
	...send.description,
];
