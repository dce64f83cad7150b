import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { show } from '../common.descriptions';

export const nameField = (...operation: string[]): INodeProperties => ({
	displayName: 'Template Name',
	name: 'name',
	type: 'string',
	default: '',
	required: true,
	displayOptions: { show: show('template', ...operation) },
});

export const messageField = (...operation: string[]): INodeProperties => ({
	displayName: 'Message',
	name: 'message',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	required: true,
	placeholder: 'Your code is #VALUE#',
	description: 'The text, with #VALUE# where a variable part goes',
	displayOptions: { show: show('template', ...operation) },
});

export function templateName(ctx: IExecuteFunctions, itemIndex: number): string {
	return ctx.getNodeParameter('name', itemIndex) as string;
}
