import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { lowerCaseHeaders, parseBody, type ApiResponse, type Transport, type WireRequest } from '../../core';

/** The account node's default; a send that times out is reported unknown, never sent again. */
export const DEFAULT_TIMEOUT_S = 30;

/**
 * The only place Node-RED requests leave, on Node's own http/https: the signed bytes go out exactly as the core
 * built them (no re-serialisation, no redirect to a URL the signature was not made for) and every HTTP status is
 * handed back to the core, which owns the error mapping. Node's default agents keep connections alive.
 *
 * (This was axios's Node adapter until the bundle had to fit 300 kB: axios and its proxy agent were 77 kB of it,
 * for what these 100 lines do.)
 */
export function nodeTransport(timeoutMs = DEFAULT_TIMEOUT_S * 1000, env: NodeJS.ProcessEnv = process.env): Transport {
	return (wire) => send(wire, timeoutMs, proxyFor(new URL(wire.url), env));
}

function send(wire: WireRequest, timeoutMs: number, proxy: URL | undefined): Promise<ApiResponse> {
	const url = new URL(wire.url);
	const secure = url.protocol === 'https:';
	const headers: Record<string, string> = { ...wire.headers };
	if (wire.body !== undefined) headers['content-length'] = String(Buffer.byteLength(wire.body));
	const options: http.RequestOptions = { method: wire.method, headers };
	if (proxy && !secure) {
		// Plain HTTP through a proxy: the whole URL as the path, the proxy as the host.
		Object.assign(options, { host: proxy.hostname, port: proxy.port || 80, path: url.href });
		headers.host = url.host;
		const auth = proxyAuthorization(proxy);
		if (auth) headers['proxy-authorization'] = auth;
	} else {
		Object.assign(options, { host: url.hostname, port: url.port || undefined, path: url.pathname + url.search });
		if (proxy) options.createConnection = tunnel(proxy, url, timeoutMs) as unknown as http.RequestOptions['createConnection'];
	}

	return new Promise<ApiResponse>((resolve, reject) => {
		const fail = (error: Error) => {
			clearTimeout(timer);
			reject(error);
		};
		const request = (secure ? https : http).request(options, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('error', fail);
			response.on('end', () => {
				clearTimeout(timer);
				resolve({
					status: response.statusCode ?? 0,
					headers: lowerCaseHeaders(response.headers),
					body: parseBody(Buffer.concat(chunks).toString('utf8')),
				});
			});
		});
		// The whole exchange, not each idle gap, must end within the timeout: a provider holding the answer is
		// reported as not answering in time (ETIMEDOUT), the outcome unknown.
		const timer = setTimeout(() => request.destroy(timedOut(timeoutMs)), timeoutMs);
		request.on('error', fail);
		request.end(wire.body);
	});
}

function timedOut(ms: number): Error {
	return Object.assign(new Error(`no answer within ${ms} ms`), { code: 'ETIMEDOUT' });
}

/**
 * HTTPS through a proxy: a CONNECT tunnel to the provider, then TLS inside it. The tunnel's own refusal (the
 * proxy unreachable, or answering CONNECT with an error) is an error of the request, with the proxy's status.
 */
function tunnel(proxy: URL, target: URL, timeoutMs: number) {
	return (_options: unknown, done: (error: Error | null, socket?: net.Socket) => void) => {
		const port = target.port || '443';
		const headers = [`CONNECT ${target.hostname}:${port} HTTP/1.1`, `Host: ${target.hostname}:${port}`];
		const auth = proxyAuthorization(proxy);
		if (auth) headers.push(`Proxy-Authorization: ${auth}`);
		const socket = net.connect(Number(proxy.port || 80), proxy.hostname);
		socket.setTimeout(timeoutMs, () => socket.destroy(timedOut(timeoutMs)));
		socket.once('error', (error) => done(error));
		socket.once('connect', () => socket.write(`${headers.join('\r\n')}\r\n\r\n`));
		let answer = '';
		const onData = (chunk: Buffer) => {
			answer += chunk.toString('latin1');
			if (!answer.includes('\r\n\r\n')) return;
			socket.off('data', onData);
			socket.setTimeout(0);
			const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1]);
			if (status !== 200) {
				socket.destroy();
				return done(Object.assign(new Error(`the proxy refused the tunnel (HTTP ${status})`), { code: 'EPROXY' }));
			}
			// SNI takes names only; the certificate is checked against the host either way.
			const servername = net.isIP(target.hostname.replace(/^\[|\]$/g, '')) ? undefined : target.hostname;
			done(null, tls.connect({ socket, servername, host: target.hostname.replace(/^\[|\]$/g, '') }));
		};
		socket.on('data', onData);
	};
}

function proxyAuthorization(proxy: URL): string | undefined {
	if (!proxy.username) return undefined;
	const user = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
	return `Basic ${Buffer.from(user).toString('base64')}`;
}

/**
 * The proxy a request goes through, from the environment as curl and Node-RED's own nodes read it:
 * HTTPS_PROXY / HTTP_PROXY (lower case first), except for hosts NO_PROXY lists (`*`, names matching themselves
 * and their subdomains, with or without a leading dot, an optional `:port`).
 */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv): URL | undefined {
	const secure = url.protocol === 'https:';
	const raw = secure ? (env.https_proxy ?? env.HTTPS_PROXY) : (env.http_proxy ?? env.HTTP_PROXY);
	if (!raw) return undefined;
	const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
	const port = url.port || (secure ? '443' : '80');
	const bypass = (env.no_proxy ?? env.NO_PROXY ?? '')
		.split(/[,\s]+/)
		.filter(Boolean)
		.some((entry) => {
			if (entry === '*') return true;
			const [, name, entryPort] = /^(.*?)(?::(\d+))?$/.exec(entry.toLowerCase()) ?? [];
			if (entryPort && entryPort !== port) return false;
			const bare = name.replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
			return host === bare || host.endsWith(`.${bare}`);
		});
	if (bypass) return undefined;
	return new URL(/^[a-z]+:\/\//i.test(raw) ? raw : `http://${raw}`);
}
