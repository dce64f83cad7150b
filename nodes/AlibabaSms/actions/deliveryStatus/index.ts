import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions';
import { ALIBABA_NAME } from '../fields';
import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	operationField(
		ALIBABA_NAME,
		'deliveryStatus',
		[
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many delivery statuses',
				description: 'What happened to the messages sent to one number on one day (QuerySendDetails)',
			},
		],
		'getMany',
	),
	...getMany.description,
];
