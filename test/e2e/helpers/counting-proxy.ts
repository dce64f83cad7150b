/**
 * An HTTP proxy in front of the sandbox, one listener per provider, for the bulk tests: each request waits
 * `delayMs` before it is forwarded (a provider's latency), and the proxy counts the requests, what each asked
 * for, and the most that were in flight at once. A request is in flight from its arrival until its answer is
 * handed back (the answer is read whole first), so the proxy never sees more in flight than the client had.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request through the proxy: its method and path, and the API action it named (Tencent, Alibaba). */
export interface ProxiedRequest {
	method: string;
	path: string;
	/** `X-TC-Action` (Tencent), `Action` of the query or form body (Alibaba), else `<method> <path>` (OVHcloud). */
	action: string;
}

export interface ProxyStats {
	requests: ProxiedRequest[];
	maxInFlight: number;
}

export interface CountingProxy {
	/** The provider's base URL through the proxy: the sandbox's, with the proxy's origin. */
	url(provider: string): string;
	stats(provider: string): ProxyStats;
	/** Forgets the requests and the high-water mark of every provider. */
	reset(): void;
	close(): Promise<void>;
}

function actionOf(req: http.IncomingMessage, body: Buffer): string {
	const tencent = req.headers['x-tc-action'];
	if (typeof tencent === 'string' && tencent) return tencent;
	const url = new URL(req.url ?? '/', 'http://proxy');
	const type = String(req.headers['content-type'] ?? '');
	const form = type.includes('application/x-www-form-urlencoded') ? new URLSearchParams(body.toString('utf8')) : undefined;
	const alibaba = url.searchParams.get('Action') ?? form?.get('Action') ?? req.headers['x-acs-action'];
	if (typeof alibaba === 'string' && alibaba) return alibaba;
	return `${req.method} ${url.pathname}`;
}

/** `targets`: provider → the sandbox's base URL for it. */
export async function startCountingProxy(targets: Record<string, string>, delayMs: number): Promise<CountingProxy> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
	const servers = new Map<string, { server: http.Server; base: string; stats: ProxyStats & { inFlight: number } }>();
	for (const [provider, target] of Object.entries(targets)) {
		const to = new URL(target);
		const stats = { requests: [] as ProxiedRequest[], maxInFlight: 0, inFlight: 0 };
		const server = http.createServer((req, res) => {
			stats.inFlight++;
			stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
			let settled = false;
			const settle = () => {
				if (!settled) stats.inFlight--;
				settled = true;
			};
			// A client that gives up before its answer is no longer in flight either.
			res.on('close', settle);
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const body = Buffer.concat(chunks);
				const url = new URL(req.url ?? '/', 'http://proxy');
				stats.requests.push({ method: req.method ?? '', path: url.pathname, action: actionOf(req, body) });
				setTimeout(() => {
					// The Host header goes as the client sent it: the signatures cover it.
					const upstream = http.request(
						{ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers, agent },
						(answer) => {
							const parts: Buffer[] = [];
							answer.on('data', (chunk: Buffer) => parts.push(chunk));
							answer.on('end', () => {
								const text = Buffer.concat(parts);
								const headers = { ...answer.headers, 'content-length': String(text.length) };
								delete headers['transfer-encoding'];
								settle();
								res.writeHead(answer.statusCode ?? 502, headers);
								res.end(text);
							});
						},
					);
					upstream.on('error', (error) => {
						settle();
						res.writeHead(502, { 'content-type': 'text/plain' });
						res.end(`proxy: ${error.message}`);
					});
					upstream.end(body);
				}, delayMs);
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		servers.set(provider, { server, base: `http://127.0.0.1:${port}${to.pathname.replace(/\/$/, '')}`, stats });
	}
	const get = (provider: string) => {
		const entry = servers.get(provider);
		if (!entry) throw new Error(`no proxy for ${provider}`);
		return entry;
	};
	return {
		url: (provider) => get(provider).base,
		stats: (provider) => ({ requests: [...get(provider).stats.requests], maxInFlight: get(provider).stats.maxInFlight }),
		reset() {
			for (const { stats } of servers.values()) {
				stats.requests = [];
				stats.maxInFlight = stats.inFlight;
			}
		},
		async close() {
			agent.destroy();
			await Promise.all(
				[...servers.values()].map(({ server }) => {
					server.closeAllConnections();
					return new Promise<void>((resolve) => server.close(() => resolve()));
				}),
			);
		},
	};
}
