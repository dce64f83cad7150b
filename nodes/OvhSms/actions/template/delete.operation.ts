import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { deleteTemplate } from '../../../../core/providers/ovh';
import { asItems, runOvh } from '../../transport';
import { service } from '../common.descriptions';
import { templateName } from './fields';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return asItems(await runOvh(this, deleteTemplate, { service: service(this, itemIndex), name: templateName(this, itemIndex) }));
}
