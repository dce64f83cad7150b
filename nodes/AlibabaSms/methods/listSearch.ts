import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { runAction } from '../../../core/run';
import { connect, toNodeError } from '../../shared/run';
import { ALIBABA_PAGE_SIZE } from '../actions/fields';
import { alibabaProvider } from '../provider';

type Row = Record<string, unknown> & { status: string };

/** Pickers show at most this many pages of the account's templates or signs. */
const MAX_PAGES = 10;

async function list(ctx: ILoadOptionsFunctions, action: string): Promise<Row[]> {
	try {
		const deps = await connect(ctx, alibabaProvider);
		const rows: Row[] = [];
		for (let pageIndex = 1; pageIndex <= MAX_PAGES; pageIndex++) {
			const page = (await runAction(alibabaProvider.module, action, { pageIndex, pageSize: ALIBABA_PAGE_SIZE }, deps)) as Row[];
			rows.push(...page);
			if (page.length < ALIBABA_PAGE_SIZE) break;
		}
		return rows;
	} catch (error) {
		throw toNodeError(ctx.getNode(), alibabaProvider, error);
	}
}

function matching(results: Array<{ name: string; value: string }>, filter?: string): INodeListSearchResult {
	const needle = filter?.toLowerCase() ?? '';
	return { results: results.filter((r) => r.name.toLowerCase().includes(needle)) };
}

const label = (status: string) => (status === 'approved' ? '' : ` (${status})`);

export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const templates = await list(this, 'template.getMany');
	return matching(
		templates.map((t) => ({
			name: `${String(t.TemplateName ?? t.TemplateCode)} — ${String(t.TemplateCode)}${label(t.status)}`,
			value: String(t.TemplateCode),
		})),
		filter,
	);
}

export async function searchSigns(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const signs = await list(this, 'sign.getMany');
	return matching(
		signs.map((s) => ({ name: `${String(s.SignName)}${label(s.status)}`, value: String(s.SignName) })),
		filter,
	);
}
