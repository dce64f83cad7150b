import { account } from './accounts';
import { badRequest, conflict, notFound } from './errors';
import { bodyObject, nullableString, optionalEnum, optionalString, ovhDatetime, requiredEnum, requiredString } from './params';
import type { OvhCall, OvhRoute } from './routes';
import type { ModerationStatus, SenderType, SmsAccount, SmsSender, TemplateControl } from './state';

const ACTIVITIES = ['alerting', 'authentification', 'transactional'] as const;
const STATUSES = ['disable', 'enable', 'refused', 'waitingValidation'] as const;

/** Senders (§8.8) and template moderation (§8.9); approval happens through the control API. */
export const moderationRoutes: readonly OvhRoute[] = [
	{ method: 'GET', path: '/sms/{serviceName}/senders', auth: 'signed', handle: (call) => [...account(call).senders.keys()] },
	{ method: 'POST', path: '/sms/{serviceName}/senders', auth: 'signed', handle: addSender },
	{ method: 'GET', path: '/sms/{serviceName}/senders/{sender}', auth: 'signed', handle: (call) => senderView(sender(call)) },
	{ method: 'PUT', path: '/sms/{serviceName}/senders/{sender}', auth: 'signed', handle: updateSender },
	{ method: 'DELETE', path: '/sms/{serviceName}/senders/{sender}', auth: 'signed', handle: deleteSender },
	{
		method: 'GET',
		path: '/sms/{serviceName}/templatesControl',
		auth: 'signed',
		handle: (call) => [...account(call).templatesControl.keys()],
	},
	{ method: 'POST', path: '/sms/{serviceName}/templatesControl', auth: 'signed', handle: addTemplate },
	{
		method: 'GET',
		path: '/sms/{serviceName}/templatesControl/{name}',
		auth: 'signed',
		handle: (call) => templateView(template(call)),
	},
	{ method: 'PUT', path: '/sms/{serviceName}/templatesControl/{name}', auth: 'signed', handle: updateTemplate },
	{ method: 'DELETE', path: '/sms/{serviceName}/templatesControl/{name}', auth: 'signed', handle: deleteTemplate },
	{
		method: 'POST',
		path: '/sms/{serviceName}/templatesControl/{name}/relaunchValidation',
		auth: 'signed',
		handle: relaunchValidation,
	},
];

/** Up to 11 letters, digits, spaces, `.`, `-` or `_`, at least one letter: an alphanumeric sender. */
const ALPHA_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9 ._-]{1,11}$/;
const SHORTCODE_SENDER = /^\d{4,6}$/;
const NUMERIC_SENDER = /^(\+|00)?\d{7,15}$/;

export function senderType(name: string): SenderType | null {
	if (ALPHA_SENDER.test(name)) return 'alpha';
	if (SHORTCODE_SENDER.test(name)) return 'shortcode';
	if (NUMERIC_SENDER.test(name)) return 'numeric';
	return null;
}

function sender(call: OvhCall): SmsSender {
	const found = account(call).senders.get(call.params.sender);
	if (!found) throw notFound(`The requested object (sender = ${call.params.sender}) does not exist`);
	return found;
}

/** `sms.Sender`. */
export function senderView(sender: SmsSender): unknown {
	return {
		comment: sender.comment,
		description: sender.description,
		referer: 'custom',
		sender: sender.sender,
		status: sender.status,
		type: sender.type,
		validationMedia: null,
	};
}

/** `POST /senders`: a new sender waits for moderation; answers its name. */
function addSender(call: OvhCall): string {
	const target = account(call);
	const body = bodyObject(call.body);
	const name = requiredString(body, 'sender');
	const type = senderType(name);
	if (type === null) {
		throw badRequest('[sender] Invalid sender: up to 11 letters and digits (one letter at least), or a phone number');
	}
	if (target.senders.has(name)) throw conflict(`The sender ${name} already exists`);
	target.senders.set(name, {
		sender: name,
		description: optionalString(body, 'description') ?? '',
		status: 'waitingValidation',
		type,
		comment: null,
		reason: optionalString(body, 'reason') ?? null,
	});
	return name;
}

/** `PUT /senders/{sender}`: the description, and `status` between `enable` and `disable` once validated. */
function updateSender(call: OvhCall): undefined {
	const found = sender(call);
	const body = bodyObject(call.body);
	const description = nullableString(body, 'description');
	const status = optionalEnum(body, 'status', STATUSES);
	if (status !== undefined) found.status = toggledStatus(found.status, status);
	if (description !== undefined) found.description = description ?? '';
	return undefined;
}

function deleteSender(call: OvhCall): undefined {
	const found = sender(call);
	account(call).senders.delete(found.sender);
	return undefined;
}

/** Moderation decides `waitingValidation` and `refused`; the owner may only switch `enable` ↔ `disable`. */
function toggledStatus(current: ModerationStatus, requested: ModerationStatus): ModerationStatus {
	if (requested === current) return current;
	const switchable = (s: ModerationStatus) => s === 'enable' || s === 'disable';
	if (!switchable(current) || !switchable(requested)) {
		throw badRequest(`[status] Cannot go from ${current} to ${requested}: only moderation validates or refuses`);
	}
	return requested;
}

function template(call: OvhCall): TemplateControl {
	const found = account(call).templatesControl.get(call.params.name);
	if (!found) throw notFound(`The requested object (name = ${call.params.name}) does not exist`);
	return found;
}

/** `sms.TemplateControl`. */
export function templateView(template: TemplateControl): unknown {
	return {
		activity: template.activity,
		comment: template.comment,
		datetime: ovhDatetime(template.datetime),
		description: template.description,
		message: template.message,
		name: template.name,
		status: template.status,
	};
}

function nonEmpty(body: Record<string, unknown>, key: string): string {
	const value = requiredString(body, key);
	if (value.trim() === '') throw badRequest(`[${key}] Property is mandatory`);
	return value;
}

/** `POST /templatesControl`: answers void; the template waits for moderation. */
function addTemplate(call: OvhCall): undefined {
	const target = account(call);
	const body = bodyObject(call.body);
	const activity = requiredEnum(body, 'activity', ACTIVITIES);
	const message = nonEmpty(body, 'message');
	const name = nonEmpty(body, 'name');
	if (target.templatesControl.has(name)) throw conflict(`The template ${name} already exists`);
	target.templatesControl.set(name, {
		name,
		activity,
		message,
		description: optionalString(body, 'description') ?? '',
		reason: optionalString(body, 'reason') ?? null,
		status: 'waitingValidation',
		comment: '',
		datetime: Math.floor(call.smsNow / 1000) * 1000,
	});
	return undefined;
}

/**
 * `PUT /templatesControl/{name}` with a partial `sms.TemplateControl`: a new message goes back to
 * moderation; a new name must be free; `status` only between `enable` and `disable`.
 */
function updateTemplate(call: OvhCall): undefined {
	const target = account(call);
	const found = template(call);
	const body = bodyObject(call.body);
	const activity = optionalEnum(body, 'activity', ACTIVITIES);
	const description = nullableString(body, 'description');
	const message = body.message === undefined ? undefined : nonEmpty(body, 'message');
	const name = body.name === undefined ? undefined : nonEmpty(body, 'name');
	const status = optionalEnum(body, 'status', STATUSES);
	if (name !== undefined && name !== found.name && target.templatesControl.has(name)) {
		throw conflict(`The template ${name} already exists`);
	}
	const nextStatus = status === undefined ? found.status : toggledStatus(found.status, status);

	if (activity !== undefined) found.activity = activity;
	if (description !== undefined) found.description = description ?? '';
	found.status = nextStatus;
	if (message !== undefined && message !== found.message) {
		found.message = message;
		found.status = 'waitingValidation';
		found.comment = '';
	}
	if (name !== undefined && name !== found.name) rename(target, found, name);
	return undefined;
}

function rename(target: SmsAccount, found: TemplateControl, name: string): void {
	target.templatesControl.delete(found.name);
	found.name = name;
	target.templatesControl.set(name, found);
}

function deleteTemplate(call: OvhCall): undefined {
	const found = template(call);
	account(call).templatesControl.delete(found.name);
	return undefined;
}

/** `POST /templatesControl/{name}/relaunchValidation` {description, message}: back to `waitingValidation`. */
function relaunchValidation(call: OvhCall): undefined {
	const found = template(call);
	const body = bodyObject(call.body);
	const description = requiredString(body, 'description');
	const message = nonEmpty(body, 'message');
	found.description = description;
	found.message = message;
	found.status = 'waitingValidation';
	found.comment = '';
	return undefined;
}
