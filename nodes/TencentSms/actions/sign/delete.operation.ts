import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { deleteSign } from '../../../../core/providers/tencent';
import { asItems, runTencent } from '../../transport';

/** The signature field is shared with Modify (see modify.operation.ts). */
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const signId = this.getNodeParameter('signId', itemIndex, '', { extractValue: true });
	return asItems(await runTencent(this, deleteSign, { signId }));
}
