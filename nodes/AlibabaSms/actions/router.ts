import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runNode, type N8nOperations } from '../../shared/run';
import { alibabaProvider } from '../provider';
import * as deliveryStatus from './deliveryStatus';
import * as message from './message';
import * as sign from './sign';
import * as statistics from './statistics';
import * as template from './template';

/** Every operation of the node, keyed like the module's actions (core/providers/alibaba/actions.ts). */
export const alibabaOperations: N8nOperations = {
	'message.send': message.send,
	'message.sendBatch': message.sendBatch,
	'message.sendInternational': message.sendInternational,
	'deliveryStatus.getMany': deliveryStatus.getMany,
	'statistics.get': statistics.get,
	'template.create': template.create,
	'template.update': template.update,
	'template.get': template.get,
	'template.getMany': template.getMany,
	'template.delete': template.delete,
	'sign.create': sign.create,
	'sign.update': sign.update,
	'sign.get': sign.get,
	'sign.getMany': sign.getMany,
	'sign.delete': sign.delete,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return runNode.call(this, alibabaProvider, alibabaOperations);
}
