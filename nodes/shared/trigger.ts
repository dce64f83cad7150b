import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type IPollFunctions,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { dedupe, PUSH_RETRY_WINDOW_MS, type Seen } from '../../core/dedupe';
import { SmsError } from '../../core/errors';
import { guardCallback, newCallbackToken, TOKEN_FIELD, withToken } from '../../core/guard';
import { lowerCaseHeaders } from '../../core/http';
import {
	pollOf,
	type CallbackAnswer,
	type CallbackOptions,
	type CallbackRequest,
	type InboundEvent,
	type PollState,
	type ProviderModule,
	type Received,
	type SavedRegistration,
} from '../../core/provider';
import { actionContext } from '../../core/run';
import type { N8nProvider } from './provider';
import { connect, credentialType, toNodeError, type RequestContext } from './run';

const MINUTE = 60_000;
/** A first poll run by hand looks back a day, to show sample data; an active trigger starts almost from now. */
const MANUAL_LOOKBACK_MS = 24 * 60 * MINUTE;
const ACTIVE_LOOKBACK_MS = 5 * MINUTE;

/** A provider's triggers: the module, and the account a trigger listens on from its parameters. */
export interface TriggerBinding {
	provider: N8nProvider;
	account(ctx: RequestContext, credentials?: ICredentialDataDecryptedObject): Promise<string>;
}

/** Every inbound event as the editor lists it; a trigger offers those its module pushes. */
export const EVENT_OPTIONS: Record<InboundEvent, { name: string; description: string }> = {
	incoming: { name: 'Incoming SMS', description: 'An SMS received from a phone (e.g. a reply)' },
	delivery: { name: 'Delivery Report', description: 'A sent message was delivered or failed' },
	review: { name: 'Template Review', description: 'A template (or sign) finished its review: approved or rejected' },
};

function eventOptionsField(events: InboundEvent[]): INodeProperties {
	const field: INodeProperties = {
		displayName: 'Event',
		name: 'event',
		type: 'options',
		default: 'incoming',
		options: events.map((value) => ({ ...EVENT_OPTIONS[value], value })),
	};
	if (!events.includes('incoming')) field.default = events[0];
	return field;
}

/** The Event field of a module's triggers: one option per event it pushes (`inbound.methods`), in that order. */
export function eventFieldFor(module: ProviderModule): INodeProperties {
	return eventOptionsField(Object.keys(module.inbound.methods) as InboundEvent[]);
}

/** Incoming SMS and delivery reports: the events every provider has. */
export const eventField: INodeProperties = eventOptionsField(['incoming', 'delivery']);

/**
 * The fields of a webhook trigger whose provider signs its pushes (`inbound.signed`): the switch that turns the
 * check off. The secret is in the credential; `webhookSecret` is kept hidden so workflows saved when it was a
 * node field still read it.
 */
export const signatureFields: INodeProperties[] = [
	{
		displayName: 'Check Signature',
		name: 'checkSignature',
		type: 'boolean',
		default: true,
		description:
			"Whether to refuse pushes that are not signed with the credential's Webhook Secret. Turning this off lets anyone who knows the URL start the workflow with any content; only do it for unsigned (legacy) pushes.",
	},
	{ displayName: 'Webhook Secret (Legacy)', name: 'webhookSecret', type: 'hidden', default: '' },
];

/** Every webhook trigger's options: the addresses its provider calls from. */
export const webhookOptionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Allowed IPs',
			name: 'allowedIps',
			type: 'string',
			default: '',
			placeholder: '203.0.113.0/24, 2001:db8::/32',
			description:
				'Comma-separated addresses or CIDR ranges the provider calls from; a request from any other address is refused (403). Empty: any address.',
		},
	],
};

/** The trigger's subtitle on the canvas: the chosen event's name. */
export const eventSubtitle = `={{ ${Object.entries(EVENT_OPTIONS)
	.map(([value, o]) => `$parameter["event"] === "${value}" ? "${o.name}" : `)
	.join('')}"" }}`;

const eventOf = (ctx: RequestContext) => ctx.getNodeParameter('event', 'incoming') as InboundEvent;

const toItems = (received: Received[]): INodeExecutionData[] => received.map((r) => ({ json: r.payload as IDataObject }));

/** A key set stored by an older version (a list) is not a Seen: start afresh. */
function seenOf(value: unknown): Seen {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Seen) : {};
}

async function guarded<T>(ctx: RequestContext, binding: TriggerBinding, work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw toNodeError(ctx.getNode(), binding.provider, error);
	}
}

/** The credential field holding the token of providers whose callback URL is pasted into their console. */
export const CALLBACK_TOKEN_FIELD = 'callbackToken';
/** The credential field holding the secret a signing provider signs its pushes with. */
export const WEBHOOK_SECRET_FIELD = 'webhookSecret';

/** The trigger's credential, or undefined when it has none (a workflow saved before it needed one). */
async function credentialsOf(ctx: RequestContext, binding: TriggerBinding) {
	return ctx.getCredentials(credentialType(ctx, binding.provider)).catch(() => undefined);
}

const textOf = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * The token a callback must carry, for providers that do not sign: one of the trigger's own when it registers
 * its URL itself (made at registration, in static data), else the credential's Callback Token, pasted with
 * the URL into the provider's console. Undefined: no token, so every callback is refused.
 */
function callbackToken(ctx: RequestContext, binding: TriggerBinding, credentials?: ICredentialDataDecryptedObject) {
	const { module } = binding.provider;
	if (module.webhook) return textOf(ctx.getWorkflowStaticData('node').callbackToken) || undefined;
	return textOf(credentials?.[CALLBACK_TOKEN_FIELD]) || undefined;
}

/** A trigger whose URL is pasted by hand cannot accept anything without a token: refuse to activate it. */
async function requireConsoleToken(ctx: IHookFunctions, binding: TriggerBinding): Promise<void> {
	const { module } = binding.provider;
	if (module.inbound.signed || callbackToken(ctx, binding, await credentialsOf(ctx, binding))) return;
	throw new NodeOperationError(
		ctx.getNode(),
		'The credential has no Callback Token, so this trigger would refuse every callback',
		{
			description: `Set a Callback Token in the trigger's credential, then paste the Production URL followed by ?token=<the Callback Token> into the ${module.name} console.`,
		},
	);
}

/**
 * Webhook lifecycle over the module's registration API (OVHcloud), which registers the URL with a token of the
 * trigger's own; providers without one are set up in their console, where the URL is pasted with the
 * credential's token. What registration took over is kept in static data to put it back.
 */
export const webhookLifecycle = {
	async checkExists(ctx: IHookFunctions, binding: TriggerBinding): Promise<boolean> {
		const { module } = binding.provider;
		if (!module.webhook) {
			await requireConsoleToken(ctx, binding);
			return true;
		}
		const data = ctx.getWorkflowStaticData('node');
		// Without a saved registration there would be nothing to restore: register (again), which saves one.
		if (!data.registration || !callbackToken(ctx, binding)) return false;
		return guarded(ctx, binding, async () => {
			const deps = await connect(ctx, binding.provider);
			const account = await binding.account(ctx, deps.credentials);
			const url = withToken(ctx.getNodeWebhookUrl('default')!, callbackToken(ctx, binding)!);
			return module.webhook!.isRegistered(actionContext(module, deps), { account, event: eventOf(ctx), url });
		});
	},
	async create(ctx: IHookFunctions, binding: TriggerBinding): Promise<boolean> {
		const { module } = binding.provider;
		if (!module.webhook) {
			await requireConsoleToken(ctx, binding);
			return true;
		}
		const data = ctx.getWorkflowStaticData('node');
		// One token per trigger, kept when it is deactivated: a URL of its own left on the account stays recognisable.
		if (!callbackToken(ctx, binding)) data.callbackToken = newCallbackToken();
		data.registration = await guarded(ctx, binding, async () => {
			const deps = await connect(ctx, binding.provider);
			const account = await binding.account(ctx, deps.credentials);
			const url = withToken(ctx.getNodeWebhookUrl('default')!, callbackToken(ctx, binding)!);
			const saved = data.registration as SavedRegistration | undefined;
			return module.webhook!.register(actionContext(module, deps), { account, event: eventOf(ctx), url, saved });
		});
		return true;
	},
	async delete(ctx: IHookFunctions, binding: TriggerBinding): Promise<boolean> {
		const { module } = binding.provider;
		const data = ctx.getWorkflowStaticData('node');
		const saved = data.registration as SavedRegistration | undefined;
		if (!module.webhook || !saved) return true;
		await guarded(ctx, binding, async () => {
			const deps = await connect(ctx, binding.provider);
			await module.webhook!.restore(actionContext(module, deps), saved);
		});
		delete data.registration;
		return true;
	},
};

function answer(ctx: IWebhookFunctions, reply: CallbackAnswer): void {
	const res = ctx.getResponseObject();
	res.setHeader('Content-Type', reply.contentType);
	res.status(reply.status).send(reply.body);
}

/**
 * The keys each webhook trigger has emitted, shared by the requests this process serves at once. n8n reads a
 * workflow's static data when a request starts and saves it whole when the request ends, so concurrent
 * requests each see the same old keys and the last to finish drops the others' (what made repeated pushes
 * start workflows under load). Checked and updated here with no await between, the map holds in one process;
 * the union is also written to static data, which is what outlives a restart. n8n's saves of one burst may land
 * out of order, leaving an older union; the next request that reads it writes the whole union again. Several
 * processes (queue mode, several mains) do not share this map: there only the static data is shared, with the
 * same last-write race as before.
 */
const seenByTrigger = new Map<string, Seen>();

/** The fresh events of a callback, remembered at once in the shared map and in static data. */
function firstTime(ctx: IWebhookFunctions, received: Received[], now: number): Received[] {
	const trigger = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}:${ctx.getMode()}`;
	const data = ctx.getWorkflowStaticData('node');
	const stored = seenOf(data.seen);
	const known = { ...stored, ...seenByTrigger.get(trigger) };
	const { fresh, seen } = dedupe(
		received,
		(r) => r.key,
		() => now,
		known,
		now - PUSH_RETRY_WINDOW_MS,
	);
	seenByTrigger.set(trigger, seen);
	// Written only when it differs from what was read: a repeat then saves nothing, which spares the database.
	if (!sameKeys(stored, seen)) data.seen = seen;
	return fresh;
}

function sameKeys(a: Seen, b: Seen): boolean {
	const keys = Object.keys(a);
	return keys.length === Object.keys(b).length && keys.every((key) => key in b);
}

/**
 * One callback: let in by the guard (size, content type, source address, token), parsed by the module,
 * answered as the provider expects, and emitted once — providers push again when unsure the first push
 * arrived, so keys are remembered for the retry window. A refusal answers its status and reason, starts nothing.
 */
export async function receiveWebhook(ctx: IWebhookFunctions, binding: TriggerBinding): Promise<IWebhookResponseData> {
	const { module } = binding.provider;
	const now = Date.now();
	const req = ctx.getRequestObject();
	const headers = lowerCaseHeaders(ctx.getHeaderData() as Record<string, string>);
	const query = { ...(ctx.getQueryData() as Record<string, unknown>) };
	// n8n keeps the bytes it parsed the body from (req.rawBody): their length, and the signature is over them.
	const rawBody = (req as { rawBody?: Buffer }).rawBody;
	// The token or secret of a provider set up in its console is in the credential; OVHcloud's is in static data.
	const credentials = module.webhook ? undefined : await credentialsOf(ctx, binding);
	const options = (ctx.getNodeParameter('options', {}) ?? {}) as { allowedIps?: string };
	const refusal = guardCallback(
		module,
		{ method: req.method ?? 'POST', headers, query, ip: req.ip ?? req.socket?.remoteAddress, bodyBytes: rawBody?.length },
		{ token: callbackToken(ctx, binding, credentials), allowedIps: options.allowedIps },
	);
	if (refusal) {
		answer(ctx, refusal);
		return { noWebhookResponse: true };
	}
	// The token proved the sender; it is no part of the event (nor of the items a run saves).
	delete query[TOKEN_FIELD];
	let received: Received[];
	try {
		const account = await binding.account(ctx, credentials);
		const request: CallbackRequest = { method: req.method ?? 'POST', query, body: ctx.getBodyData() };
		const parseOptions: CallbackOptions = { event: eventOf(ctx), account, now };
		if (module.inbound.signed) {
			request.headers = headers;
			request.rawBody = rawBody;
			parseOptions.secret =
				textOf(credentials?.[WEBHOOK_SECRET_FIELD]) || textOf(ctx.getNodeParameter('webhookSecret', '')) || undefined;
			parseOptions.verify = ctx.getNodeParameter('checkSignature', true) !== false;
		}
		received = module.inbound.parse(request, parseOptions);
	} catch (error) {
		// A malformed callback starts nothing; the provider gets the reason.
		if (!(error instanceof SmsError)) throw toNodeError(ctx.getNode(), binding.provider, error);
		answer(ctx, module.inbound.answer(error));
		return { noWebhookResponse: true };
	}
	const fresh = firstTime(ctx, received, now);
	// Answered here rather than through webhookResponse, which n8n 2.x replaces by its responseData default.
	answer(ctx, module.inbound.answer());
	return fresh.length ? { noWebhookResponse: true, workflowData: [toItems(fresh)] } : { noWebhookResponse: true };
}

/**
 * One poll: the module's step from the stored state; the new state is stored before `ack` (e.g. deleting what
 * was read). A run by hand starts afresh and stores nothing, so it neither moves nor consumes the cursor of
 * the active trigger.
 */
export async function pollOnce(ctx: IPollFunctions, binding: TriggerBinding): Promise<INodeExecutionData[][] | null> {
	const { module } = binding.provider;
	const manual = ctx.getMode() === 'manual';
	const data = ctx.getWorkflowStaticData('node');
	const result = await guarded(ctx, binding, async () => {
		const deps = await connect(ctx, binding.provider);
		const account = await binding.account(ctx, deps.credentials);
		const options = { event: eventOf(ctx), account, lookbackMs: manual ? MANUAL_LOOKBACK_MS : ACTIVE_LOOKBACK_MS };
		const state = manual ? undefined : (data.poll as PollState | undefined);
		const step = await pollOf(module).step(actionContext(module, deps), options, state);
		if (!manual) {
			data.poll = step.state as unknown as IDataObject;
			await step.ack?.();
		}
		return step;
	});
	return result.items.length ? [toItems(result.items)] : null;
}
