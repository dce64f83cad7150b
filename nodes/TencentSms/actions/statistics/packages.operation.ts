import type { INodeProperties } from 'n8n-workflow';
import { pagingFields, show } from '../fields';

export const description: INodeProperties[] = pagingFields(show('statistics', 'packages'), 500);

export { statisticsInput as input } from './fields';

export const pageSize = 500;
