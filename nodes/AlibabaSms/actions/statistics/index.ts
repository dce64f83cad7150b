import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions';
import { ALIBABA_NAME } from '../fields';
import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	operationField(
		ALIBABA_NAME,
		'statistics',
		[
			{
				name: 'Get',
				value: 'get',
				action: 'Get sending statistics',
				description: 'Messages sent, delivered, failed and awaiting a receipt, per day (QuerySendStatistics)',
			},
		],
		'get',
	),
	...get.description,
];
