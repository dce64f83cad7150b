import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { getIncoming, listIncomingIds } from '../../../../core/providers/ovh';
import { pagingFields } from '../../../shared/paging';
import { asItems, detailsOf, runOvh } from '../../transport';
import { filters, limitOf, service, serviceField, show } from '../common.descriptions';

const s = show('incoming', 'getMany');

export const description: INodeProperties[] = [
	serviceField(s),
	...pagingFields(s, 1000),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: s },
		options: [
			{ displayName: 'Received After', name: 'from', type: 'dateTime', default: '' },
			{ displayName: 'Received Before', name: 'to', type: 'dateTime', default: '' },
			{ displayName: 'Sender', name: 'sender', type: 'string', default: '', placeholder: '+33601020304' },
			{ displayName: 'Tag', name: 'tag', type: 'string', default: '' },
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const name = service(this, itemIndex);
	const ids = await runOvh(this, listIncomingIds, { service: name, ...filters(this, itemIndex) });
	return asItems(await detailsOf(this, ids, limitOf(this, itemIndex), getIncoming, (id) => ({ service: name, id })));
}
