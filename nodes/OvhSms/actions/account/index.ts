import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions';
import { OVH_NAME } from '../common.descriptions';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { get, getMany };

export const description: INodeProperties[] = [
	operationField(
		OVH_NAME,
		'account',
		[
			{ name: 'Get', value: 'get', action: 'Get an SMS account', description: 'Credits left and settings of one SMS account' },
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many SMS accounts',
				description: 'List the SMS accounts (services) the credential can use',
			},
		],
		'getMany',
	),
	...get.description,
	...getMany.description,
];
