import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { ProviderId } from '../../core/errors';
import { errorItem, toNodeError } from './errors';

/**
 * The per-item loop, written once: every result is paired to its input item; a failing item either stops
 * the node with an error carrying its index, or (continue on fail) becomes an error item while the rest go on.
 */
export async function runItems(
	ctx: IExecuteFunctions,
	provider: ProviderId,
	handle: (itemIndex: number) => Promise<IDataObject[]>,
): Promise<INodeExecutionData[][]> {
	const output: INodeExecutionData[] = [];
	const items = ctx.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			for (const json of await handle(itemIndex)) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (!ctx.continueOnFail()) throw toNodeError(ctx.getNode(), provider, error, itemIndex);
			output.push({ json: errorItem(provider, error), pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}
