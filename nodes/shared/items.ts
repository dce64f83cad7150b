import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** Core results (typed objects) as the IDataObject items the per-item loop pairs with their input. */
export function asItems(values: object | object[]): IDataObject[] {
	return (Array.isArray(values) ? values : [values]) as IDataObject[];
}

/** Trigger output: one execution item per event. */
export function toExecutionData(items: object[]): INodeExecutionData[] {
	return asItems(items).map((json) => ({ json }));
}
