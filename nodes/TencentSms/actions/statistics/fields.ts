import type { ICredentialDataDecryptedObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { smsSdkAppId } from '../../provider';
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

export function statisticsInput(this: IExecuteFunctions, itemIndex: number, credentials: ICredentialDataDecryptedObject) {
	return {
		smsSdkAppId: smsSdkAppId(this.getNodeParameter('smsSdkAppId', itemIndex, ''), credentials),
		beginTime: this.getNodeParameter('beginTime', itemIndex),
		endTime: this.getNodeParameter('endTime', itemIndex),
	};
}
