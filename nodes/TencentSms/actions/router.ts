import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runNode, type N8nOperations } from '../../shared/run';
import { tencentProvider } from '../provider';
import * as deliveryStatus from './deliveryStatus';
import * as message from './message';
import * as reply from './reply';
import * as sign from './sign';
import * as statistics from './statistics';
import * as template from './template';

/** Every operation of the node, keyed like the module's actions (core/providers/tencent/actions.ts). */
export const tencentOperations: N8nOperations = {
	'message.send': message.send,
	'deliveryStatus.pull': deliveryStatus.pull,
	'deliveryStatus.pullByPhoneNumber': deliveryStatus.pullByPhoneNumber,
	'reply.pull': reply.pull,
	'reply.pullByPhoneNumber': reply.pullByPhoneNumber,
	'template.add': template.add,
	'template.modify': template.modify,
	'template.delete': template.delete,
	'template.getMany': template.getMany,
	'sign.add': sign.add,
	'sign.modify': sign.modify,
	'sign.delete': sign.delete,
	'sign.getMany': sign.getMany,
	'statistics.sendStatus': statistics.sendStatus,
	'statistics.callbackStatus': statistics.callbackStatus,
	'statistics.packages': statistics.packages,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return runNode.call(this, tencentProvider, tencentOperations);
}
