import type { INodeProperties } from 'n8n-workflow';

export const description: INodeProperties[] = [];

export { statisticsInput as input } from './fields';
