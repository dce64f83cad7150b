import { pick, pickFlag, pickText, payloadObject } from '../../shared/fields';
import type { ClientRole } from '../../shared/provider';

/**
 * The SMS accounts, their templates and senders. The input: msg.payload (an object with the core's
 * parameter names — name, activity, message, description, reason — or, for get, delete and relaunch, the
 * template's name as a string) with every field set in the node taking precedence. The service: the
 * node's, else msg.service, else msg.payload.service.
 */
export const ovhManage: ClientRole = {
	defaultAction: 'template.getMany',
	// ovh-sms-templates and ovh-sms-services, merged into this node.
	renamed: {
		list: 'template.getMany',
		get: 'template.get',
		add: 'template.add',
		delete: 'template.delete',
		relaunch: 'template.relaunch',
		listSenders: 'sender.getMany',
		listServices: 'account.getMany',
	},
	actions: {
		'account.getMany': {},
		'account.get': { one: true },
		'template.getMany': {},
		'template.get': { one: true },
		'template.add': { one: true },
		'template.relaunch': { one: true },
		'template.delete': { one: true },
		'sender.getMany': {},
	},
	input(action, def, msg) {
		const p = payloadObject(msg.payload);
		const nameFromPayload = typeof msg.payload === 'string' ? msg.payload : p.name;
		const service = pickText(def.service, msg.service, p.service);
		switch (action) {
			case 'account.getMany':
				return {};
			case 'template.add':
				return {
					service,
					name: pickText(def.templateName, p.name),
					activity: pickText(def.activity, p.activity),
					message: pickText(def.message, p.message),
					description: pick(def.description, p.description),
					reason: pick(def.reason, p.reason),
				};
			case 'template.relaunch':
				return {
					service,
					name: pickText(def.templateName, nameFromPayload),
					description: pickText(def.description, p.description),
					message: pickText(def.message, p.message),
				};
			case 'template.get':
			case 'template.delete':
				return { service, name: pickText(def.templateName, nameFromPayload) };
			case 'template.getMany':
			case 'sender.getMany':
				return { service, details: pickFlag(def.details, msg.details) ?? false };
			default:
				return { service };
		}
	},
};
