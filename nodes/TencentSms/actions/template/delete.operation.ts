import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { deleteTemplate } from '../../../../core/providers/tencent';
import { asItems, runTencent } from '../../transport';

/** The template field is shared with Modify (see modify.operation.ts). */
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const templateId = this.getNodeParameter('templateId', itemIndex, '', { extractValue: true });
	return asItems(await runTencent(this, deleteTemplate, { templateId }));
}
