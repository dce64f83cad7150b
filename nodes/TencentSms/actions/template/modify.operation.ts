import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { modifyTemplate } from '../../../../core/providers/tencent';
import { asItems, runTencent } from '../../transport';
import { templateLocator } from '../common.descriptions';
import { show } from '../fields';
import { templateInput } from './fields';

export const description: INodeProperties[] = [
	{
		...templateLocator,
		description: 'Only a template under review or rejected can be modified',
		displayOptions: { show: show('template', 'modify', 'delete') },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const templateId = this.getNodeParameter('templateId', itemIndex, '', { extractValue: true });
	return asItems(await runTencent(this, modifyTemplate, { templateId, ...templateInput(this, itemIndex) }));
}
