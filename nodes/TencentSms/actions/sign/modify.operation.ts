import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { modifySign } from '../../../../core/providers/tencent';
import { asItems, runTencent } from '../../transport';
import { signIdLocator } from '../common.descriptions';
import { show } from '../fields';
import { signInput } from './fields';

export const description: INodeProperties[] = [
	{
		...signIdLocator,
		description: 'Only a signature under review or rejected can be modified',
		displayOptions: { show: show('sign', 'modify', 'delete') },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const signId = this.getNodeParameter('signId', itemIndex, '', { extractValue: true });
	return asItems(await runTencent(this, modifySign, { signId, ...signInput(this, itemIndex) }));
}
