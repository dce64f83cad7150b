import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions';
import { SMSMOBILEAPI_NAME } from '../../provider';
import * as resend from './resend.operation';
import * as send from './send.operation';

const sendWhatsApp = send;

export { resend, send, sendWhatsApp };

export const description: INodeProperties[] = [
	operationField(
		SMSMOBILEAPI_NAME,
		'message',
		[
			{
				name: 'Resend',
				value: 'resend',
				action: 'Resend a failed message',
				description: 'Queue a message that failed on the phone again, by its GUID',
			},
			{
				name: 'Send SMS',
				value: 'send',
				action: 'Send an SMS',
				description: 'Queue an SMS on your phone for each recipient (accepted means queued, not delivered)',
			},
			{
				name: 'Send WhatsApp',
				value: 'sendWhatsApp',
				action: 'Send a WhatsApp message',
				description: 'Queue a WhatsApp message on your phone for each recipient, with an optional media URL',
			},
		],
		'send',
	),
	...send.description,
	...resend.description,
];
