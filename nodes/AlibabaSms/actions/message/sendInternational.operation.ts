import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { optionalNumber, optionalString, show } from '../fields';
import { invalidNumberOption, sendingInput } from '../../../shared/sending';

const s = show('message', 'sendInternational');

export const description: INodeProperties[] = [
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+6591234567, +33601020304',
		description: 'Numbers outside mainland China in international format, separated by commas; each is sent on its own',
		displayOptions: { show: s },
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description: 'The text, sent as it is (no template)',
		displayOptions: { show: s },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: s },
		options: [
			invalidNumberOption,
			{
				displayName: 'Sender ID',
				name: 'from',
				type: 'string',
				default: '',
				description: 'A Sender ID registered for the destination country',
			},
			{
				displayName: 'Task ID',
				name: 'taskId',
				type: 'string',
				default: '',
				description: 'Your own reference, returned in delivery reports',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				default: 'NOTIFY',
				options: [
					{ name: 'Marketing', value: 'MKT' },
					{ name: 'Notification', value: 'NOTIFY' },
					{ name: 'One-Time Password', value: 'OTP' },
				],
			},
			{
				displayName: 'Validity Period (Seconds)',
				name: 'validityPeriod',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 86400,
				description: 'How long operators keep trying to deliver',
			},
		],
	},
];

export function input(this: IExecuteFunctions, itemIndex: number) {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		to: this.getNodeParameter('to', itemIndex),
		message: this.getNodeParameter('message', itemIndex),
		from: optionalString(options, 'from'),
		taskId: optionalString(options, 'taskId'),
		type: optionalString(options, 'type'),
		validityPeriod: optionalNumber(options, 'validityPeriod'),
		onInvalidNumber: sendingInput(this, itemIndex, options).onInvalidNumber,
	};
}
