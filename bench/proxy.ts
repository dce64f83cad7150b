import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyStats {
	requests: number;
	maxInFlight: number;
	/** Time the sandbox took to answer, summed over the requests (what is not latency nor the editor). */
	sandboxMs: number;
	/** Epoch ms of the first request in, and of the last answer out. */
	firstAt: number;
	lastAt: number;
}

/** One listener per provider in front of the sandbox: each request waits `delayMs` before it is forwarded. */
export interface LatencyProxy {
	/** The provider's base URL through the proxy (the sandbox's, with the proxy's origin). */
	url(provider: string): string;
	stats(provider: string): ProxyStats;
	reset(): void;
	close(): Promise<void>;
}

export async function startLatencyProxy(targets: Record<string, string>, delayMs: number): Promise<LatencyProxy> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
	const servers = new Map<string, { server: http.Server; base: string; stats: ProxyStats & { inFlight: number } }>();
	for (const [provider, target] of Object.entries(targets)) {
		const to = new URL(target);
		const stats = { requests: 0, maxInFlight: 0, inFlight: 0, sandboxMs: 0, firstAt: NaN, lastAt: NaN };
		const server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
			stats.requests++;
			if (stats.requests === 1) stats.firstAt = Date.now();
			stats.inFlight++;
			stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
			let done = false;
			const finish = () => {
				if (!done) stats.inFlight--;
				stats.lastAt = Date.now();
				done = true;
			};
			res.on('close', finish);
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				setTimeout(() => {
					const sent = performance.now();
					const upstream = http.request(
						{ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers, agent },
						(answer) => {
							res.writeHead(answer.statusCode ?? 502, answer.headers);
							answer.on('end', () => (stats.sandboxMs += performance.now() - sent));
							answer.pipe(res);
						},
					);
					upstream.on('error', (error) => {
						res.writeHead(502, { 'content-type': 'text/plain' });
						res.end(`proxy: ${error.message}`);
					});
					upstream.end(Buffer.concat(chunks));
				}, delayMs);
			});
		});
		server.keepAliveTimeout = 60_000;
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const port = (server.address() as AddressInfo).port;
		servers.set(provider, { server, base: `http://127.0.0.1:${port}${to.pathname.replace(/\/$/, '')}`, stats });
	}
	const get = (provider: string) => {
		const entry = servers.get(provider);
		if (!entry) throw new Error(`no proxy for ${provider}`);
		return entry;
	};
	return {
		url: (provider) => get(provider).base,
		stats: (provider) => {
			const { requests, maxInFlight, sandboxMs, firstAt, lastAt } = get(provider).stats;
			return { requests, maxInFlight, sandboxMs: Math.round(sandboxMs), firstAt, lastAt };
		},
		reset() {
			for (const { stats } of servers.values())
				Object.assign(stats, { requests: 0, maxInFlight: 0, sandboxMs: 0, firstAt: NaN, lastAt: NaN });
		},
		async close() {
			agent.destroy();
			await Promise.all(
				[...servers.values()].map(({ server }) => {
					server.closeAllConnections();
					return new Promise<void>((r) => server.close(() => r()));
				}),
			);
		},
	};
}
