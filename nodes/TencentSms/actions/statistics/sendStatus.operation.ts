import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { sendStatistics } from '../../../../core/providers/tencent';
import { asItems, runTencent, smsSdkAppId } from '../../transport';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return asItems(
		await runTencent(this, sendStatistics, {
			smsSdkAppId: await smsSdkAppId(this, this.getNodeParameter('smsSdkAppId', itemIndex, '')),
			beginTime: this.getNodeParameter('beginTime', itemIndex),
			endTime: this.getNodeParameter('endTime', itemIndex),
		}),
	);
}
