import type { z } from 'zod';
import { SmsError, type ProviderId } from './errors';
import type { ApiRequest, ApiResponse, Transport, WireRequest } from './http';
import type { FieldLabels, Operation } from './operation';
import type { Pace } from './bulk';
import type { Seen } from './dedupe';

/**
 * The one shape every provider has, in `core/providers/<id>/index.ts`. Both editors are adapters over it:
 * they supply a way to make calls (n8n's signed helper, Node's http in Node-RED) and storage; everything about the
 * provider — endpoints, signing, errors, operations, inbound parsing, polling, webhook registration — is here.
 */
export interface ProviderModule<Credentials extends object = object> {
	id: ProviderId;
	/** As users know it: "OVHcloud", "Tencent Cloud SMS". */
	name: string;
	connection: Connection<Credentials>;
	/** Every action both editors offer, keyed `resource.operation` — the one vocabulary of core, n8n and Node-RED. */
	actions: Record<string, Action>;
	inbound: Inbound;
	poll?: Poll;
	/** Providers with an API to point their callbacks at a URL (OVHcloud); the others are set in their console. */
	webhook?: WebhookRegistration;
}

/** How requests reach the provider. */
export interface Connection<Credentials> {
	/** Endpoint choices for the account form, value → label (a custom base URL is always possible). */
	endpoints: Record<string, string>;
	/** The API base URL of an account's settings; throws INVALID_ENDPOINT when they name none. */
	baseUrl(settings: { endpoint?: string; customUrl?: string }): string;
	/** The unsigned wire request (n8n's credential signs it in `authenticate`). */
	wire(baseUrl: string, request: ApiRequest): WireRequest;
	/** A signing sender over any transport (Node-RED, the contract suite); session needs (time delta) included. */
	session(credentials: Credentials, transport: Transport, now: () => number): (request: ApiRequest) => Promise<ApiResponse>;
	/** Checks an account's credentials are complete, with a plain-English error naming what is missing. */
	credentials(settings: Record<string, unknown>): Credentials;
	/** Values never to appear in an error, log or output. */
	secrets(credentials: Partial<Credentials>): Array<string | undefined>;
	toError(response: ApiResponse): SmsError;
	/** The cheapest authenticated call, for credential tests: it proves the keys work. */
	test: ActionName;
	/** The pace the editors default to: a few requests at once, under the provider's documented rate. */
	pace: Pace;
}

export type ActionName = string;

/** Makes one provider call: validate, sign, send, parse, with the never-twice retry rule (see runOperation). */
export type Call = <S extends z.ZodType, O>(op: Operation<S, O>, input: unknown) => Promise<O>;

export interface ActionContext {
	call: Call;
	now(): number;
	/** Kept for as long as the editor allows (one n8n execution, one Node-RED node): e.g. template texts. */
	cache: Map<string, unknown>;
	/** ISO country (e.g. "FR") for national numbers such as 0601020304; without it only international ones pass. */
	defaultCountry?: string;
	/** How many requests of one send may run at once (the editor's Requests in Parallel). */
	parallel?: number;
}

/** What a node does for one input item / message: one or more calls, one or more output items. */
export interface Action {
	name: ActionName;
	/** Whether it sends messages (its failures then say whether anything may have been sent). */
	sends: boolean;
	/** Labels of its input fields, for errors. */
	labels?: FieldLabels;
	/** A send whose recipients are this input field: several such sends with equal other fields can be joined. */
	recipients?: string;
	/** How many recipients one request of it takes: joined sends that reach it need wait for no more. */
	batchSize?: number;
	run(input: Record<string, unknown>, ctx: ActionContext): Promise<object[]>;
}

/** An action that is one call: its output is one item, or one per element when the call answers a list. */
export function callAction(op: Operation<z.ZodType, unknown>, labels?: FieldLabels): Action {
	return {
		name: op.name,
		sends: op.sends ?? false,
		labels,
		run: async (input, ctx) => {
			const out = await ctx.call(op, input);
			return Array.isArray(out) ? (out as object[]) : [out as object];
		},
	};
}

export function defineAction(action: Action): Action {
	return action;
}

/** Inbound events: an SMS received, a delivery report, and (where the provider pushes them) review results. */
export type InboundEvent = 'incoming' | 'delivery' | 'review';

/** One event as a trigger emits it: the normalised payload and the key that makes a repeat recognisable. */
export interface Received<T = object> {
	event: InboundEvent;
	/** Stable across repeated pushes and pulls of the same event; never part of the payload. */
	key: string;
	payload: T;
}

/** An HTTP callback as both editors see it: method, query fields, the body already read (JSON or form). */
export interface CallbackRequest {
	method: string;
	query: Record<string, unknown>;
	body: unknown;
	/** Lower-case names; needed where the provider signs its pushes. */
	headers?: Record<string, string | undefined>;
	/** The body exactly as received, for signature checks over its bytes. */
	rawBody?: string | Uint8Array;
}

export interface CallbackOptions {
	event?: InboundEvent;
	account?: string;
	now: number;
	/** The webhook secret the provider signs with (Inbound.signed). */
	secret?: string;
	/** False only when the user turned signature checking off, knowing anyone could then post events. */
	verify?: boolean;
}

export interface CallbackAnswer {
	status: number;
	contentType: 'application/json' | 'text/plain';
	body: string;
}

export interface Inbound {
	/** The events this provider pushes, and the HTTP method it calls with for each. */
	methods: Partial<Record<InboundEvent, 'GET' | 'POST'>>;
	/**
	 * The events of one callback; `event` narrows what is accepted (a callback of the other event is then
	 * INVALID_CALLBACK), `account` names the account callbacks do not carry. Throws INVALID_CALLBACK.
	 */
	parse(request: CallbackRequest, options: CallbackOptions): Received[];
	/** True when the provider signs its pushes: adapters pass the headers, the raw body and the secret. */
	signed?: boolean;
	/** What the provider expects back: on success, and for a callback that could not be read. */
	answer(error?: SmsError): CallbackAnswer;
}

export interface PollOptions {
	event: InboundEvent;
	/** The account / application polled (OVH service, Tencent SmsSdkAppId). */
	account: string;
	/** On the first poll, how far back to look (0: only what arrives from now on). */
	lookbackMs: number;
	/** OVHcloud: delete each received SMS once emitted. */
	deleteRead?: boolean;
}

/** Where a trigger stands; editors store it as JSON (n8n static data, Node-RED context) and hand it back. */
export interface PollState {
	account: string;
	event: InboundEvent;
	/** Epoch ms: nothing older than this is ever emitted (when polling started). */
	since: number;
	/** Epoch ms of the last poll. */
	cursor: number;
	/** Keys emitted within the window still listed, with the time of each event. */
	seen: Seen;
}

/** Providers without a way to pull events (Alibaba pushes them, or fills MNS queues) have no `poll`. */
export interface Poll {
	/** One poll: the events that are new since `state`, and the state to store once they are emitted. */
	step(ctx: ActionContext, options: PollOptions, state: PollState | undefined): Promise<PollResult>;
}

export interface PollResult {
	items: Received[];
	/** To store once the items are emitted; the next step carries on from it. */
	state: PollState;
	/** To call after storing the state (e.g. delete what was read, when asked to). */
	ack?: () => Promise<void>;
}

/** What a webhook trigger took over on the account, kept to put it back. */
export type SavedRegistration = Record<string, unknown>;

export interface WebhookRegistration {
	/** Points the account's callbacks for `event` at `url`; returns what to restore later. */
	register(
		ctx: ActionContext,
		options: { account: string; event: InboundEvent | 'both'; url: string; saved?: SavedRegistration },
	): Promise<SavedRegistration>;
	/** Whether the account's callbacks for `event` point at `url`. */
	isRegistered(ctx: ActionContext, options: { account: string; event: InboundEvent | 'both'; url: string }): Promise<boolean>;
	/** Puts back what `register` found. */
	restore(ctx: ActionContext, saved: SavedRegistration): Promise<void>;
}

/** The poll step of a module, or a plain error saying the provider only pushes its events. */
export function pollOf(module: ProviderModule): Poll {
	if (module.poll) return module.poll;
	throw new SmsError({
		provider: module.id,
		code: 'POLLING_UNSUPPORTED',
		message: `${module.name} has no API to read its events: it pushes them to a webhook.`,
		hint: 'Use the webhook trigger, and paste its URL into the provider console.',
		kind: 'input',
	});
}
