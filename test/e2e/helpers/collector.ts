import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP server that records every JSON body posted to it (what a workflow sent out). */
export async function startCollector() {
	const received: unknown[] = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (d) => (body += d));
		req.on('end', () => {
			received.push(JSON.parse(body || 'null'));
			res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/`,
		received,
		async waitFor(count: number, timeoutMs = 30000): Promise<unknown[]> {
			const until = Date.now() + timeoutMs;
			while (received.length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
			return received;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

export async function freePort(): Promise<number> {
	const server = http.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}
