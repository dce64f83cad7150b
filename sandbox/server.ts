import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { CONTROL_PREFIX, handleControl, type ControlDeps } from './control';
import { FaultInjector, handleFaults, isFaultsRoute } from './faults';
import { BodyTooLargeError, readRawBody, sendJson } from './http';
import type { EmulatorDefinition, RequestContext, RunningEmulator } from './provider';
import { EMULATORS } from './providers';
import { createCertificate } from './tls';

// The providers' test credentials, for callers that import them from here.
export * from './providers';

type Definitions = readonly EmulatorDefinition[];
type Registry = typeof EMULATORS;
type IdOf<E extends Definitions> = E[number]['id'];
type SharedIdOf<E extends Definitions> = Extract<E[number], { ownListener: false }>['id'];
type OwnIdOf<E extends Definitions> = Extract<E[number], { ownListener: true }>['id'];
type OptionsOf<D> = D extends EmulatorDefinition<string, infer Options> ? Options : never;
type CredentialsOf<D> = OptionsOf<D> extends { credentials?: infer Credentials } ? Credentials : never;
/** `<id>Port`: deprecated aliases of `ports.<id>`, from when the server knew each provider by name. */
type PortAliases<E extends Definitions> = { [Id in OwnIdOf<E> as `${Id}Port`]: number };

export type ProviderId = IdOf<Registry>;
/** Providers served under `/<id>` on the shared listeners, hence over TLS too; the others have a port of their own. */
export type TlsProviderId = SharedIdOf<Registry>;
/** Each provider's own start-up options, by provider id. */
export type ProviderOptions<E extends Definitions = Registry> = { [D in E[number] as D['id']]?: OptionsOf<D> };

export type SandboxOptions<E extends Definitions = Registry> = {
	/** Plain HTTP port of the shared listener (shared providers, control API); 0 (the default) picks a free one. */
	port?: number;
	/** Defaults to 127.0.0.1. */
	host?: string;
	/** TLS port; 0 (the default) picks a free one. */
	tlsPort?: number;
	/**
	 * Plain HTTP port per provider with a listener of its own. By default `port` + its rank among those
	 * providers + 1, or any free one when `port` is 0.
	 */
	ports?: { [Id in OwnIdOf<E>]?: number };
	/** Per-provider options, `{ <id>: options }`, as each definition's `create` takes them (credentials, clock windows…). */
	providers?: ProviderOptions<E>;
	/** Clock in epoch milliseconds, for timestamp-window tests; every provider shares it. */
	now?: () => number;
	/** The emulators to serve, the registry (`providers/index.ts`) by default; for tests of the server itself. */
	emulators?: E;
	/** @deprecated `providers.<id>.credentials`: extra credentials accepted from start-up on. */
	credentials?: { [D in E[number] as D['id']]?: CredentialsOf<D> };
} & Partial<PortAliases<E>>;

export type Sandbox<E extends Definitions = Registry> = {
	/**
	 * Base URL per provider on the plain listeners, in registry order: `<origin>/<id><basePath>`, or
	 * `http://<host>:<its port><basePath>` for a provider with a port of its own.
	 */
	urls: Record<IdOf<E>, string>;
	/** The same on the TLS listener, for the providers served there. */
	tlsUrls: Record<SharedIdOf<E>, string>;
	/** Plain HTTP port each provider is served on: `port`, or its own. */
	ports: Record<IdOf<E>, number>;
	/** PEM of the self-signed certificate the TLS listener presents; trust it as a CA. */
	ca: string;
	/** Port of the shared plain HTTP listener, where the control API lives. */
	port: number;
	/** Its origin, e.g. `http://127.0.0.1:4010`: the control API is at `<origin>/_sandbox`. */
	origin: string;
	tlsPort: number;
	close(): Promise<void>;
	reset(): void;
} & PortAliases<E>;

type Route = { prefix: string; handle: (req: IncomingMessage, res: ServerResponse, ctx: RequestContext) => Promise<void> };

export async function startSandbox<E extends Definitions = Registry>(options: SandboxOptions<E> = {}): Promise<Sandbox<E>> {
	const definitions: Definitions = options.emulators ?? EMULATORS;
	const now = options.now ?? Date.now;
	const host = options.host ?? '127.0.0.1';
	// First, so that a port for an unknown provider is refused before anything starts.
	const requestedPorts = ownPorts(definitions, options.port ?? 0, { ...portAliases(options, definitions), ...options.ports });
	const providers: RunningEmulator[] = definitions.map((definition) => ({
		id: definition.id,
		ownListener: definition.ownListener,
		emulator: definition.create(startupOptions(options, definition.id), { now }),
	}));
	const shared = providers.filter((p) => !p.ownListener);
	const separate = providers.filter((p) => p.ownListener);
	const certificate = await createCertificate();
	const faults = new FaultInjector(new Map(definitions.map((d) => [d.id, d.faults])));
	const reset = () => {
		providers.forEach((provider) => provider.emulator.reset());
		faults.clear();
	};
	// Every provider request goes through its faults, on whichever listener it arrives.
	const handlerOf = (provider: RunningEmulator) => faults.wrap(provider.id, provider.emulator.handle.bind(provider.emulator));

	// Filled in once the TLS listener has its port; the control API reads it per request.
	let tlsUrls: Record<string, string> = {};
	const control: ControlDeps = { providers, tlsUrls: () => tlsUrls, ca: certificate.cert, reset, faults };
	const sharedRoute = (target: string): Route | null => {
		if (hasPrefix(target, CONTROL_PREFIX)) {
			return { prefix: CONTROL_PREFIX, handle: (req, res, ctx) => handleControl(req, res, ctx, control) };
		}
		const provider = shared.find((p) => hasPrefix(target, `/${p.id}`));
		return provider ? { prefix: `/${provider.id}`, handle: handlerOf(provider) } : null;
	};
	const sharedPrefixes = shared.map((p) => `/${p.id}`);
	const serveShared = (scheme: 'http' | 'https') => (req: IncomingMessage, res: ServerResponse) => {
		void dispatch(req, res, scheme, now, sharedRoute, sharedPrefixes);
	};

	const servers: (http.Server | https.Server)[] = [];
	const closeAll = () => Promise.all(servers.map(closeServer)).then(() => undefined);
	const start = async (server: http.Server | https.Server, port: number): Promise<number> => {
		try {
			const bound = await listen(server, port, host);
			servers.push(server);
			return bound;
		} catch (error: unknown) {
			await closeAll();
			throw error;
		}
	};

	const port = await start(http.createServer(serveShared('http')), options.port ?? 0);
	const tlsPort = await start(
		https.createServer({ cert: certificate.cert, key: certificate.key }, serveShared('https')),
		options.tlsPort ?? 0,
	);
	const ports: Record<string, number> = Object.fromEntries(shared.map((p) => [p.id, port]));
	for (const provider of separate) {
		const route: Route = { prefix: '', handle: handlerOf(provider) };
		// The rest of the control API stays off a provider's own port, whose paths are the provider's.
		const faultsRoute: Route = {
			prefix: CONTROL_PREFIX,
			handle: async (req, res, ctx) => handleFaults(req, res, ctx, faults),
		};
		const ownRoute = (target: string) => (isFaultsRoute(target) ? faultsRoute : route);
		const server = http.createServer((req, res) => void dispatch(req, res, 'http', now, ownRoute, []));
		ports[provider.id] = await start(server, requestedPorts[provider.id]);
	}

	const urlHost = hostForUrl(host);
	const origin = `http://${urlHost}:${port}`;
	const urls = Object.fromEntries(
		providers.map((p) => {
			const path = p.ownListener ? p.emulator.basePath : `/${p.id}${p.emulator.basePath}`;
			return [p.id, `http://${urlHost}:${ports[p.id]}${path}`];
		}),
	);
	tlsUrls = Object.fromEntries(shared.map((p) => [p.id, `https://${urlHost}:${tlsPort}/${p.id}${p.emulator.basePath}`]));
	const aliases = Object.fromEntries(separate.map((p) => [`${p.id}Port`, ports[p.id]]));
	// The keys are exactly the ids of `definitions`, which is what E says; TypeScript cannot follow Object.fromEntries.
	return {
		urls,
		tlsUrls,
		ports: Object.fromEntries(providers.map((p) => [p.id, ports[p.id]])),
		ca: certificate.cert,
		port,
		origin,
		tlsPort,
		reset,
		close: closeAll,
		...aliases,
	} as Sandbox<E>;
}

/**
 * The port each provider with a listener of its own asks for: `explicit[id]`, else the main port + its
 * rank among those providers + 1, or 0 (any free port) when the main port is 0 or that would pass 65535.
 */
export function ownPorts(
	definitions: Definitions,
	port: number,
	explicit: Readonly<Record<string, number | undefined>> = {},
): Record<string, number> {
	const own = definitions.filter((d) => d.ownListener);
	for (const [id, value] of Object.entries(explicit)) {
		if (value !== undefined && !own.some((d) => d.id === id)) {
			throw new Error(`No provider ${id} with a port of its own (those are: ${own.map((d) => d.id).join(', ') || 'none'})`);
		}
	}
	return Object.fromEntries(
		own.map((d, rank) => {
			const derived = port === 0 || port + rank + 1 > 65535 ? 0 : port + rank + 1;
			return [d.id, explicit[d.id] ?? derived];
		}),
	);
}

/** `providers.<id>`, with the deprecated top-level `credentials.<id>` folded in when given. */
function startupOptions(options: { providers?: object; credentials?: object }, id: string): unknown {
	const own = (options.providers as Record<string, object | undefined> | undefined)?.[id];
	const credentials = (options.credentials as Record<string, unknown> | undefined)?.[id];
	return credentials === undefined ? own : { credentials, ...own };
}

/** The deprecated `<id>Port` options, keyed by id. */
function portAliases(options: object, definitions: Definitions): Record<string, number | undefined> {
	const given = options as Record<string, number | undefined>;
	return Object.fromEntries(definitions.filter((d) => d.ownListener).map((d) => [d.id, given[`${d.id}Port`]]));
}

async function dispatch(
	req: IncomingMessage,
	res: ServerResponse,
	scheme: 'http' | 'https',
	now: () => number,
	route: (target: string) => Route | null,
	prefixes: readonly string[],
): Promise<void> {
	try {
		const requestTarget = req.url ?? '/';
		const body = await readRawBody(req);
		const found = route(requestTarget);
		if (found) {
			const target = requestTarget.slice(found.prefix.length);
			await found.handle(req, res, { scheme, requestTarget, target, body, now });
			return;
		}
		sendJson(res, 404, { error: `Nothing at ${requestTarget.split('?')[0]}; providers live under ${prefixes.join(', ')}` });
	} catch (error: unknown) {
		if (res.headersSent) {
			res.destroy();
		} else if (error instanceof BodyTooLargeError) {
			sendJson(res, 413, { error: error.message });
		} else {
			sendJson(res, 500, { error: 'Internal sandbox error' });
		}
	}
}

function hasPrefix(target: string, prefix: string): boolean {
	return target === prefix || target.startsWith(`${prefix}/`) || target.startsWith(`${prefix}?`);
}

/** A wildcard bind address is not something a client can connect to; loopback is. */
function hostForUrl(host: string): string {
	if (host === '0.0.0.0' || host === '') return '127.0.0.1';
	if (host === '::') return '[::1]';
	return host.includes(':') ? `[${host}]` : host;
}

function listen(server: http.Server | https.Server, port: number, host: string): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve((server.address() as AddressInfo).port);
		});
	});
}

/** Keep-alive sockets (the default agent's since Node 19) would otherwise hold `close()` open. */
function closeServer(server: http.Server | https.Server): Promise<void> {
	return new Promise((resolve, reject) => {
		server.close((error) => (error ? reject(error) : resolve()));
		server.closeAllConnections();
	});
}
