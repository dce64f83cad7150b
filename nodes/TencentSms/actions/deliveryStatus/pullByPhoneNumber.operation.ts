import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { pullSendStatusByPhone } from '../../../../core/providers/tencent';
import { asItems, runTencent, smsSdkAppId } from '../../transport';
import { appIdField, paged, pagingFields, show, timeWindowFields } from '../fields';

const s = show('deliveryStatus', 'pullByPhoneNumber');

export const description: INodeProperties[] = [
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

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const appId = await smsSdkAppId(this, this.getNodeParameter('smsSdkAppId', itemIndex, ''));
	const window = {
		smsSdkAppId: appId,
		phoneNumber: this.getNodeParameter('phoneNumber', itemIndex),
		beginTime: this.getNodeParameter('beginTime', itemIndex),
		endTime: this.getNodeParameter('endTime', itemIndex, '') || undefined,
	};
	return asItems(
		await paged(this, itemIndex, 100, (offset, limit) => runTencent(this, pullSendStatusByPhone, { ...window, offset, limit })),
	);
}
