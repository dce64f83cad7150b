import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions';
import { OVH_NAME } from '../common.descriptions';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as hlr from './hlr.operation';

export { get, getMany, hlr };

export const description: INodeProperties[] = [
	operationField(
		OVH_NAME,
		'outgoing',
		[
			{ name: 'Get', value: 'get', action: 'Get a sent message', description: 'One sent message with its delivery status' },
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many sent messages',
				description: 'Sent messages with their delivery status, newest first, filtered',
			},
			{
				name: 'HLR',
				value: 'hlr',
				action: 'Get the operator of a sent message',
				description: "The receiver's network (HLR lookup)",
			},
		],
		'getMany',
	),
	...get.description,
	...getMany.description,
	...hlr.description,
];
