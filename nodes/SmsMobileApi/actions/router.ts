import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runNode, type N8nOperations } from '../../shared/run';
import { smsMobileApiProvider } from '../provider';
import * as device from './device';
import * as message from './message';
import * as received from './received';
import * as sentLog from './sentLog';
import * as whatsapp from './whatsapp';

/** Every operation of the node, keyed like the module's actions (core/providers/smsmobileapi/actions.ts). */
export const smsMobileApiOperations: N8nOperations = {
	'message.send': message.send,
	'message.sendWhatsApp': message.sendWhatsApp,
	'message.resend': message.resend,
	'sentLog.getMany': sentLog.getMany,
	'received.getMany': received.getMany,
	'received.delete': received.delete,
	'device.getMany': device.getMany,
	'whatsapp.checkNumber': whatsapp.checkNumber,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return runNode.call(this, smsMobileApiProvider, smsMobileApiOperations);
}
