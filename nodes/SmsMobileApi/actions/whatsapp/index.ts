import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions';
import { SMSMOBILEAPI_NAME } from '../../provider';
import * as checkNumber from './checkNumber.operation';

export { checkNumber };

export const description: INodeProperties[] = [
	operationField(
		SMSMOBILEAPI_NAME,
		'whatsapp',
		[
			{
				name: 'Check Number',
				value: 'checkNumber',
				action: 'Check a WhatsApp number',
				description: 'Whether a phone number has WhatsApp',
			},
		],
		'checkNumber',
	),
	...checkNumber.description,
];
