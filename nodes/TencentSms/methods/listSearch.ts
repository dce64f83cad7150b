import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { listSigns, listTemplates } from '../../../core/providers/tencent';
import { runTencent } from '../transport';

/** Domestic and international lists together: the picker should show everything the account has. */
async function both<T>(load: (international: number) => Promise<T[]>): Promise<T[]> {
	return [...(await load(0)), ...(await load(1))];
}

function matching<T extends { name: string }>(results: T[], filter?: string): INodeListSearchResult {
	const needle = filter?.toLowerCase() ?? '';
	return { results: results.filter((r) => r.name.toLowerCase().includes(needle)) as unknown as INodeListSearchResult['results'] };
}

const label = (status: string) => (status === 'approved' ? '' : ` (${status})`);

export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const templates = await both((international) => runTencent(this, listTemplates, { international, limit: 100 }));
	return matching(
		templates.map((t) => ({ name: `${t.TemplateName} — ${t.TemplateId}${label(t.status)}`, value: String(t.TemplateId) })),
		filter,
	);
}

export async function searchSigns(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const signs = await both((international) => runTencent(this, listSigns, { international, limit: 100 }));
	return matching(
		signs.map((s) => ({ name: `${s.SignName}${label(s.status)}`, value: s.SignName })),
		filter,
	);
}

export async function searchSignIds(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const signs = await both((international) => runTencent(this, listSigns, { international, limit: 100 }));
	return matching(
		signs.map((s) => ({ name: `${s.SignName} — ${s.SignId}${label(s.status)}`, value: String(s.SignId) })),
		filter,
	);
}
