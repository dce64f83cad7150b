import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { OVH_CLASSES, OVH_CODINGS, OVH_PRIORITIES } from '../../../../core/providers/ovh';
import { service, serviceField } from '../common.descriptions';
import { batchOption, idempotencyOptions, invalidNumberOption, sendAcrossItems, sendingInput } from '../../../shared/sending';

const show = { resource: ['message'], operation: ['send'] };

export const description: INodeProperties[] = [
	serviceField(show),
	{
		displayName: 'Receivers',
		name: 'receivers',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+33601020304, +33601020305',
		description:
			'Phone numbers separated by commas, in international format (or national, when the credential has a Default Country)',
		displayOptions: { show },
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		displayOptions: { show },
	},
	{
		displayName: 'Sender Type',
		name: 'senderType',
		type: 'options',
		default: 'default',
		options: [
			{ name: 'Account Default', value: 'default', description: 'Let OVHcloud choose the sender' },
			{ name: 'Sender Name or Number', value: 'sender', description: 'A sender validated on the account' },
			{
				name: 'Short Number for Replies',
				value: 'senderForResponse',
				description: 'Send from an OVHcloud short number so receivers can answer',
			},
		],
		displayOptions: { show },
	},
	{
		displayName: 'Sender',
		name: 'sender',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'A validated sender: up to 11 letters and digits, or a phone number',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchSenders', searchable: true },
			},
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'MyCompany' },
		],
		displayOptions: { show: { ...show, senderType: ['sender'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Charset',
				name: 'charset',
				type: 'options',
				default: 'UTF-8',
				options: [{ name: 'UTF-8', value: 'UTF-8' }],
			},
			{
				displayName: 'Class (Deprecated)',
				name: 'class',
				type: 'options',
				default: 'phoneDisplay',
				options: OVH_CLASSES.map((value) => ({ name: value, value })),
			},
			{
				displayName: 'Coding (Deprecated)',
				name: 'coding',
				type: 'options',
				default: '7bit',
				description: 'OVHcloud deduces it from the message and charset',
				options: OVH_CODINGS.map((value) => ({ name: value, value })),
			},
			{
				displayName: 'Deferred By (Minutes)',
				name: 'differedPeriod',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Wait this long before sending; the job can be cancelled meanwhile',
			},
			{
				displayName: 'No STOP Clause',
				name: 'noStopClause',
				type: 'boolean',
				default: false,
				description: 'Whether to leave out the STOP mention; only for non-commercial messages',
			},
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'options',
				default: 'high',
				options: OVH_PRIORITIES.map((value) => ({
					name: value === 'veryLow' ? 'Very Low' : value[0].toUpperCase() + value.slice(1),
					value,
				})),
			},
			{
				displayName: 'Tag',
				name: 'tag',
				type: 'string',
				default: '',
				description: 'A label to find the messages again; when set, it is the Idempotency Key',
			},
			batchOption,
			...idempotencyOptions,
			invalidNumberOption,
			{
				displayName: 'Validity Period (Minutes)',
				name: 'validityPeriod',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 2880,
				description: 'How long the network keeps trying to deliver',
			},
		],
	},
];

export function input(this: IExecuteFunctions, itemIndex: number) {
	const senderType = this.getNodeParameter('senderType', itemIndex) as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		service: service(this, itemIndex),
		receivers: this.getNodeParameter('receivers', itemIndex),
		message: this.getNodeParameter('message', itemIndex),
		sender: senderType === 'sender' ? this.getNodeParameter('sender', itemIndex, '', { extractValue: true }) : undefined,
		senderForResponse: senderType === 'senderForResponse' ? true : undefined,
		...options,
		...sendingInput(this, itemIndex, options),
	};
}

/** Items sending the same message go in shared requests at the provider's batch size. */
export const acrossItems = sendAcrossItems('receivers');
