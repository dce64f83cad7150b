import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
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

export function input(this: IExecuteFunctions, itemIndex: number) {
	return {
		service: service(this, itemIndex),
		name: templateName(this, itemIndex),
		description: this.getNodeParameter('description', itemIndex),
		message: this.getNodeParameter('message', itemIndex),
	};
}
