import type { NodeMessageInFlow } from 'node-red';
import { pick, pickText } from '../../shared/fields';
import type { ClientRole, Fields } from '../../shared/provider';
import { defaultAppId } from '../tencent-sms-config/account';

/** message.send from the node's fields, each empty one taken from msg, the SDK AppID last from the account. */
export function tencentSendInput(def: Fields, msg: NodeMessageInFlow, appId?: string): Record<string, unknown> {
	return {
		smsSdkAppId: pickText(def.smsSdkAppId, msg.smsSdkAppId, appId),
		signName: pick(def.signName, msg.signName),
		templateId: pickText(def.templateId, msg.templateId),
		templateParams: pick(def.templateParams, msg.templateParams) ?? [],
		phoneNumbers: pick(def.phoneNumbers, msg.to, msg.phoneNumbers) ?? [],
		extendCode: pick(def.extendCode, msg.extendCode),
		sessionContext: pick(def.sessionContext, msg.sessionContext),
		senderId: pick(def.senderId, msg.senderId),
		templateContent: pick(msg.templateContent),
	};
}

export const tencentSend: ClientRole = {
	defaultAction: 'message.send',
	actions: { 'message.send': {} },
	input: (_action, def, msg, account) => tencentSendInput(def, msg, defaultAppId(account.settings)),
};
