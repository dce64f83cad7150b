import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the server hands an emulator with each request; the body is already read so it can be signed over. */
export interface RequestContext {
	/** Scheme of the listener that accepted the connection. */
	readonly scheme: 'http' | 'https';
	/** Request target (path and query) byte for byte as received, provider prefix included. */
	readonly requestTarget: string;
	/** Request target after the `/<provider id>` prefix (none on a provider's own listener), query included. */
	readonly target: string;
	/** Raw request body. */
	readonly body: Buffer;
	/** The sandbox clock in milliseconds. */
	readonly now: () => number;
}

/**
 * A running emulator, as its definition's `create` returns it: the server and the control API know
 * providers only through this shape and `EmulatorDefinition`, so they stay provider-agnostic.
 */
export interface ProviderEmulator {
	/** Documented test credentials, shown by `GET /_sandbox/credentials`. */
	readonly defaultCredentials: Readonly<Record<string, string>>;
	/**
	 * Path appended to the origin and prefix (`<origin>/<id>`, or just the origin with `ownListener`)
	 * to form the base URL a client is configured with.
	 */
	readonly basePath: string;
	/** Serves `/<id>/...`, or every request on its own listener. */
	handle(req: IncomingMessage, res: ServerResponse, ctx: RequestContext): Promise<void>;
	/** Serves `/_sandbox/<id>/...` test hooks (e.g. consent pages); `target` is relative to that prefix. */
	handleControl?(req: IncomingMessage, res: ServerResponse, ctx: RequestContext): Promise<void>;
	/** Accepts one credential set or an array of them; throws a ControlInputError on a bad shape. */
	addCredentials(input: unknown): void;
	/** Back to the initial state: seeded accounts, default and start-up credentials, no messages. */
	reset(): void;
	/** What the provider was asked to send, oldest first. */
	messages(): readonly unknown[];
	/** The emulator as the virtual phone page (`/_sandbox/phone`) sees it. */
	readonly phone: PhoneLine;
}

/**
 * What the phone page shows and does, the same for every provider: every SMS the emulator accepted, one per
 * recipient, and what a phone (or its operator) can do — settle a message, or send a reply that the emulator
 * then handles exactly as the real service would (pushing its callback, or keeping it for the pull API).
 */
export interface PhoneLine {
	/** Every SMS sent (one per recipient) and received, oldest first. */
	messages(): readonly PhoneMessage[];
	/** The operator's receipt for a sent message: pushed to the configured callback, or kept for status queries. */
	settle(id: string, status: 'delivered' | 'failed'): void | Promise<void>;
	/**
	 * An SMS from the phone `from` (E.164) to the account; `to` is the number or sender it answers (the `peer` of a
	 * message it got), when the provider routes replies by it. Returns the received message.
	 */
	reply(input: { from: string; to?: string; text: string }): PhoneMessage | Promise<PhoneMessage>;
}

export interface PhoneMessage {
	/** Unique within the provider, stable: what `settle` takes. */
	readonly id: string;
	readonly direction: 'sent' | 'received';
	/** The phone's own number in E.164: the recipient of a sent message, the sender of a received one. */
	readonly phone: string;
	/** The other side as the phone shows it: the sender ID, sign or number the message came from or went to. */
	readonly peer: string | null;
	readonly text: string;
	/** `received` for received messages. */
	readonly status: 'queued' | 'delivered' | 'failed' | 'received';
	readonly segments: number | null;
	readonly encoding: 'GSM-7' | 'UCS-2' | null;
	/** ISO 8601. */
	readonly at: string;
}

/** What every emulator gets from the sandbox besides its own options. */
export interface EmulatorContext {
	/** The sandbox clock in milliseconds. */
	readonly now: () => number;
}

/** Where clients reach an emulator, for the lines it prints at start-up. */
export interface EmulatorAddress {
	/** Base URL on plain HTTP. */
	readonly url: string;
	/** Base URL over TLS; only emulators on the shared listeners have one. */
	readonly tlsUrl?: string;
	/** Origin of the shared plain HTTP listener, where the control API lives. */
	readonly controlOrigin: string;
}

/**
 * One entry of the registry (`providers/index.ts`), exported by `providers/<id>/`: what the server and
 * the CLI know of an emulator before starting it. `Options` are its own start-up options, given as
 * `startSandbox({ providers: { <id>: options } })`.
 */
export interface EmulatorDefinition<Id extends string = string, Options = unknown, Own extends boolean = boolean> {
	/** URL prefix on the shared listeners, key of `urls`, of the control API's bodies and of `--port-<id>`. */
	readonly id: Id;
	/**
	 * Served from the root of a plain HTTP listener of its own rather than under `/<id>` on the shared
	 * ones (TLS included): for clients that take a host but no path.
	 */
	readonly ownListener: Own;
	// Method syntax on purpose: its bivariant parameters let definitions with their own options share one list.
	create(options: Options | undefined, context: EmulatorContext): ProviderEmulator;
	/** Lines for people, printed by the CLI on stderr: base URLs, test credentials, client hints. */
	describe(address: EmulatorAddress): string[];
	/** How fault injection (`faults.ts`) tells its send calls and words its errors; without it, faults use a generic JSON error. */
	readonly faults?: EmulatorFaults;
}

/** An HTTP status a `status` fault may answer with. */
export type FaultStatus = 429 | 500 | 502 | 503;

/** A complete answer written by fault injection instead of the emulator's. */
export interface FaultAnswer {
	readonly headers: Readonly<Record<string, string>>;
	readonly body: string;
}

/** What an emulator tells fault injection; `req` and `ctx` are the request as its `handle` gets it. */
export interface EmulatorFaults {
	/** True for a call that sends messages: what `"action": "send"` faults apply to. */
	isSend(req: IncomingMessage, ctx: RequestContext): boolean;
	/** The provider's own error for that status (Content-Type included), as a client of that API expects it. */
	errorAnswer(status: FaultStatus, req: IncomingMessage, ctx: RequestContext): FaultAnswer;
}

/** Identity, so that a definition keeps its literal `id` and `ownListener` types and its options type. */
export function defineEmulator<Id extends string, Options, Own extends boolean>(
	definition: EmulatorDefinition<Id, Options, Own>,
): EmulatorDefinition<Id, Options, Own> {
	return definition;
}

/** An emulator the server started, with what its definition says about it. */
export interface RunningEmulator {
	readonly id: string;
	readonly ownListener: boolean;
	readonly emulator: ProviderEmulator;
}

/** Bad input to the control API: answered with HTTP 400 and the message. */
export class ControlInputError extends Error {}
