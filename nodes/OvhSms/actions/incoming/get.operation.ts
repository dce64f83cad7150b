import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { getIncoming } from '../../../../core/providers/ovh';
import { asItems, runOvh } from '../../transport';
import { idField, service, serviceField, show } from '../common.descriptions';

const s = show('incoming', 'get');

export const description: INodeProperties[] = [serviceField(s), idField(s, 'Message ID')];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return asItems(
		await runOvh(this, getIncoming, { service: service(this, itemIndex), id: this.getNodeParameter('id', itemIndex) }),
	);
}
