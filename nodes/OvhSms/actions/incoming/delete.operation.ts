import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { deleteIncoming } from '../../../../core/providers/ovh';
import { asItems, runOvh } from '../../transport';
import { idField, service, serviceField, show } from '../common.descriptions';

const s = show('incoming', 'delete');

export const description: INodeProperties[] = [serviceField(s), idField(s, 'Message ID')];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return asItems(
		await runOvh(this, deleteIncoming, { service: service(this, itemIndex), id: this.getNodeParameter('id', itemIndex) }),
	);
}
