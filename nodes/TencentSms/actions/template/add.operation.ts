import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { addTemplate } from '../../../../core/providers/tencent';
import { asItems, runTencent } from '../../transport';
import { templateFields, templateInput } from './fields';

export const description: INodeProperties[] = [];
export { templateFields };

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return asItems(await runTencent(this, addTemplate, templateInput(this, itemIndex)));
}
