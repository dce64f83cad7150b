import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { device, deviceLocator, show, unixSeconds } from '../fields';
import { idempotencyOptions, invalidNumberOption, sendingInput } from '../../../shared/sending';

const s = show('message', 'send', 'sendWhatsApp');

export const description: INodeProperties[] = [
	{
		displayName: 'Recipients',
		name: 'recipients',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+33601020304, +33601020305',
		description:
			'Phone numbers separated by commas, in international format (or national, when the credential has a Default Country); one request and one output item each',
		displayOptions: { show: s },
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		displayOptions: { show: s },
	},
	{ ...deviceLocator, displayOptions: { show: s } },
	{
		displayName: 'Media URL',
		name: 'mediaUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/picture.jpg',
		description: 'A public https:// URL of an image or document sent with the WhatsApp message',
		displayOptions: { show: show('message', 'sendWhatsApp') },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: s },
		options: [
			{
				displayName: 'Schedule At',
				name: 'scheduleAt',
				type: 'dateTime',
				default: '',
				description: 'When the phone should send it; now when empty',
			},
			...idempotencyOptions,
			invalidNumberOption,
		],
	},
];

export function input(this: IExecuteFunctions, itemIndex: number) {
	const operation = this.getNodeParameter('operation', itemIndex) as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const mediaUrl = operation === 'sendWhatsApp' ? String(this.getNodeParameter('mediaUrl', itemIndex, '')).trim() : '';
	return {
		recipients: this.getNodeParameter('recipients', itemIndex),
		message: this.getNodeParameter('message', itemIndex),
		device: device(this, itemIndex),
		mediaUrl: mediaUrl || undefined,
		scheduleAt: unixSeconds(options.scheduleAt),
		...sendingInput(this, itemIndex, options),
	};
}
