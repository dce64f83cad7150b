import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { CONTROL_PREFIX, handleControl, type ControlDeps } from './control';
import { BodyTooLargeError, readRawBody, sendJson } from './http';
import type { ProviderEmulator, RequestContext } from './provider';
import { createOvhEmulator, type OvhCredentials } from './providers/ovh';
import { createCertificate } from './tls';

export { OVH_DEFAULT_CREDENTIALS, type OvhCredentials } from './providers/ovh';

export type ProviderId = 'ovh';

export interface SandboxOptions {
	/** Plain HTTP port; 0 (the default) picks a free one. */
	port?: number;
	/** Defaults to 127.0.0.1. */
	host?: string;
	/** TLS port; 0 (the default) picks a free one. */
	tlsPort?: number;
	/** Credentials accepted besides the defaults; they survive `reset()`. */
	credentials?: { ovh?: OvhCredentials[] };
	/** Clock in epoch milliseconds, for timestamp-window tests. */
	now?: () => number;
	/** Accepted `X-Ovh-Timestamp` skew in seconds either way; default 180. */
	ovhTimestampWindowSeconds?: number;
}

export interface Sandbox {
	/** Base URL per provider on the plain listener, e.g. `http://127.0.0.1:4010/ovh/1.0`. */
	urls: Record<ProviderId, string>;
	/** The same on the TLS listener. */
	tlsUrls: Record<ProviderId, string>;
	/** PEM of the self-signed certificate the TLS listener presents; trust it as a CA. */
	ca: string;
	port: number;
	tlsPort: number;
	close(): Promise<void>;
	reset(): void;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const now = options.now ?? Date.now;
	const host = options.host ?? '127.0.0.1';
	const providers: ProviderEmulator[] = [
		createOvhEmulator({
			credentials: options.credentials?.ovh,
			timestampWindowSeconds: options.ovhTimestampWindowSeconds,
			now,
		}),
	];
	const certificate = await createCertificate();
	const reset = () => providers.forEach((provider) => provider.reset());

	// Filled in once the TLS listener has its port; the control API reads it per request.
	let tlsUrls: Record<string, string> = {};
	const control: ControlDeps = { providers, tlsUrls: () => tlsUrls, ca: certificate.cert, reset };
	const serve = (scheme: 'http' | 'https') => (req: IncomingMessage, res: ServerResponse) => {
		void dispatch(req, res, scheme, now, providers, control);
	};

	const plain = http.createServer(serve('http'));
	const secure = https.createServer({ cert: certificate.cert, key: certificate.key }, serve('https'));
	const port = await listen(plain, options.port ?? 0, host);
	let tlsPort: number;
	try {
		tlsPort = await listen(secure, options.tlsPort ?? 0, host);
	} catch (error: unknown) {
		await closeServer(plain);
		throw error;
	}

	const urlHost = hostForUrl(host);
	const secureUrls = baseUrls(providers, `https://${urlHost}:${tlsPort}`);
	tlsUrls = secureUrls;
	return {
		urls: baseUrls(providers, `http://${urlHost}:${port}`),
		tlsUrls: secureUrls,
		ca: certificate.cert,
		port,
		tlsPort,
		reset,
		close: async () => {
			await Promise.all([closeServer(plain), closeServer(secure)]);
		},
	};
}

async function dispatch(
	req: IncomingMessage,
	res: ServerResponse,
	scheme: 'http' | 'https',
	now: () => number,
	providers: readonly ProviderEmulator[],
	control: ControlDeps,
): Promise<void> {
	try {
		const requestTarget = req.url ?? '/';
		const body = await readRawBody(req);
		const context = (prefix: string): RequestContext => ({
			scheme,
			requestTarget,
			target: requestTarget.slice(prefix.length),
			body,
			now,
		});
		if (hasPrefix(requestTarget, CONTROL_PREFIX)) {
			await handleControl(req, res, context(CONTROL_PREFIX), control);
			return;
		}
		const provider = providers.find((p) => hasPrefix(requestTarget, `/${p.id}`));
		if (provider) {
			await provider.handle(req, res, context(`/${provider.id}`));
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

function baseUrls(providers: readonly ProviderEmulator[], origin: string): Record<ProviderId, string> {
	// Keys are exactly the provider ids, which ProviderId lists.
	return Object.fromEntries(providers.map((p) => [p.id, `${origin}/${p.id}${p.basePath}`])) as Record<ProviderId, string>;
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
