import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { present, show } from '../fields';

const s = show('received', 'delete');

export const description: INodeProperties[] = [
	{
		displayName:
			'SMSMobileAPI documents this call without its address: SMS Kit uses a guessed one (/deletesms/) that is not verified against the live service',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: s },
	},
	{
		displayName: 'Message GUID',
		name: 'guid',
		type: 'string',
		default: '',
		description: 'The received SMS to delete; empty: those of the dates below',
		displayOptions: { show: s },
	},
	{
		displayName: 'Date Start',
		name: 'dateStart',
		type: 'string',
		default: '',
		placeholder: '2026-01-31',
		displayOptions: { show: s },
	},
	{
		displayName: 'Date End',
		name: 'dateEnd',
		type: 'string',
		default: '',
		placeholder: '2026-01-31',
		displayOptions: { show: s },
	},
];

export function input(this: IExecuteFunctions, itemIndex: number) {
	return present({
		guid: this.getNodeParameter('guid', itemIndex, '') as string,
		dateStart: this.getNodeParameter('dateStart', itemIndex, '') as string,
		dateEnd: this.getNodeParameter('dateEnd', itemIndex, '') as string,
	});
}
