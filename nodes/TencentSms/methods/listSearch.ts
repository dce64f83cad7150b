import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { runAction } from '../../../core/run';
import { connect, toNodeError } from '../../shared/run';
import { tencentProvider } from '../provider';

type Row = Record<string, unknown> & { status: string };

async function list(ctx: ILoadOptionsFunctions, action: string, international: number): Promise<Row[]> {
	try {
		const deps = await connect(ctx, tencentProvider);
		return (await runAction(tencentProvider.module, action, { international, limit: 100 }, deps)) as Row[];
	} catch (error) {
		throw toNodeError(ctx.getNode(), tencentProvider, error);
	}
}

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
	const templates = await both((international) => list(this, 'template.getMany', international));
	return matching(
		templates.map((t) => ({
			name: `${String(t.TemplateName)} — ${String(t.TemplateId)}${label(t.status)}`,
			value: String(t.TemplateId),
		})),
		filter,
	);
}

export async function searchSigns(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const signs = await both((international) => list(this, 'sign.getMany', international));
	return matching(
		signs.map((s) => ({ name: `${String(s.SignName)}${label(s.status)}`, value: String(s.SignName) })),
		filter,
	);
}

export async function searchSignIds(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const signs = await both((international) => list(this, 'sign.getMany', international));
	return matching(
		signs.map((s) => ({ name: `${String(s.SignName)} — ${String(s.SignId)}${label(s.status)}`, value: String(s.SignId) })),
		filter,
	);
}
