import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { cancelJob } from '../../../../core/providers/ovh';
import { asItems, runOvh } from '../../transport';
import { idField, service, serviceField, show } from '../common.descriptions';

const s = show('job', 'cancel');

export const description: INodeProperties[] = [serviceField(s), idField(s, 'Job ID')];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return asItems(
		await runOvh(this, cancelJob, { service: service(this, itemIndex), id: this.getNodeParameter('id', itemIndex) }),
	);
}
