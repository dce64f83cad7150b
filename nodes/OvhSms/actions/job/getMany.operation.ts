import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { getJob, listJobIds } from '../../../../core/providers/ovh';
import { pagingFields } from '../../../shared/paging';
import { asItems, detailsOf, runOvh } from '../../transport';
import { limitOf, service, serviceField, show } from '../common.descriptions';

const s = show('job', 'getMany');

export const description: INodeProperties[] = [serviceField(s), ...pagingFields(s, 1000)];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const name = service(this, itemIndex);
	const ids = await runOvh(this, listJobIds, { service: name });
	return asItems(await detailsOf(this, ids, limitOf(this, itemIndex), getJob, (id) => ({ service: name, id })));
}
