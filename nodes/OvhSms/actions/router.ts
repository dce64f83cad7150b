import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runNode, type N8nOperations } from '../../shared/run';
import { ovhProvider } from '../provider';
import * as account from './account';
import * as incoming from './incoming';
import * as job from './job';
import * as message from './message';
import * as outgoing from './outgoing';
import * as sender from './sender';
import * as template from './template';

/** Every operation of the node, keyed like the module's actions (core/providers/ovh/actions.ts). */
export const ovhOperations: N8nOperations = {
	'account.get': account.get,
	'account.getMany': account.getMany,
	'message.send': message.send,
	'message.estimate': message.estimate,
	'job.get': job.get,
	'job.getMany': job.getMany,
	'job.cancel': job.cancel,
	'outgoing.get': outgoing.get,
	'outgoing.getMany': outgoing.getMany,
	'outgoing.hlr': outgoing.hlr,
	'incoming.get': incoming.get,
	'incoming.getMany': incoming.getMany,
	'incoming.delete': incoming.delete,
	'template.add': template.add,
	'template.get': template.get,
	'template.getMany': template.getMany,
	'template.delete': template.delete,
	'template.relaunch': template.relaunch,
	'sender.getMany': sender.getMany,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return runNode.call(this, ovhProvider, ovhOperations);
}
