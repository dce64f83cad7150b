import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeProperties,
	IPollFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { dedupe, PUSH_RETRY_WINDOW_MS, type Seen } from '../../core/dedupe';
import { SmsError } from '../../core/errors';
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
import { connect, toNodeError, type RequestContext } from './run';

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
 * The fields of a webhook trigger whose provider signs its pushes (`inbound.signed`): the secret the
 * signature is checked with, and the switch that turns the check off.
 */
export const signatureFields: INodeProperties[] = [
	{
		displayName: 'Webhook Secret',
		name: 'webhookSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			'The secret the provider signs its webhooks with; a push whose signature does not match it, or is older than 5 minutes, is refused (401) and starts nothing',
	},
	{
		displayName: 'Check Signature',
		name: 'checkSignature',
		type: 'boolean',
		default: true,
		description:
			'Whether to refuse pushes that are not signed with the Webhook Secret. Turning this off lets anyone who knows the URL start the workflow with any content; only do it for unsigned (legacy) pushes.',
	},
];

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

/**
 * Webhook lifecycle over the module's registration API (OVHcloud); providers without one are set up in their
 * console, so there is nothing to do. What registration took over is kept in static data to put it back.
 */
export const webhookLifecycle = {
	async checkExists(ctx: IHookFunctions, binding: TriggerBinding): Promise<boolean> {
		const { module } = binding.provider;
		if (!module.webhook) return true;
		// Without a saved registration there would be nothing to restore: register (again), which saves one.
		if (!ctx.getWorkflowStaticData('node').registration) return false;
		return guarded(ctx, binding, async () => {
			const deps = await connect(ctx, binding.provider);
			const account = await binding.account(ctx, deps.credentials);
			const url = ctx.getNodeWebhookUrl('default')!;
			return module.webhook!.isRegistered(actionContext(module, deps), { account, event: eventOf(ctx), url });
		});
	},
	async create(ctx: IHookFunctions, binding: TriggerBinding): Promise<boolean> {
		const { module } = binding.provider;
		if (!module.webhook) return true;
		const data = ctx.getWorkflowStaticData('node');
		data.registration = await guarded(ctx, binding, async () => {
			const deps = await connect(ctx, binding.provider);
			const account = await binding.account(ctx, deps.credentials);
			const url = ctx.getNodeWebhookUrl('default')!;
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
 * One callback: parsed by the module, answered as the provider expects, and emitted once — providers push
 * again when unsure the first push arrived, so keys are remembered for the retry window.
 */
export async function receiveWebhook(ctx: IWebhookFunctions, binding: TriggerBinding): Promise<IWebhookResponseData> {
	const { module } = binding.provider;
	const now = Date.now();
	let received: Received[];
	try {
		const account = await binding.account(ctx);
		const req = ctx.getRequestObject();
		const request: CallbackRequest = {
			method: req.method ?? 'POST',
			query: ctx.getQueryData() as Record<string, unknown>,
			body: ctx.getBodyData(),
		};
		const options: CallbackOptions = { event: eventOf(ctx), account, now };
		if (module.inbound.signed) {
			// n8n keeps the bytes it parsed the body from (req.rawBody): the signature is over them.
			request.headers = lowerCaseHeaders(ctx.getHeaderData() as Record<string, string>);
			request.rawBody = (req as { rawBody?: Buffer }).rawBody;
			options.secret = String(ctx.getNodeParameter('webhookSecret', '') ?? '').trim() || undefined;
			options.verify = ctx.getNodeParameter('checkSignature', true) !== false;
		}
		received = module.inbound.parse(request, options);
	} catch (error) {
		// A malformed callback starts nothing; the provider gets the reason.
		if (!(error instanceof SmsError)) throw toNodeError(ctx.getNode(), binding.provider, error);
		answer(ctx, module.inbound.answer(error));
		return { noWebhookResponse: true };
	}
	const data = ctx.getWorkflowStaticData('node');
	const { fresh, seen } = dedupe(
		received,
		(r) => r.key,
		() => now,
		seenOf(data.seen),
		now - PUSH_RETRY_WINDOW_MS,
	);
	data.seen = seen;
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
