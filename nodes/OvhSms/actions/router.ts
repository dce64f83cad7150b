import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runItems } from '../../shared/runItems';
import * as account from './account';
import * as message from './message';

type Execute = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>;

const operations: Record<string, Record<string, { execute: Execute }>> = {
	account: { getMany: account.getMany },
	message: { send: message.send },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const { execute } = operations[resource][operation];
	return runItems(this, 'ovh', (itemIndex) => execute.call(this, itemIndex));
}
