import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { getTemplate, listTemplateNames } from '../../../../core/providers/ovh';
import { pagingFields } from '../../../shared/paging';
import { asItems, detailsOf, runOvh } from '../../transport';
import { limitOf, service, show } from '../common.descriptions';

export const description: INodeProperties[] = pagingFields(show('template', 'getMany'), 1000);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const name = service(this, itemIndex);
	const names = await runOvh(this, listTemplateNames, { service: name });
	return asItems(
		await detailsOf(this, names, limitOf(this, itemIndex), getTemplate, (template) => ({ service: name, name: template })),
	);
}
