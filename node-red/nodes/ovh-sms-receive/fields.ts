import type { ReceiveRole } from '../../shared/provider';

/** OVHcloud callbacks do not name the SMS account: the node's service does. */
export const ovhReceive: ReceiveRole = {
	account: (def) => String(def.service ?? '').trim(),
};
