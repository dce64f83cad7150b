import type { INodeProperties } from 'n8n-workflow';
import { appIdField, show } from '../fields';

const s = show('statistics', 'sendStatus', 'callbackStatus', 'packages');

export const statisticsFields: INodeProperties[] = [
	{
		displayName: 'Begin Time',
		name: 'beginTime',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Start hour (Beijing time)',
		displayOptions: { show: s },
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'End hour (Beijing time)',
		displayOptions: { show: s },
	},
	appIdField(s),
];
