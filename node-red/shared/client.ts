import type { Node, NodeAPI, NodeDef, NodeStatus } from 'node-red';
import {
	digestOf,
	joinKey,
	mapLimit,
	runAction,
	SmsError,
	splitReceivers,
	type ProviderModule,
	type SendResult,
} from '../../core';
import { requireAccount, settingsPrefix } from './account';
import { asSmsError, NodeRedSmsError } from './errors';
import { Coalescer } from './coalesce';
import { isSet, sendingFields } from './fields';
import { onInput, type Outcome } from './handler';
import type { ActionInput, ClientRole, Fields, NodeRedProvider } from './provider';

export type ClientKind = 'send' | 'status' | 'manage';

/** Runs for several inputs (e.g. the results of a send node) go a few at a time. */
const CONCURRENCY = 4;

export const clientType = (module: ProviderModule, kind: ClientKind) => `${module.id}-sms-${kind}`;

/** The action a saved node runs: its operation (older names mapped), or the role's default. */
export function actionOf(role: ClientRole, fields: Fields): string {
	const saved = role.saved?.(fields) ?? String(fields.operation ?? '');
	return role.renamed?.[saved] ?? (saved || role.defaultAction);
}

/**
 * `<id>-sms-send`, `-status`, `-manage`: one implementation, parametrised by the provider's module and the
 * node's field mapping. The action runs through core's runAction with the account's session; the output
 * is the action's items (or one object for actions that answer one), with the action name as msg.topic.
 */
export function registerClient(RED: NodeAPI, provider: NodeRedProvider, kind: ClientKind): void {
	const { module } = provider;
	const role = provider[kind];
	const type = clientType(module, kind);
	for (const name of Object.keys(role.actions)) {
		if (!module.actions[name]) throw new Error(`${type}: the ${module.name} module has no action "${name}"`);
	}

	function SmsClient(this: Node, def: NodeDef & Fields): void {
		RED.nodes.createNode(this, def);
		// Kept for the node's life: e.g. Tencent template texts, read once.
		const cache = new Map<string, unknown>();
		const action = actionOf(role, def);
		const sends = module.actions[action]?.sends ?? false;
		// Sends of equal messages arriving within the node's window are joined (core/bulk.ts); 0: each alone.
		const recipients = module.actions[action]?.recipients;
		const windowMs = Number(def.coalesceMs);
		let coalescer: Coalescer | undefined;
		// Progress of the sends under way: recipients taken in, and settled, since the node was last idle.
		const progress = { total: 0, done: 0 };
		const running = (): NodeStatus => ({
			fill: 'blue',
			shape: 'dot',
			text:
				sends && progress.total > progress.done
					? `${RED._('smskit.status.sending')} ${progress.done}/${progress.total}`
					: RED._(sends ? 'smskit.status.sending' : 'smskit.status.running'),
		});
		onInput(this, module, running, async (msg): Promise<Outcome> => {
			const offered = role.actions[action];
			if (!offered) throw unknownAction(module, role, action);
			const account = requireAccount(RED, def.account, module);
			const given = role.input(action, def, msg, account);
			const input = sends && !Array.isArray(given) ? { ...given, ...sendingFields(def, msg) } : given;
			const deps = account.deps(cache);
			const alone = async (one: ActionInput) => {
				const items = await runAction(module, action, one, deps);
				return offered.one ? items[0] : items;
			};
			let joined: string | undefined;
			if (recipients && windowMs > 0 && !Array.isArray(input)) {
				coalescer ??= new Coalescer(
					module.id,
					windowMs,
					recipients,
					(joined) => runAction(module, action, joined, deps),
					module.actions[action]?.batchSize,
				);
				// Joined sends share one key unless the message gives its own: the message id would tell them apart.
				// That key is made from what the sends share, so what they share also groups them (one joinKey).
				if (!isSet(def.idempotencyKey) && !isSet(msg.idempotencyKey)) {
					joined = joinKey({ ...input, idempotencyKey: '' }, recipients);
					input.idempotencyKey = `nr-${this.id}-${digestOf(joined)}`;
				}
			}
			const count = sends && !Array.isArray(input) ? splitReceivers(input[recipients ?? ''] ?? '').length : 0;
			progress.total += count;
			const run = async (one: ActionInput) => {
				try {
					return coalescer && one === input ? await coalescer.add(one, count, joined) : await alone(one);
				} finally {
					progress.done += count;
					if (progress.done >= progress.total) progress.total = progress.done = 0;
				}
			};
			if (Array.isArray(input)) {
				const payload = await mapLimit(input, CONCURRENCY, run);
				return { payload, topic: action, status: green(countText(RED, payload)) };
			}
			const payload = await run(input);
			// A send answers one result per recipient; a sending action that answers one object (a resend) has no recipients.
			if (sends && Array.isArray(payload))
				return { payload, topic: action, ...sendOutcome(RED, module, payload as SendResult[]) };
			const text = Array.isArray(payload) ? RED._('smskit.status.listed', { count: payload.length }) : oneText(RED, payload);
			return { payload, topic: action, status: green(text) };
		});
	}

	RED.nodes.registerType(
		type,
		SmsClient as never,
		{
			// RED.settings.<type>Actions: the editor's operation list is the role's action names.
			settings: {
				[`${settingsPrefix(type)}Actions`]: {
					value: { actions: Object.keys(role.actions), renamed: role.renamed ?? {}, default: role.defaultAction },
					exportable: true,
				},
			},
		} as never,
	);
}

const green = (text: string): NodeStatus => ({ fill: 'green', shape: 'dot', text });

/** The order outcomes are counted in on the status ("sent 3, 1 unknown"). */
const OUTCOMES: Array<SendResult['status']> = ['queued', 'already_sent', 'unknown', 'not_sent', 'rejected'];

/**
 * Every recipient reached (sent now or by an earlier run): green. Some: yellow. None: the results still go
 * out, and the message fails for Catch nodes. The status counts each outcome.
 */
function sendOutcome(RED: NodeAPI, module: ProviderModule, results: SendResult[]): Omit<Outcome, 'payload' | 'topic'> {
	// Made only if shown: translating it for each of 10,000 messages took a third of their time.
	const text = () =>
		OUTCOMES.map((outcome) => [outcome, results.filter((r) => r.status === outcome).length] as const)
			.filter(([, n]) => n > 0)
			.map(([outcome, n]) => RED._(`smskit.outcome.${outcome}`, { count: n }))
			.join(', ');
	const reached = results.filter((r) => r.status === 'queued' || r.status === 'already_sent').length;
	if (reached === results.length) return { status: () => green(text()) };
	if (reached) return { status: () => ({ fill: 'yellow', shape: 'dot', text: text() }) };
	const error = nothingSent(module, results);
	return { status: { fill: 'red', shape: 'dot', text: error.code }, error: new NodeRedSmsError(asSmsError(error, module)) };
}

export function nothingSent(module: ProviderModule, results: SendResult[]): SmsError {
	const shown = results
		.slice(0, 3)
		.map((r) => `${r.to}: ${r.error ? `${r.error.code}, ${r.error.message}` : r.status}`)
		.join('; ');
	const more = results.length > 3 ? `; and ${results.length - 3} more` : '';
	const unknown = results.some((r) => r.status === 'unknown');
	return new SmsError({
		provider: module.id,
		code: 'NOTHING_SENT',
		message: unknown
			? `No recipient is known to have been reached, and some may have been (${shown}${more}).`
			: `No recipient was reached, nothing was sent (${shown}${more}).`,
		hint: unknown
			? 'msg.payload has the result of each recipient; check the delivery status of the unknown ones before sending again.'
			: 'msg.payload has the result of each recipient.',
		kind: unknown ? 'unknown' : results.some((r) => r.status === 'not_sent') ? 'not_sent' : 'provider',
	});
}

/** Several one-object runs: counted by status when they have one ("2 delivered, 1 pending"). */
function countText(RED: NodeAPI, items: unknown[]): string {
	const statuses = items.map((item) => (item as { status?: unknown } | undefined)?.status);
	if (!items.length || !statuses.every((s) => typeof s === 'string'))
		return RED._('smskit.status.listed', { count: items.length });
	const counts = new Map<string, number>();
	for (const status of statuses as string[]) counts.set(status, (counts.get(status) ?? 0) + 1);
	return [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
}

function oneText(RED: NodeAPI, item: unknown): string {
	const status = (item as { status?: unknown } | undefined)?.status;
	return typeof status === 'string' ? status : RED._('smskit.status.done');
}

function unknownAction(module: ProviderModule, role: ClientRole, action: string): SmsError {
	return new SmsError({
		provider: module.id,
		code: 'UNKNOWN_OPERATION',
		message: `This node has no operation "${action}".`,
		hint: `Open the node and choose one of: ${Object.keys(role.actions).join(', ')}.`,
	});
}
