import { payloadObject, pick, pickNumber } from '../../shared/fields';
import type { ClientRole } from '../../shared/provider';

/** The node fields each action reads; the other parameters come from msg.payload (see help.html). */
export const MANAGE_FIELDS: Record<string, string[]> = {
	'template.create': ['templateName', 'templateContent', 'templateType', 'relatedSignName', 'remark'],
	'template.update': ['templateCode', 'templateName', 'templateContent', 'templateType', 'relatedSignName', 'remark'],
	'template.get': ['templateCode'],
	'template.getMany': [],
	'template.delete': ['templateCode'],
	'sign.create': ['signName', 'signSource', 'qualificationId', 'remark'],
	'sign.update': ['signName', 'signSource', 'qualificationId', 'remark'],
	'sign.get': ['signName'],
	'sign.getMany': [],
	'sign.delete': ['signName'],
};

/** Numbers in the editor are text; these parameters are numbers to the core. */
const NUMBERS = new Set(['templateType', 'signSource', 'qualificationId']);
/** Text the core requires: sent as '' when unset, so the core names what is missing. */
const REQUIRED = new Set(['templateCode', 'templateName', 'templateContent', 'signName']);

/**
 * Templates and signs. The input: msg.payload (an object with the core's parameter names) with every field
 * set in the node taking precedence.
 */
export const alibabaManage: ClientRole = {
	defaultAction: 'template.getMany',
	actions: {
		'template.create': { one: true },
		'template.update': { one: true },
		'template.get': { one: true },
		'template.getMany': {},
		'template.delete': { one: true },
		'sign.create': { one: true },
		'sign.update': { one: true },
		'sign.get': { one: true },
		'sign.getMany': {},
		'sign.delete': { one: true },
	},
	input(action, def, msg) {
		const p = payloadObject(msg.payload);
		const out: Record<string, unknown> = { ...p };
		for (const field of MANAGE_FIELDS[action] ?? []) {
			const value = NUMBERS.has(field) ? pickNumber(def[field], p[field]) : pick(def[field], p[field]);
			if (value !== undefined) out[field] = value;
			else if (REQUIRED.has(field)) out[field] = '';
		}
		return out;
	},
};
