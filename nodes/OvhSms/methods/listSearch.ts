import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { listServices } from '../../../core/providers/ovh';
import { runOvh } from '../transport';

export async function searchServices(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const services = await runOvh(this, listServices, {});
	const needle = filter?.toLowerCase() ?? '';
	return {
		results: services
			.filter(({ service }) => service.toLowerCase().includes(needle))
			.map(({ service }) => ({ name: service, value: service })),
	};
}
