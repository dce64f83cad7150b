import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { listSigns } from '../../../../core/providers/tencent';
import { asItems, runTencent } from '../../transport';
import { internationalField, paged, pagingFields, show } from '../fields';

const s = show('sign', 'getMany');

export const description: INodeProperties[] = [internationalField(s), ...pagingFields(s, 100)];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const international = this.getNodeParameter('international', itemIndex);
	return asItems(
		await paged(this, itemIndex, 100, (offset, limit) => runTencent(this, listSigns, { international, offset, limit })),
	);
}
