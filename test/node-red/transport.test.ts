/**
 * The Node-RED transport on Node's own http/https, against real local servers: the bytes go out as signed, every
 * status comes back (no redirect followed), the timeout covers the whole exchange, and the environment's proxy
 * is used (absolute URL for HTTP, a CONNECT tunnel for HTTPS with the certificate still verified) unless
 * NO_PROXY names the host.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { nodeTransport, proxyFor } from '../../node-red/shared/transport';

interface Seen {
	method?: string;
	url?: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

let server: http.Server;
let base: string;
const seen: Seen[] = [];

/** A forward proxy: absolute-URL requests are relayed, CONNECT opens a tunnel; it records what it was asked. */
let proxy: http.Server;
let proxyUrl: string;
const proxied: Array<{ method?: string; url?: string; auth?: string }> = [];

function listen(s: http.Server): Promise<string> {
	return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(s.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
	server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (d) => (body += d));
		req.on('end', () => {
			seen.push({ method: req.method, url: req.url, headers: req.headers, body });
			if (req.url === '/redirect') return res.writeHead(302, { location: '/elsewhere' }).end();
			if (req.url === '/hold') return; // never answers
			if (req.url === '/text') return res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>oops</h1>');
			res.writeHead(200, { 'content-type': 'application/json', 'X-Custom': 'yes' }).end(JSON.stringify({ ok: true, body }));
		});
	});
	base = `http://${await listen(server)}`;

	proxy = http.createServer((req, res) => {
		proxied.push({ method: req.method, url: req.url, auth: req.headers['proxy-authorization'] });
		const target = new URL(req.url ?? '/');
		const upstream = http.request(
			{
				host: target.hostname,
				port: target.port,
				path: target.pathname + target.search,
				method: req.method,
				headers: req.headers,
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		req.pipe(upstream);
	});
	proxy.on('connect', (req, socket: net.Socket, head) => {
		proxied.push({ method: req.method, url: req.url, auth: req.headers['proxy-authorization'] });
		const [host, port] = (req.url ?? '').split(':');
		if (host === 'refused.example') return socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
		const upstream = net.connect(Number(port), host === 'localhost' ? '127.0.0.1' : host, () => {
			socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.write(head);
			upstream.pipe(socket);
			socket.pipe(upstream);
		});
		upstream.on('error', () => socket.destroy());
	});
	proxyUrl = `http://${await listen(proxy)}`;
});

afterAll(async () => {
	server.closeAllConnections();
	proxy.closeAllConnections();
	await Promise.all([server, proxy].map((s) => new Promise((r) => s.close(r))));
});

beforeEach(() => {
	seen.length = 0;
	proxied.length = 0;
});

const NO_ENV = {};

describe('nodeTransport', () => {
	it('sends the method, headers and body exactly, and reads the JSON answer with lower-case headers', async () => {
		const body = '{"b":1,"a":"é"}';
		const answer = await nodeTransport(
			5000,
			NO_ENV,
		)({
			method: 'POST',
			url: `${base}/api?x=1&y=%2F`,
			headers: { 'Content-Type': 'application/json', 'X-Signature': 'abc' },
			body,
		});
		expect(answer.status).toBe(200);
		expect(answer.headers['x-custom']).toBe('yes');
		expect(answer.body).toEqual({ ok: true, body });
		expect(seen[0]).toMatchObject({ method: 'POST', url: '/api?x=1&y=%2F', body });
		expect(seen[0].headers['x-signature']).toBe('abc');
		expect(seen[0].headers['content-length']).toBe(String(Buffer.byteLength(body)));
	});

	it('hands back any status as it is: a redirect is not followed, an HTML 500 stays text', async () => {
		const redirect = await nodeTransport(5000, NO_ENV)({ method: 'GET', url: `${base}/redirect`, headers: {} });
		expect(redirect.status).toBe(302);
		expect(redirect.headers.location).toBe('/elsewhere');
		expect(seen.map((s) => s.url)).toEqual(['/redirect']);
		const text = await nodeTransport(5000, NO_ENV)({ method: 'GET', url: `${base}/text`, headers: {} });
		expect(text).toMatchObject({ status: 500, body: '<h1>oops</h1>' });
	});

	it('gives up after the timeout with ETIMEDOUT (the core reports "did not answer in time")', async () => {
		const started = Date.now();
		await expect(nodeTransport(300, NO_ENV)({ method: 'GET', url: `${base}/hold`, headers: {} })).rejects.toMatchObject({
			code: 'ETIMEDOUT',
		});
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
	});

	it("keeps the system's code for a refused connection (the one failure the core may retry)", async () => {
		const closed = http.createServer();
		const address = await listen(closed);
		await new Promise((r) => closed.close(r));
		await expect(nodeTransport(2000, NO_ENV)({ method: 'GET', url: `http://${address}/`, headers: {} })).rejects.toMatchObject({
			code: 'ECONNREFUSED',
		});
	});

	it('goes through HTTP_PROXY for http URLs, with the whole URL and the proxy credentials', async () => {
		const withAuth = proxyUrl.replace('http://', 'http://user:p%40ss@');
		const answer = await nodeTransport(5000, { HTTP_PROXY: withAuth })({
			method: 'POST',
			url: `${base}/via?q=1`,
			headers: {},
			body: 'x',
		});
		expect(answer.status).toBe(200);
		expect(proxied).toEqual([
			{ method: 'POST', url: `${base}/via?q=1`, auth: `Basic ${Buffer.from('user:p@ss').toString('base64')}` },
		]);
		expect(seen[0]).toMatchObject({ url: '/via?q=1', body: 'x' });
	});

	it('goes straight to a host NO_PROXY lists', async () => {
		await nodeTransport(5000, { HTTP_PROXY: proxyUrl, NO_PROXY: 'example.com, 127.0.0.1' })({
			method: 'GET',
			url: `${base}/direct`,
			headers: {},
		});
		expect(proxied).toEqual([]);
		expect(seen.map((s) => s.url)).toEqual(['/direct']);
	});

	describe('HTTPS through a proxy', () => {
		let sandbox: Sandbox;
		beforeAll(async () => {
			sandbox = await startSandbox();
		});
		afterAll(() => sandbox.close());

		it("tunnels with CONNECT, and still verifies the provider's certificate (the sandbox's is self-signed)", async () => {
			const target = new URL(sandbox.tlsUrls.ovh);
			const attempt = nodeTransport(5000, { HTTPS_PROXY: proxyUrl })({
				method: 'GET',
				url: `${target.origin}/ovh/1.0/auth/time`,
				headers: {},
			});
			await expect(attempt).rejects.toMatchObject({ code: expect.stringMatching(/SELF_SIGNED|UNABLE_TO_VERIFY|CERT/) });
			expect(proxied).toEqual([{ method: 'CONNECT', url: `${target.hostname}:${target.port}`, auth: undefined }]);
		});

		it('fails the request when the proxy refuses the tunnel', async () => {
			const attempt = nodeTransport(5000, { HTTPS_PROXY: proxyUrl })({
				method: 'GET',
				url: 'https://refused.example/',
				headers: {},
			});
			await expect(attempt).rejects.toMatchObject({ code: 'EPROXY', message: expect.stringContaining('HTTP 403') });
		});
	});
});

describe('proxyFor', () => {
	const https = new URL('https://sms.tencentcloudapi.com/');
	const http8080 = new URL('http://api.local:8080/x');

	it('takes the proxy of the scheme, lower case first, with http:// when the scheme is left out', () => {
		expect(proxyFor(https, { HTTPS_PROXY: 'http://a:1', https_proxy: 'http://b:2' })?.href).toBe('http://b:2/');
		expect(proxyFor(https, { HTTP_PROXY: 'http://a:1' })).toBeUndefined();
		expect(proxyFor(http8080, { HTTP_PROXY: 'proxy.corp:3128' })?.href).toBe('http://proxy.corp:3128/');
		expect(proxyFor(https, {})).toBeUndefined();
	});

	it.each([
		['*', true],
		['tencentcloudapi.com', true],
		['.tencentcloudapi.com', true],
		['*.tencentcloudapi.com', true],
		['sms.tencentcloudapi.com:443', true],
		['sms.tencentcloudapi.com:8443', false],
		['cloudapi.com', false],
		['other.com,  tencentcloudapi.com', true],
	])('NO_PROXY=%s bypasses sms.tencentcloudapi.com: %s', (noProxy, bypassed) => {
		expect(proxyFor(https, { HTTPS_PROXY: 'http://p:1', NO_PROXY: noProxy }) === undefined).toBe(bypassed);
	});
});
