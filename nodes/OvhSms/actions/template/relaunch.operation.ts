import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { relaunchTemplate } from '../../../../core/providers/ovh';
import { asItems, runOvh } from '../../transport';
import { service, show } from '../common.descriptions';
import { templateName } from './fields';

export const description: INodeProperties[] = [
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		required: true,
		description: 'What changed, for the moderators',
		displayOptions: { show: show('template', 'relaunch') },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return asItems(
		await runOvh(this, relaunchTemplate, {
			service: service(this, itemIndex),
			name: templateName(this, itemIndex),
			description: this.getNodeParameter('description', itemIndex),
			message: this.getNodeParameter('message', itemIndex),
		}),
	);
}
