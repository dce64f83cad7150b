import type { ProviderId } from '../errors';
import type { ProviderModule } from '../provider';
import { provider as alibaba } from './alibaba';
import { provider as ovh } from './ovh';
import { provider as smsmobileapi } from './smsmobileapi';
import { provider as tencent } from './tencent';

/**
 * Every provider module, the one list core, editors, sandbox tests and the contract suite read.
 * Adding a provider: its folder under core/providers/<id>/ and one line here.
 */
export const PROVIDER_MODULES: ProviderModule[] = [ovh, tencent, alibaba, smsmobileapi];

export function providerModule(id: ProviderId): ProviderModule {
	const found = PROVIDER_MODULES.find((m) => m.id === id);
	if (!found) throw new Error(`No provider module "${id}"`);
	return found;
}
