import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runItems } from '../../shared/runItems';
import * as account from './account';
import * as incoming from './incoming';
import * as job from './job';
import * as message from './message';
import * as outgoing from './outgoing';
import * as sender from './sender';
import * as template from './template';

type Execute = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>;

const operations: Record<string, Record<string, { execute: Execute }>> = {
	account: { get: account.get, getMany: account.getMany },
	message: { send: message.send, estimate: message.estimate },
	job: { get: job.get, getMany: job.getMany, cancel: job.cancel },
	outgoing: { get: outgoing.get, getMany: outgoing.getMany, hlr: outgoing.hlr },
	incoming: { get: incoming.get, getMany: incoming.getMany, delete: incoming.delete },
	template: {
		add: template.add,
		get: template.get,
		getMany: template.getMany,
		delete: template.delete,
		relaunch: template.relaunch,
	},
	sender: { getMany: sender.getMany },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const { execute } = operations[resource][operation];
	return runItems(this, 'ovh', (itemIndex) => execute.call(this, itemIndex));
}
