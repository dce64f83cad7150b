import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions';
import { TENCENT_NAME } from '../fields';
import * as callbackStatus from './callbackStatus.operation';
import { statisticsFields } from './fields';
import * as packages from './packages.operation';
import * as sendStatus from './sendStatus.operation';

export { callbackStatus, packages, sendStatus };

export const description: INodeProperties[] = [
	operationField(
		TENCENT_NAME,
		'statistics',
		[
			{
				name: 'Callback Status',
				value: 'callbackStatus',
				action: 'Get callback status statistics',
				description: 'Receipts by outcome over a period',
			},
			{
				name: 'Packages',
				value: 'packages',
				action: 'Get SMS package statistics',
				description: 'Packages created in a period and their use',
			},
			{
				name: 'Send Status',
				value: 'sendStatus',
				action: 'Get send status statistics',
				description: 'Requests and billed segments over a period',
			},
		],
		'sendStatus',
	),
	...statisticsFields,
	...packages.description,
];
