import type { Node, NodeAPI, NodeDef, NodeMessageInFlow } from 'node-red';
import { SmsError, tencent } from '../../../core';
import { accountRunner } from '../../shared/account';
import { failMessage } from '../../shared/errors';
import { pick, pickNumber, pickText } from '../../shared/fields';
import type { OperationRunner } from '../../shared/runner';
import { tencentAccount } from '../tencent-sms-config/tencent-sms-config';

type Run = (runner: OperationRunner, input: unknown) => Promise<unknown[]>;

/** Each "resource.action" with its core operation; the list-shaped ones output an array, the others one object. */
const OPERATIONS: Record<string, { run: Run; list: boolean }> = {
	'template.add': { run: (r, i) => r.run(tencent.addTemplate, i), list: false },
	'template.modify': { run: (r, i) => r.run(tencent.modifyTemplate, i), list: false },
	'template.delete': { run: (r, i) => r.run(tencent.deleteTemplate, i), list: false },
	'template.list': { run: (r, i) => r.run(tencent.listTemplates, i), list: true },
	'sign.add': { run: (r, i) => r.run(tencent.addSign, i), list: false },
	'sign.modify': { run: (r, i) => r.run(tencent.modifySign, i), list: false },
	'sign.delete': { run: (r, i) => r.run(tencent.deleteSign, i), list: false },
	'sign.list': { run: (r, i) => r.run(tencent.listSigns, i), list: true },
	'statistics.send': { run: (r, i) => r.run(tencent.sendStatistics, i), list: false },
	'statistics.callback': { run: (r, i) => r.run(tencent.callbackStatistics, i), list: false },
	'statistics.packages': { run: (r, i) => r.run(tencent.packageStatistics, i), list: true },
};

export const MANAGE_OPERATIONS = Object.keys(OPERATIONS);

export interface TencentSmsManageDef extends NodeDef {
	account: string;
	/** template, sign or statistics */
	resource: string;
	/** add, modify, delete, list; for statistics send, callback, packages (see OPERATIONS). */
	operation: string;
	/** templateId / signId, or for a list a comma-separated list of ids (the node's own `id` is taken). */
	itemId: string;
	/** The template's name, or the sign's text (the node's own `name` is its label). */
	itemName: string;
	content: string;
	smsType: string;
	international: boolean;
	remark: string;
	smsSdkAppId: string;
	beginTime: string;
	endTime: string;
}

/**
 * The operation's input: msg.payload (an object with the core's parameter names, see help.html) with
 * every field set in the node taking precedence.
 */
export function manageInput(def: TencentSmsManageDef, msg: NodeMessageInFlow, defaultAppId?: string): Record<string, unknown> {
	const p = isObject(msg.payload) ? msg.payload : {};
	const resource = def.resource;
	const action = def.operation;
	const out: Record<string, unknown> = { ...p };
	const set = (key: string, value: unknown) => {
		if (value !== undefined) out[key] = value;
	};
	if (resource === 'statistics') {
		set('smsSdkAppId', pickText(def.smsSdkAppId, p.smsSdkAppId, msg.smsSdkAppId, defaultAppId));
		set('beginTime', pickText(def.beginTime, p.beginTime));
		set('endTime', pickText(def.endTime, p.endTime));
		return out;
	}
	const idKey = resource === 'sign' ? 'signId' : 'templateId';
	// Unticked, "International" lets msg.payload.international decide; the core's default otherwise is 0.
	set('international', def.international ? 1 : (p.international ?? 0));
	if (action === 'list') {
		set('ids', idList(pick(def.itemId, p.ids)));
		return out;
	}
	if (action === 'modify' || action === 'delete') set(idKey, pickText(def.itemId, p[idKey]));
	if (action === 'delete') {
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
}

/** Ids as the core wants them: a list, from a list or from "1, 2, 3". */
function idList(value: unknown): unknown {
	if (value === undefined) return undefined;
	if (Array.isArray(value)) return value;
	return String(value)
		.split(/[,;\s]+/)
		.filter((s) => s !== '');
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function runManage(runner: OperationRunner, key: string, input: unknown): Promise<unknown> {
	const known = Object.hasOwn(OPERATIONS, key) ? OPERATIONS[key] : undefined;
	if (!known) throw new SmsError({ provider: 'tencent', code: 'INVALID_INPUT', message: `Unknown operation "${key}".` });
	const items = await known.run(runner, input);
	return known.list ? items : items[0];
}

export function registerTencentSmsManage(RED: NodeAPI): void {
	function TencentSmsManage(this: Node, def: TencentSmsManageDef): void {
		RED.nodes.createNode(this, def);
		const settings = { ...def, resource: def.resource || 'template', operation: def.operation || 'list' };
		const key = `${settings.resource}.${settings.operation}`;
		this.on('input', (msg, send, done) => {
			this.status({ fill: 'blue', shape: 'dot', text: RED._('tencent-sms-manage.status.running') });
			const finished = (result: unknown) => {
				this.status({
					fill: 'green',
					shape: 'dot',
					text: Array.isArray(result)
						? RED._('tencent-sms-manage.status.listed', { count: result.length })
						: RED._('tencent-sms-manage.status.done'),
				});
				msg.payload = result;
				send(msg);
				done();
			};
			const input = manageInput(settings, msg, tencentAccount(RED, def.account)?.smsSdkAppId);
			runManage(accountRunner(RED, def.account, 'tencent'), key, input).then(finished, (caught: unknown) =>
				failMessage(this, done, caught, 'tencent'),
			);
		});
	}

	RED.nodes.registerType('tencent-sms-manage', TencentSmsManage);
}
