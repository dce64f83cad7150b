import type { INodeProperties } from 'n8n-workflow';
import { ALIBABA_PAGE_SIZE, byPageNumber, pagingFields, show } from '../fields';

export const description: INodeProperties[] = [...pagingFields(show('template', 'getMany'), ALIBABA_PAGE_SIZE)];

export function input() {
	return {};
}

export const pageSize = ALIBABA_PAGE_SIZE;
export const page = byPageNumber;
