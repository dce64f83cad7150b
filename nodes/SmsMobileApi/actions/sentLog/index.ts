import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions';
import { SMSMOBILEAPI_NAME } from '../../provider';
import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	operationField(
		SMSMOBILEAPI_NAME,
		'sentLog',
		[
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many sent messages',
				description: 'Messages sent through the API, newest first, with their status: pending, sent or failed',
			},
		],
		'getMany',
	),
	...getMany.description,
];
