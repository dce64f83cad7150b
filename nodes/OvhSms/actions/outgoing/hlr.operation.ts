import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { getOutgoingHlr } from '../../../../core/providers/ovh';
import { asItems, runOvh } from '../../transport';
import { idField, service, serviceField, show } from '../common.descriptions';

const s = show('outgoing', 'hlr');

export const description: INodeProperties[] = [serviceField(s), idField(s, 'Message ID')];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return asItems(
		await runOvh(this, getOutgoingHlr, { service: service(this, itemIndex), id: this.getNodeParameter('id', itemIndex) }),
	);
}
