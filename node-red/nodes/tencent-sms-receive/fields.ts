import type { ReceiveRole } from '../../shared/provider';
import { defaultAppId } from '../tencent-sms-config/account';

/** The application received for: the node's SmsSdkAppId, else its account's. */
export const tencentReceive: ReceiveRole = {
	account: (def, account) => String(def.smsSdkAppId ?? '').trim() || (account ? (defaultAppId(account.settings) ?? '') : ''),
};
