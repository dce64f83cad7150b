import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { getService } from '../../../../core/providers/ovh';
import { asItems, runOvh } from '../../transport';
import { service, serviceField, show } from '../common.descriptions';

export const description: INodeProperties[] = [serviceField(show('account', 'get'))];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return asItems(await runOvh(this, getService, { service: service(this, itemIndex) }));
}
