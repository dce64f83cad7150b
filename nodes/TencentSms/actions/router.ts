import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runItems } from '../../shared/runItems';
import * as deliveryStatus from './deliveryStatus';
import * as message from './message';
import * as reply from './reply';
import * as sign from './sign';
import * as statistics from './statistics';
import * as template from './template';

type Execute = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>;

const operations: Record<string, Record<string, { execute: Execute }>> = {
	message: { send: message.send },
	deliveryStatus: { pull: deliveryStatus.pull, pullByPhoneNumber: deliveryStatus.pullByPhoneNumber },
	reply: { pull: reply.pull, pullByPhoneNumber: reply.pullByPhoneNumber },
	template: { add: template.add, modify: template.modify, delete: template.delete, getMany: template.getMany },
	sign: { add: sign.add, modify: sign.modify, delete: sign.delete, getMany: sign.getMany },
	statistics: { sendStatus: statistics.sendStatus, callbackStatus: statistics.callbackStatus, packages: statistics.packages },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const { execute } = operations[resource][operation];
	return runItems(this, 'tencent', (itemIndex) => execute.call(this, itemIndex));
}
