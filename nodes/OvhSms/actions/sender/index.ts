import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions';
import { OVH_NAME } from '../common.descriptions';
import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	operationField(
		OVH_NAME,
		'sender',
		[
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many senders',
				description: 'Senders of the account with their validation status',
			},
		],
		'getMany',
	),
	...getMany.description,
];
