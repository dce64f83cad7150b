import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { z } from 'zod';
import type { Operation } from '../../../core/operation';
import { asItems, runTencent, smsSdkAppId } from '../transport';
import { appIdField, paged, pagingFields, show, timeWindowFields } from './fields';

type Pull = Operation<z.ZodType, object[]>;

/** Receipts and replies are read the same two ways: from Tencent's queue, or by number in a time window. */
export function queuePull(resource: string, op: Pull, what: string) {
	const s = show(resource, 'pull');
	const description: INodeProperties[] = [
		appIdField(s),
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 100,
			description: `Max number of results to return. Tencent hands out each of the queued ${what} once.`,
			displayOptions: { show: s },
		},
	];
	async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const appId = await smsSdkAppId(this, this.getNodeParameter('smsSdkAppId', itemIndex, ''));
		return asItems(await runTencent(this, op, { smsSdkAppId: appId, limit: this.getNodeParameter('limit', itemIndex) }));
	}
	return { description, execute };
}

export function byPhonePull(resource: string, op: Pull) {
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
	async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const window = {
			smsSdkAppId: await smsSdkAppId(this, this.getNodeParameter('smsSdkAppId', itemIndex, '')),
			phoneNumber: this.getNodeParameter('phoneNumber', itemIndex),
			beginTime: this.getNodeParameter('beginTime', itemIndex),
			endTime: this.getNodeParameter('endTime', itemIndex, '') || undefined,
		};
		return asItems(await paged(this, itemIndex, 100, (offset, limit) => runTencent(this, op, { ...window, offset, limit })));
	}
	return { description, execute };
}
