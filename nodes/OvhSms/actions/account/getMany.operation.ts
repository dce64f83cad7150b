import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { listServices } from '../../../../core/providers/ovh';
import { runOvh } from '../../transport';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions): Promise<IDataObject[]> {
	return runOvh(this, listServices, {});
}
