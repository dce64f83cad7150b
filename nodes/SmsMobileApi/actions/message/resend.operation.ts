import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { show } from '../fields';

const s = show('message', 'resend');

export const description: INodeProperties[] = [
	{
		displayName: 'Message GUID',
		name: 'guid',
		type: 'string',
		default: '',
		required: true,
		description: 'The GUID Send gave (or the sent log shows); only a message that failed can be sent again',
		displayOptions: { show: s },
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		default: 'sms',
		options: [
			{ name: 'SMS', value: 'sms' },
			{ name: 'WhatsApp', value: 'whatsapp' },
		],
		description: 'How the message was sent the first time',
		displayOptions: { show: s },
	},
];

export function input(this: IExecuteFunctions, itemIndex: number) {
	return { guid: this.getNodeParameter('guid', itemIndex), channel: this.getNodeParameter('channel', itemIndex) };
}
