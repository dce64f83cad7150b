import { notFound } from './errors';
import type { OvhCall } from './routes';
import type { SmsAccount } from './state';

/** The account named by `{serviceName}`, or 404 as OVH answers for a service it does not know. */
export function account(call: OvhCall): SmsAccount {
	const found = call.state.accounts.get(call.params.serviceName);
	if (!found) throw notFound();
	return found;
}
