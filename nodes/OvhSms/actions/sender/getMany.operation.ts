import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { getSender, listSenderNames } from '../../../../core/providers/ovh';
import { pagingFields } from '../../../shared/paging';
import { asItems, detailsOf, runOvh } from '../../transport';
import { limitOf, service, serviceField, show } from '../common.descriptions';

const s = show('sender', 'getMany');

export const description: INodeProperties[] = [serviceField(s), ...pagingFields(s, 1000)];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const name = service(this, itemIndex);
	const senders = await runOvh(this, listSenderNames, { service: name });
	return asItems(await detailsOf(this, senders, limitOf(this, itemIndex), getSender, (sender) => ({ service: name, sender })));
}
