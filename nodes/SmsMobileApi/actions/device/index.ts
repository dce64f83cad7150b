import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions';
import { SMSMOBILEAPI_NAME } from '../../provider';
import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	operationField(
		SMSMOBILEAPI_NAME,
		'device',
		[
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many phones',
				description: 'The phones connected to the account, with the sIdentifiant that picks the sending phone',
			},
		],
		'getMany',
	),
	...getMany.description,
];
