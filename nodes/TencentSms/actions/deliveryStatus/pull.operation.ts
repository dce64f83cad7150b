import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { pullSendStatus } from '../../../../core/providers/tencent';
import { asItems, runTencent, smsSdkAppId } from '../../transport';
import { appIdField, show } from '../fields';

const s = show('deliveryStatus', 'pull');

export const description: INodeProperties[] = [
	appIdField(s),
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 100,
		description: 'Max number of results to return. Tencent hands out each of the queued delivery receipts once.',
		displayOptions: { show: s },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const appId = await smsSdkAppId(this, this.getNodeParameter('smsSdkAppId', itemIndex, ''));
	return asItems(
		await runTencent(this, pullSendStatus, { smsSdkAppId: appId, limit: this.getNodeParameter('limit', itemIndex) }),
	);
}
