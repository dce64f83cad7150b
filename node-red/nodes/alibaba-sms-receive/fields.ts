import type { ReceiveRole } from '../../shared/provider';

/** Alibaba's pushes name no account and the node needs none (webhook only): `account` stays empty. */
export const alibabaReceive: ReceiveRole = {
	account: () => '',
};
