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
 * The shape every emulator under `sandbox/providers/<id>/` exports, so the server and the
 * control API stay provider-agnostic.
 */
export interface ProviderEmulator {
	readonly id: string;
	/** Documented test credentials, shown by `GET /_sandbox/credentials`. */
	readonly defaultCredentials: Readonly<Record<string, string>>;
	/**
	 * Path appended to the origin and prefix (`<origin>/<id>`, or just the origin with `ownListener`)
	 * to form the base URL a client is configured with.
	 */
	readonly basePath: string;
	/**
	 * Served from the root of a plain HTTP listener of its own rather than under `/<id>` on the shared
	 * ones: for clients that take a host but no path, like Tencent Cloud's SDKs (the path is always `/`).
	 */
	readonly ownListener?: boolean;
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
}

/** Bad input to the control API: answered with HTTP 400 and the message. */
export class ControlInputError extends Error {}
