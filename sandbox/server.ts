import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { CONTROL_PREFIX, handleControl, type ControlDeps } from './control';
import { BodyTooLargeError, readRawBody, sendJson } from './http';
import type { ProviderEmulator, RequestContext } from './provider';
import { createOvhEmulator, type OvhCredentials } from './providers/ovh';
import { createTencentEmulator, type TencentCredentials } from './providers/tencent';
import { createCertificate } from './tls';

export { OVH_DEFAULT_CREDENTIALS, OVH_DEFAULT_OAUTH2_CLIENT, type OvhCredentials } from './providers/ovh';
export { TENCENT_DEFAULT_CREDENTIALS, TENCENT_SEED, type TencentCredentials } from './providers/tencent';

export type ProviderId = 'ovh' | 'tencent';
/** Providers served under `/<id>` on the shared listeners, hence over TLS too; the others have a port of their own. */
export type TlsProviderId = 'ovh';

export interface SandboxOptions {
	/** Plain HTTP port of the shared listener (OVH, control API); 0 (the default) picks a free one. */
	port?: number;
	/** Defaults to 127.0.0.1. */
	host?: string;
	/** TLS port; 0 (the default) picks a free one. */
	tlsPort?: number;
	/** Plain HTTP port of the Tencent Cloud listener, whose API lives at `/`; 0 (the default) picks a free one. */
	tencentPort?: number;
	/** Credentials accepted besides the defaults; they survive `reset()`. */
	credentials?: { ovh?: OvhCredentials[]; tencent?: TencentCredentials[] };
	/** Clock in epoch milliseconds, for timestamp-window tests. */
	now?: () => number;
	/** Accepted `X-Ovh-Timestamp` skew in seconds either way; default 180. */
	ovhTimestampWindowSeconds?: number;
}

export interface Sandbox {
	/**
	 * Base URL per provider on the plain listeners, e.g. `http://127.0.0.1:4010/ovh/1.0` and
	 * `http://127.0.0.1:4011` (Tencent: its own port, no path, no trailing slash).
	 */
	urls: Record<ProviderId, string>;
	/** The same on the TLS listener, for the providers served there. */
	tlsUrls: Record<TlsProviderId, string>;
	/** PEM of the self-signed certificate the TLS listener presents; trust it as a CA. */
	ca: string;
	port: number;
	tlsPort: number;
	tencentPort: number;
	close(): Promise<void>;
	reset(): void;
}

type Route = { prefix: string; handle: (req: IncomingMessage, res: ServerResponse, ctx: RequestContext) => Promise<void> };

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const now = options.now ?? Date.now;
	const host = options.host ?? '127.0.0.1';
	const providers: ProviderEmulator[] = [
		createOvhEmulator({
			credentials: options.credentials?.ovh,
			timestampWindowSeconds: options.ovhTimestampWindowSeconds,
			now,
		}),
		createTencentEmulator({ credentials: options.credentials?.tencent, now }),
	];
	const ownPorts: Partial<Record<string, number>> = { tencent: options.tencentPort };
	const shared = providers.filter((p) => !p.ownListener);
	const separate = providers.filter((p) => p.ownListener);
	const certificate = await createCertificate();
	const reset = () => providers.forEach((provider) => provider.reset());

	// Filled in once the TLS listener has its port; the control API reads it per request.
	let tlsUrls: Record<string, string> = {};
	const control: ControlDeps = { providers, tlsUrls: () => tlsUrls, ca: certificate.cert, reset };
	const sharedRoute = (target: string): Route | null => {
		if (hasPrefix(target, CONTROL_PREFIX)) {
			return { prefix: CONTROL_PREFIX, handle: (req, res, ctx) => handleControl(req, res, ctx, control) };
		}
		const provider = shared.find((p) => hasPrefix(target, `/${p.id}`));
		return provider ? { prefix: `/${provider.id}`, handle: provider.handle.bind(provider) } : null;
	};
	const serveShared = (scheme: 'http' | 'https') => (req: IncomingMessage, res: ServerResponse) => {
		void dispatch(req, res, scheme, now, sharedRoute, shared);
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
	const urlHost = hostForUrl(host);
	const urls: Record<string, string> = {};
	const boundOwnPorts: Record<string, number> = {};
	for (const provider of shared) urls[provider.id] = `http://${urlHost}:${port}/${provider.id}${provider.basePath}`;
	for (const provider of separate) {
		const route: Route = { prefix: '', handle: provider.handle.bind(provider) };
		const server = http.createServer((req, res) => void dispatch(req, res, 'http', now, () => route, [provider]));
		boundOwnPorts[provider.id] = await start(server, ownPorts[provider.id] ?? 0);
		urls[provider.id] = `http://${urlHost}:${boundOwnPorts[provider.id]}${provider.basePath}`;
	}

	const secureUrls = Object.fromEntries(
		shared.map((p) => [p.id, `https://${urlHost}:${tlsPort}/${p.id}${p.basePath}`]),
	) as Record<TlsProviderId, string>;
	tlsUrls = secureUrls;
	return {
		// Keys are exactly the provider ids, which ProviderId lists, in the order of `providers`.
		urls: Object.fromEntries(providers.map((p) => [p.id, urls[p.id]])) as Record<ProviderId, string>,
		tlsUrls: secureUrls,
		ca: certificate.cert,
		port,
		tlsPort,
		tencentPort: boundOwnPorts.tencent,
		reset,
		close: closeAll,
	};
}

async function dispatch(
	req: IncomingMessage,
	res: ServerResponse,
	scheme: 'http' | 'https',
	now: () => number,
	route: (target: string) => Route | null,
	providers: readonly ProviderEmulator[],
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
		const known = providers.map((p) => `/${p.id}`).join(', ');
		sendJson(res, 404, { error: `Nothing at ${requestTarget.split('?')[0]}; providers live under ${known}` });
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
