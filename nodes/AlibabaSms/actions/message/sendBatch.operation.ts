import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { N8nOperation } from '../../../shared/run';
import { locatorValue, signLocator, templateLocator } from '../common.descriptions';
import { optionalString, show, templateParamsFields, templateParamsOf } from '../fields';
import { idempotencyOptions, invalidNumberOption, sendingInput } from '../../../shared/sending';

const s = show('message', 'sendBatch');

export const description: INodeProperties[] = [
	{
		displayName:
			'One input item per recipient, each with its own number, sign name and parameters (use expressions such as {{ $json.phone }}). Items are sent together, in requests of up to 100; each output item is paired to its input item.',
		name: 'batchNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: s },
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '13800000000',
		description: 'This item’s recipient: mainland China as 11 digits or +86…, others in international format',
		displayOptions: { show: s },
	},
	{ ...signLocator, displayOptions: { show: s } },
	{
		...templateLocator,
		description: 'An approved template; items with different templates are sent in separate requests',
		displayOptions: { show: s },
	},
	...templateParamsFields(s),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: s },
		options: [
			{
				displayName: 'Out ID',
				name: 'outId',
				type: 'string',
				default: '',
				description: 'Your own reference for the batch, returned in delivery reports; when set, it is the Idempotency Key',
			},
			...idempotencyOptions,
			invalidNumberOption,
			{
				displayName: 'SMS Up Extend Code',
				name: 'smsUpExtendCode',
				type: 'string',
				default: '',
				description: 'This recipient’s extension code appended to the sender number',
			},
		],
	},
];

export function input(this: IExecuteFunctions, itemIndex: number) {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		templateCode: locatorValue(this.getNodeParameter('templateCode', itemIndex, '', { extractValue: true })),
		outId: optionalString(options, 'outId'),
		// One key for the whole execution: items are joined into shared requests.
		...sendingInput(this, itemIndex, options),
		recipient: {
			to: this.getNodeParameter('phoneNumber', itemIndex),
			signName: locatorValue(this.getNodeParameter('signName', itemIndex, '', { extractValue: true })),
			templateParams: templateParamsOf(this, itemIndex),
			smsUpExtendCode: optionalString(options, 'smsUpExtendCode'),
		},
	};
}

/** Every item is one recipient of one SendBatchSms action; items sharing template and Out ID go together. */
export const acrossItems: N8nOperation['acrossItems'] = {
	recipientsField: 'recipient',
	key: (i) => JSON.stringify([i.templateCode, i.outId ?? '', i.idempotencyKey ?? '', i.skipAlreadySent, i.onInvalidNumber]),
	combine: (inputs) => ({
		templateCode: inputs[0].templateCode,
		outId: inputs[0].outId,
		idempotencyKey: inputs[0].idempotencyKey,
		skipAlreadySent: inputs[0].skipAlreadySent,
		onInvalidNumber: inputs[0].onInvalidNumber,
		recipients: inputs.map((i) => i.recipient),
	}),
};
