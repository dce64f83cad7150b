import type { INodeProperties } from 'n8n-workflow';

export const description: INodeProperties[] = [];

export function input() {
	return {};
}
