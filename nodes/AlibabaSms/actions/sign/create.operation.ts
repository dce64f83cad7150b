import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { show } from '../fields';
import { signInput } from './fields';

export const description: INodeProperties[] = [
	{
		displayName: 'Sign Name',
		name: 'newSignName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'SMSKit',
		description: 'The text shown as 【name】 before every message (2–12 characters)',
		displayOptions: { show: show('sign', 'create') },
	},
];

export function input(this: IExecuteFunctions, itemIndex: number) {
	return { signName: String(this.getNodeParameter('newSignName', itemIndex)).trim(), ...signInput(this, itemIndex) };
}
