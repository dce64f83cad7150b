import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { OVH_TEMPLATE_ACTIVITIES } from '../../../../core/providers/ovh';
import { filters, service, show } from '../common.descriptions';
import { templateName } from './fields';

const s = show('template', 'add');

export const description: INodeProperties[] = [
	{
		displayName: 'Activity',
		name: 'activity',
		type: 'options',
		default: 'transactional',
		options: OVH_TEMPLATE_ACTIVITIES.map((value) => ({
			name: value === 'authentification' ? 'Authentication' : value[0].toUpperCase() + value.slice(1),
			value,
		})),
		displayOptions: { show: s },
	},
	{
		displayName: 'Options',
		name: 'templateOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: s },
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{ displayName: 'Reason', name: 'reason', type: 'string', default: '', description: 'A note for the moderators' },
		],
	},
];

export function input(this: IExecuteFunctions, itemIndex: number) {
	return {
		service: service(this, itemIndex),
		name: templateName(this, itemIndex),
		activity: this.getNodeParameter('activity', itemIndex),
		message: this.getNodeParameter('message', itemIndex),
		...filters(this, itemIndex, 'templateOptions'),
	};
}
