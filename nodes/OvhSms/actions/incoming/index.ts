import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions';
import { OVH_NAME } from '../common.descriptions';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { del as delete, get, getMany };

export const description: INodeProperties[] = [
	operationField(
		OVH_NAME,
		'incoming',
		[
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a received message',
				description: 'Remove an SMS received from a phone from the account',
			},
			{ name: 'Get', value: 'get', action: 'Get a received message', description: 'One SMS received from a phone' },
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many received messages',
				description: 'SMS received from phones, newest first, filtered',
			},
		],
		'getMany',
	),
	...get.description,
	...getMany.description,
	...del.description,
];
