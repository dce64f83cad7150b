import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { addSign } from '../../../../core/providers/tencent';
import { asItems, runTencent } from '../../transport';
import { signFields, signInput } from './fields';

export const description: INodeProperties[] = [];
export { signFields };

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return asItems(await runTencent(this, addSign, signInput(this, itemIndex)));
}
