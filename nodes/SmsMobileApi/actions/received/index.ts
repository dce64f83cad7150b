import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions';
import { SMSMOBILEAPI_NAME } from '../../provider';
import * as del from './delete.operation';
import * as getMany from './getMany.operation';

export { del as delete, getMany };

export const description: INodeProperties[] = [
	operationField(
		SMSMOBILEAPI_NAME,
		'received',
		[
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete received messages',
				description:
					'Remove received SMS from the SMSMobileAPI server log (not from the phone); UNVERIFIED: the address of this call is guessed',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many received messages',
				description: 'SMS received on your phone, filtered',
			},
		],
		'getMany',
	),
	...getMany.description,
	...del.description,
];
