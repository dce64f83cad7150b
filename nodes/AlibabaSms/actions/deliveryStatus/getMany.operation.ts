import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ALIBABA_PAGE_SIZE, pagingFields, show } from '../fields';

const s = show('deliveryStatus', 'getMany');

export const description: INodeProperties[] = [
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '13800000000',
		description: 'The number the messages were sent to: mainland China as 11 digits or +86…, others in international format',
		displayOptions: { show: s },
	},
	{
		displayName: 'Send Date',
		name: 'sendDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'The day they were sent (China time); Alibaba keeps the last 30 days',
		displayOptions: { show: s },
	},
	{
		displayName: 'BizId',
		name: 'bizId',
		type: 'string',
		default: '',
		placeholder: '134523^4351232',
		description: 'The BizId a send returned, to see only that request’s messages',
		displayOptions: { show: s },
	},
	...pagingFields(s, ALIBABA_PAGE_SIZE),
];

/**
 * The module reads mainland numbers as 11 digits (and the credential's Default Country) and the pages itself
 * (Return All), so the node passes the number, Return All and Limit as they are.
 */
export function input(this: IExecuteFunctions, itemIndex: number) {
	return {
		phoneNumber: this.getNodeParameter('phoneNumber', itemIndex),
		sendDate: this.getNodeParameter('sendDate', itemIndex),
		bizId: String(this.getNodeParameter('bizId', itemIndex, '')).trim() || undefined,
		returnAll: this.getNodeParameter('returnAll', itemIndex, false),
		limit: this.getNodeParameter('limit', itemIndex, 50),
	};
}
