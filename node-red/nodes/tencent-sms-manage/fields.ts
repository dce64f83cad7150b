import { idList, payloadObject, pick, pickNumber, pickText } from '../../shared/fields';
import type { ClientRole } from '../../shared/provider';
import { defaultAppId } from '../tencent-sms-config/account';

/**
 * Templates, signs and statistics. The input: msg.payload (an object with the core's parameter names, see
 * help.html) with every field set in the node taking precedence.
 */
export const tencentManage: ClientRole = {
	defaultAction: 'template.getMany',
	// Saved before one vocabulary: a resource and an operation.
	saved: (def) => {
		const operation = String(def.operation ?? '');
		return operation && !operation.includes('.') ? `${String(def.resource || 'template')}.${operation}` : operation;
	},
	renamed: {
		'template.list': 'template.getMany',
		'sign.list': 'sign.getMany',
		'statistics.send': 'statistics.sendStatus',
		'statistics.callback': 'statistics.callbackStatus',
	},
	actions: {
		'template.add': { one: true },
		'template.modify': { one: true },
		'template.delete': { one: true },
		'template.getMany': {},
		'sign.add': { one: true },
		'sign.modify': { one: true },
		'sign.delete': { one: true },
		'sign.getMany': {},
		'statistics.sendStatus': { one: true },
		'statistics.callbackStatus': { one: true },
		'statistics.packages': {},
	},
	input(action, def, msg, account) {
		const p = payloadObject(msg.payload);
		const [resource, operation] = action.split('.');
		const out: Record<string, unknown> = { ...p };
		const set = (key: string, value: unknown) => {
			if (value !== undefined) out[key] = value;
		};
		if (resource === 'statistics') {
			set('smsSdkAppId', pickText(def.smsSdkAppId, p.smsSdkAppId, msg.smsSdkAppId, defaultAppId(account.settings)));
			set('beginTime', pickText(def.beginTime, p.beginTime));
			set('endTime', pickText(def.endTime, p.endTime));
			return out;
		}
		const idKey = resource === 'sign' ? 'signId' : 'templateId';
		// Unticked, "International" lets msg.payload.international decide; the core's default otherwise is 0.
		set('international', def.international ? 1 : (p.international ?? 0));
		if (operation === 'getMany') {
			set('ids', idList(pick(def.itemId, p.ids)));
			return out;
		}
		if (operation === 'modify' || operation === 'delete') set(idKey, pickText(def.itemId, p[idKey]));
		if (operation === 'delete') {
			delete out.international;
			return out;
		}
		if (resource === 'template') {
			set('name', pickText(def.itemName, p.name));
			set('content', pickText(def.content, p.content));
			set('smsType', pickNumber(def.smsType, p.smsType));
		} else {
			set('signName', pickText(def.itemName, p.signName));
		}
		set('remark', pick(def.remark, p.remark));
		return out;
	},
};
