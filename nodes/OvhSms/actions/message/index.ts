import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions';
import { OVH_NAME } from '../common.descriptions';
import * as estimate from './estimate.operation';
import * as send from './send.operation';

export { estimate, send };

export const description: INodeProperties[] = [
	operationField(
		OVH_NAME,
		'message',
		[
			{
				name: 'Estimate',
				value: 'estimate',
				action: 'Estimate an SMS',
				description: 'Character class and number of parts OVHcloud will bill',
			},
			{ name: 'Send', value: 'send', action: 'Send an SMS', description: 'Send a message to one or more receivers' },
		],
		'send',
	),
	...send.description,
	...estimate.description,
];
