import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { packageStatistics } from '../../../../core/providers/tencent';
import { asItems, runTencent, smsSdkAppId } from '../../transport';
import { paged, pagingFields, show } from '../fields';

export const description: INodeProperties[] = pagingFields(show('statistics', 'packages'), 500);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const window = {
		smsSdkAppId: await smsSdkAppId(this, this.getNodeParameter('smsSdkAppId', itemIndex, '')),
		beginTime: this.getNodeParameter('beginTime', itemIndex),
		endTime: this.getNodeParameter('endTime', itemIndex),
	};
	return asItems(
		await paged(this, itemIndex, 500, (offset, limit) => runTencent(this, packageStatistics, { ...window, offset, limit })),
	);
}
