import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { runAction } from '../../../core/run';
import { connect, toNodeError } from '../../shared/run';
import { ovhProvider } from '../provider';

function matching(names: string[], filter?: string): INodeListSearchResult {
	const needle = filter?.toLowerCase() ?? '';
	return { results: names.filter((n) => n.toLowerCase().includes(needle)).map((n) => ({ name: n, value: n })) };
}

async function run(ctx: ILoadOptionsFunctions, action: string, input: Record<string, unknown>) {
	try {
		return (await runAction(ovhProvider.module, action, input, await connect(ctx, ovhProvider))) as Array<
			Record<string, unknown>
		>;
	} catch (error) {
		throw toNodeError(ctx.getNode(), ovhProvider, error);
	}
}

export async function searchServices(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const services = await run(this, 'account.getMany', {});
	return matching(
		services.map(({ service }) => String(service)),
		filter,
	);
}

/** Senders of the service chosen in the same node (names only: no detail read per sender). */
export async function searchSenders(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const service = this.getNodeParameter('service', '', { extractValue: true }) as string;
	if (!service) return { results: [] };
	const senders = await run(this, 'sender.getMany', { service, details: false });
	return matching(
		senders.map(({ id }) => String(id)),
		filter,
	);
}
