import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { runAction } from '../../../core/run';
import { connect, toNodeError } from '../../shared/run';
import { smsMobileApiProvider } from '../provider';

/** The phones connected to the account (Device → Get Many), by name and sIdentifiant. */
export async function searchDevices(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	let phones: Array<Record<string, unknown>>;
	try {
		const deps = await connect(this, smsMobileApiProvider);
		phones = (await runAction(smsMobileApiProvider.module, 'device.getMany', {}, deps)) as Array<Record<string, unknown>>;
	} catch (error) {
		throw toNodeError(this.getNode(), smsMobileApiProvider, error);
	}
	const needle = filter?.toLowerCase() ?? '';
	const results = phones
		.map((p) => {
			const value = String(p.sIdentifiant ?? p.sIdentifiantPhone ?? p.sid ?? p.id ?? '');
			const label = [p.name, p.alias, p.model].find((v) => typeof v === 'string' && v) as string | undefined;
			return { name: label ? `${label} — ${value}` : value, value };
		})
		.filter((r) => r.value && r.name.toLowerCase().includes(needle));
	return { results };
}
