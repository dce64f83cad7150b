import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { locatorValue, signLocator, templateLocator } from '../common.descriptions';
import { optionalString, show, templateParamsFields, templateParamsOf } from '../fields';
import { batchOption, idempotencyOptions, invalidNumberOption, sendAcrossItems, sendingInput } from '../../../shared/sending';

const s = show('message', 'send');

export const description: INodeProperties[] = [
	{
		displayName: 'Phone Numbers',
		name: 'phoneNumbers',
		type: 'string',
		default: '',
		required: true,
		placeholder: '13800000000, +8613900000000',
		description:
			'Numbers separated by commas: mainland China as 11 digits or +86…, others in international format; more than 1000 are sent in several requests',
		displayOptions: { show: s },
	},
	{ ...signLocator, displayOptions: { show: s } },
	{ ...templateLocator, displayOptions: { show: s } },
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
				description:
					'Your own reference (e.g. an order number), returned in delivery reports; when set, it is the Idempotency Key',
			},
			batchOption,
			...idempotencyOptions,
			invalidNumberOption,
			{
				displayName: 'SMS Up Extend Code',
				name: 'smsUpExtendCode',
				type: 'string',
				default: '',
				description: 'Extension code appended to the sender number, to tell replies apart',
			},
		],
	},
];

export function input(this: IExecuteFunctions, itemIndex: number) {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		phoneNumbers: this.getNodeParameter('phoneNumbers', itemIndex),
		signName: locatorValue(this.getNodeParameter('signName', itemIndex, '', { extractValue: true })),
		templateCode: locatorValue(this.getNodeParameter('templateCode', itemIndex, '', { extractValue: true })),
		templateParams: templateParamsOf(this, itemIndex),
		outId: optionalString(options, 'outId'),
		smsUpExtendCode: optionalString(options, 'smsUpExtendCode'),
		...sendingInput(this, itemIndex, options),
	};
}

/** Items sending the same message go in shared requests at the provider's batch size. */
export const acrossItems = sendAcrossItems('phoneNumbers');
