import type { Node, NodeAPI, NodeDef, NodeMessageInFlow } from 'node-red';
import { ovh, SmsError } from '../../../core';
import { accountRunner } from '../../shared/account';
import { mapLimit } from '../../shared/each';
import { failMessage } from '../../shared/errors';
import { pick, pickFlag, pickText } from '../../shared/fields';
import type { OperationRunner } from '../../shared/runner';

export const TEMPLATE_OPERATIONS = ['add', 'list', 'get', 'delete', 'relaunch', 'listSenders'] as const;
export type TemplateOperation = (typeof TEMPLATE_OPERATIONS)[number];

const CONCURRENCY = 4;

export interface OvhSmsTemplatesDef extends NodeDef {
	account: string;
	operation: TemplateOperation;
	service: string;
	/** The template's name (the node's own `name` is its label). */
	templateName: string;
	activity: string;
	message: string;
	description: string;
	reason: string;
	details: boolean;
}

/**
 * The operation's input: msg.payload (an object with the core's parameter names — name, activity, message,
 * description, reason — or, for get, delete and relaunch, the template's name as a string) with every field
 * set in the node taking precedence. The service: the node's, else msg.service, else msg.payload.service.
 */
export function templateInput(def: OvhSmsTemplatesDef, msg: NodeMessageInFlow): Record<string, unknown> {
	const p = isObject(msg.payload) ? msg.payload : {};
	const nameFromPayload = typeof msg.payload === 'string' ? msg.payload : p.name;
	const service = pickText(def.service, msg.service, p.service);
	switch (def.operation) {
		case 'add':
			return {
				service,
				name: pickText(def.templateName, p.name),
				activity: pickText(def.activity, p.activity),
				message: pickText(def.message, p.message),
				description: pick(def.description, p.description),
				reason: pick(def.reason, p.reason),
			};
		case 'relaunch':
			return {
				service,
				name: pickText(def.templateName, nameFromPayload),
				description: pickText(def.description, p.description),
				message: pickText(def.message, p.message),
			};
		case 'get':
		case 'delete':
			return { service, name: pickText(def.templateName, nameFromPayload) };
		default:
			return { service };
	}
}

export async function runTemplates(
	runner: OperationRunner,
	operation: string,
	input: Record<string, unknown>,
	details: boolean,
): Promise<unknown> {
	switch (operation) {
		case 'add':
			return runner.run(ovh.addTemplate, input);
		case 'get':
			return runner.run(ovh.getTemplate, input);
		case 'delete':
			return runner.run(ovh.deleteTemplate, input);
		case 'relaunch':
			return runner.run(ovh.relaunchTemplate, input);
		case 'list': {
			const names = await runner.run(ovh.listTemplateNames, input);
			if (!details) return names;
			return mapLimit(names, CONCURRENCY, (name) => runner.run(ovh.getTemplate, { service: input.service, name }));
		}
		case 'listSenders': {
			const names = await runner.run(ovh.listSenderNames, input);
			if (!details) return names;
			return mapLimit(names, CONCURRENCY, (sender) => runner.run(ovh.getSender, { service: input.service, sender }));
		}
		default:
			throw new SmsError({ provider: 'ovh', code: 'INVALID_INPUT', message: `Unknown operation "${operation}".` });
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function registerOvhSmsTemplates(RED: NodeAPI): void {
	function OvhSmsTemplates(this: Node, def: OvhSmsTemplatesDef): void {
		RED.nodes.createNode(this, def);
		const settings = { ...def, operation: def.operation || 'list' };
		this.on('input', (msg, send, done) => {
			this.status({ fill: 'blue', shape: 'dot', text: RED._('ovh-sms-templates.status.running') });
			const finished = (result: unknown) => {
				this.status({
					fill: 'green',
					shape: 'dot',
					text: Array.isArray(result)
						? RED._('ovh-sms-templates.status.listed', { count: result.length })
						: RED._('ovh-sms-templates.status.done'),
				});
				msg.payload = result;
				send(msg);
				done();
			};
			const details = pickFlag(settings.details, msg.details) ?? false;
			Promise.resolve()
				.then(() =>
					runTemplates(accountRunner(RED, def.account, 'ovh'), settings.operation, templateInput(settings, msg), details),
				)
				.then(finished, (caught: unknown) => failMessage(this, done, caught, 'ovh'));
		});
	}

	RED.nodes.registerType('ovh-sms-templates', OvhSmsTemplates);
}
