import type { ICredentialDataDecryptedObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { pagingFields } from '../../shared/paging';
import type { N8nOperation } from '../../shared/run';
import { smsSdkAppId } from '../provider';
import { appIdField, show, timeWindowFields } from './fields';

/** Receipts and replies are read the same two ways: from Tencent's queue, or by number in a time window. */
export function queuePull(resource: string, what: string): N8nOperation {
	const s = show(resource, 'pull');
	const description: INodeProperties[] = [
		appIdField(s),
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 50,
			description: 'Max number of results to return',
			hint: `Tencent hands out each of the queued ${what} once.`,
			displayOptions: { show: s },
		},
	];
	function input(this: IExecuteFunctions, itemIndex: number, credentials: ICredentialDataDecryptedObject) {
		return {
			smsSdkAppId: smsSdkAppId(this.getNodeParameter('smsSdkAppId', itemIndex, ''), credentials),
			limit: this.getNodeParameter('limit', itemIndex),
		};
	}
	return { description, input };
}

export function byPhonePull(resource: string): N8nOperation {
	const s = show(resource, 'pullByPhoneNumber');
	const description: INodeProperties[] = [
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			default: '',
			required: true,
			placeholder: '+8613800000000',
			displayOptions: { show: s },
		},
		...timeWindowFields(s),
		appIdField(s),
		...pagingFields(s, 100),
	];
	function input(this: IExecuteFunctions, itemIndex: number, credentials: ICredentialDataDecryptedObject) {
		return {
			smsSdkAppId: smsSdkAppId(this.getNodeParameter('smsSdkAppId', itemIndex, ''), credentials),
			phoneNumber: this.getNodeParameter('phoneNumber', itemIndex),
			beginTime: this.getNodeParameter('beginTime', itemIndex),
			endTime: this.getNodeParameter('endTime', itemIndex, '') || undefined,
		};
	}
	return { description, input, pageSize: 100 };
}
