import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { smsSdkAppId } from '../../provider';
import { signLocator, templateLocator } from '../common.descriptions';
import { appIdField, optionalString, show } from '../fields';
import { batchOption, idempotencyOptions, invalidNumberOption, sendAcrossItems, sendingInput } from '../../../shared/sending';

const s = show('message', 'send');

export const description: INodeProperties[] = [
	{
		displayName: 'Phone Numbers',
		name: 'phoneNumbers',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+8613800000000, +33601020304',
		description: 'Numbers in international format, separated by commas; more than 200 are sent in several requests',
		displayOptions: { show: s },
	},
	{ ...templateLocator, displayOptions: { show: s } },
	{
		displayName: 'Template Parameters',
		name: 'templateParams',
		type: 'string',
		default: '',
		placeholder: '1234, 5',
		description: 'Values for {1}, {2}, … in order, separated by commas (or an expression giving an array)',
		displayOptions: { show: s },
	},
	{ ...signLocator, displayOptions: { show: s } },
	appIdField(s),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: s },
		options: [
			{
				displayName: 'Extend Code',
				name: 'extendCode',
				type: 'string',
				default: '',
				description: 'SMS extension number (must be activated)',
			},
			{
				displayName: 'Sender ID',
				name: 'senderId',
				type: 'string',
				default: '',
				description: 'International only: a dedicated Sender ID',
			},
			{
				displayName: 'Session Context',
				name: 'sessionContext',
				type: 'string',
				default: '',
				description: 'Any text (under 512 bytes) returned with the result and receipts; when set, it is the Idempotency Key',
			},
			batchOption,
			...idempotencyOptions,
			invalidNumberOption,
		],
	},
];

export function input(this: IExecuteFunctions, itemIndex: number, credentials: ICredentialDataDecryptedObject) {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		smsSdkAppId: smsSdkAppId(this.getNodeParameter('smsSdkAppId', itemIndex, ''), credentials),
		phoneNumbers: this.getNodeParameter('phoneNumbers', itemIndex),
		templateId: String(this.getNodeParameter('templateId', itemIndex, '', { extractValue: true })),
		templateParams: this.getNodeParameter('templateParams', itemIndex, ''),
		signName: optionalString({ v: this.getNodeParameter('signName', itemIndex, '', { extractValue: true }) }, 'v'),
		extendCode: optionalString(options, 'extendCode'),
		sessionContext: optionalString(options, 'sessionContext'),
		senderId: optionalString(options, 'senderId'),
		...sendingInput(this, itemIndex, options),
	};
}

/** Items sending the same message go in shared requests at the provider's batch size. */
export const acrossItems = sendAcrossItems('phoneNumbers');
