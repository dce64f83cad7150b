import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { listSenderNames, listServices } from '../../../core/providers/ovh';
import { runOvh } from '../transport';

function matching(names: string[], filter?: string): INodeListSearchResult {
	const needle = filter?.toLowerCase() ?? '';
	return { results: names.filter((n) => n.toLowerCase().includes(needle)).map((n) => ({ name: n, value: n })) };
}

export async function searchServices(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const services = await runOvh(this, listServices, {});
	return matching(
		services.map(({ service }) => service),
		filter,
	);
}

/** Senders of the service chosen in the same node. */
export async function searchSenders(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const service = this.getNodeParameter('service', '', { extractValue: true }) as string;
	if (!service) return { results: [] };
	return matching(await runOvh(this, listSenderNames, { service }), filter);
}
