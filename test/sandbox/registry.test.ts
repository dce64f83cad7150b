import https from 'node:https';
import { createServer } from 'node:net';
import { sendJson } from '../../sandbox/http';
import { defineEmulator, type ProviderEmulator } from '../../sandbox/provider';
import { EMULATORS } from '../../sandbox/providers';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { rawCall, signedCall, type Keys } from './helpers';

/** The registry of emulators (`sandbox/providers/index.ts`) and what the server makes of it. */

const IDS = EMULATORS.map((d) => d.id);
/** The server's own 404, when no emulator claimed the request. */
const UNCLAIMED = /providers live under/;

function httpsGet(url: string, ca: string): Promise<{ status: number; text: string }> {
	return new Promise((resolve, reject) => {
		https
			.get(url, { ca }, (res) => {
				let text = '';
				res.on('data', (chunk: Buffer) => (text += chunk.toString()));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
			})
			.on('error', reject);
	});
}

/** Ports in a row that were free a moment ago: `port`, `port + 1`… (one per listener, three by default). */
async function freePortRun(count = 3): Promise<number> {
	const listen = (port: number) =>
		new Promise<ReturnType<typeof createServer> | null>((resolve) => {
			const server = createServer();
			server.once('error', () => resolve(null));
			server.listen(port, '127.0.0.1', () => resolve(server));
		});
	for (;;) {
		const first = await listen(0);
		const port = (first!.address() as { port: number }).port;
		const servers = [first];
		while (servers.length < count && port + servers.length <= 65535) {
			const next = await listen(port + servers.length);
			if (next === null) break;
			servers.push(next);
		}
		await Promise.all(servers.map((s) => new Promise((resolve) => s!.close(resolve))));
		if (servers.length === count) return port;
	}
}

it('lists each emulator once, under an id fit for a URL prefix and a flag', () => {
	expect(new Set(IDS).size).toBe(IDS.length);
	for (const id of IDS) expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
});

describe('every registered emulator', () => {
	let sandbox: Sandbox;
	let urls: Record<string, string>;
	let ports: Record<string, number>;

	beforeAll(async () => {
		sandbox = await startSandbox();
		({ urls, ports } = sandbox);
	});

	afterAll(() => sandbox.close());

	it('has a base URL and a port, in registry order, and a TLS URL when on the shared listeners', () => {
		expect(Object.keys(sandbox.urls)).toEqual(IDS);
		expect(Object.keys(sandbox.ports)).toEqual(IDS);
		expect(Object.keys(sandbox.tlsUrls)).toEqual(EMULATORS.filter((d) => !d.ownListener).map((d) => d.id));
		for (const d of EMULATORS) expect(ports[d.id] === sandbox.port).toBe(!d.ownListener);
	});

	it.each(IDS)('%s answers at its base URL, itself rather than the server', async (id) => {
		expect(new URL(urls[id]).port).toBe(String(ports[id]));
		const response = await rawCall(urls[id], { method: 'POST', body: '{}' });
		// Alibaba answers V1 requests without Format=JSON in XML, as the real gateway does.
		expect(response.json ?? response.text).toBeTruthy();
		expect(response.text).not.toMatch(UNCLAIMED);
	});

	it.each(EMULATORS.filter((d) => !d.ownListener).map((d) => d.id))('%s answers over TLS too', async (id) => {
		const tlsUrls: Record<string, string> = sandbox.tlsUrls;
		const response = await httpsGet(tlsUrls[id], sandbox.ca);
		expect(JSON.parse(response.text)).toBeDefined();
		expect(response.text).not.toMatch(UNCLAIMED);
	});

	it('has its credentials and messages in the control API', async () => {
		const credentials = (await rawCall(`${sandbox.origin}/_sandbox/credentials`)).json;
		const messages = (await rawCall(`${sandbox.origin}/_sandbox/messages`)).json;
		expect(Object.keys(credentials as object)).toEqual(IDS);
		expect(messages).toEqual(Object.fromEntries(IDS.map((id) => [id, []])));
	});

	it('prints its base URL at start-up', () => {
		for (const d of EMULATORS) {
			const lines = d.describe({ url: urls[d.id], tlsUrl: undefined, controlOrigin: sandbox.origin });
			expect(lines.join('\n')).toContain(urls[d.id]);
		}
	});
});

describe('ports', () => {
	let sandbox: Sandbox | undefined;

	afterEach(async () => {
		await sandbox?.close();
		sandbox = undefined;
	});

	it('derives an own-port provider its port from the main one', async () => {
		const port = await freePortRun();
		sandbox = await startSandbox({ port });
		expect(sandbox.ports).toEqual({ ovh: port, tencent: port + 1, alibaba: port + 2, smsmobileapi: port });
		expect(sandbox.urls.tencent).toBe(`http://127.0.0.1:${port + 1}`);
		expect(sandbox.urls.alibaba).toBe(`http://127.0.0.1:${port + 2}`);
	});

	it('takes a port per provider, or through the deprecated <id>Port option', async () => {
		const port = (await freePortRun(2)) + 1;
		sandbox = await startSandbox({ ports: { tencent: port } });
		expect(sandbox.ports.tencent).toBe(port);
		await sandbox.close();

		sandbox = await startSandbox({ tencentPort: port });
		expect(sandbox.ports.tencent).toBe(port);
		expect(sandbox.tencentPort).toBe(port);
	});

	it('refuses a port for a provider without a listener of its own, or for an unknown one', async () => {
		await expect(startSandbox({ ports: { ovh: 5000 } as never })).rejects.toThrow(
			'No provider ovh with a port of its own (those are: tencent, alibaba)',
		);
		await expect(startSandbox({ ports: { nope: 5000 } as never })).rejects.toThrow(/No provider nope/);
	});
});

describe('per-provider options', () => {
	const OTHER: Keys = { applicationKey: 'other-ak', applicationSecret: 'other-as', consumerKey: 'other-ck' };
	const now = () => Math.floor(Date.now() / 1000);
	let sandbox: Sandbox | undefined;

	afterEach(async () => {
		await sandbox?.close();
		sandbox = undefined;
	});

	it('reach their emulator: providers.ovh', async () => {
		sandbox = await startSandbox({ providers: { ovh: { timestampWindowSeconds: 30, credentials: [OTHER] } } });
		const base = sandbox.urls.ovh;
		expect((await signedCall(base, { method: 'GET', path: '/sms', timestamp: now() + 40 })).status).toBe(400);
		expect((await signedCall(base, { method: 'GET', path: '/sms', timestamp: now() + 20 })).status).toBe(200);
		expect((await signedCall(base, { method: 'GET', path: '/sms', keys: OTHER })).status).toBe(200);
	});

	it('still come through the deprecated top-level credentials', async () => {
		sandbox = await startSandbox({ credentials: { ovh: [OTHER] } });
		expect((await signedCall(sandbox.urls.ovh, { method: 'GET', path: '/sms', keys: OTHER })).status).toBe(200);
	});
});

describe('an emulator added through the registry type', () => {
	interface EchoOptions {
		readonly greeting?: string;
		readonly credentials?: readonly string[];
	}

	/** Answers every request with what it saw; enough to show the server treats it like the real ones. */
	const echo = <Id extends string, Own extends boolean>(id: Id, ownListener: Own) =>
		defineEmulator({
			id,
			ownListener,
			create: (options: EchoOptions = {}, context): ProviderEmulator => {
				let received: string[] = [];
				let credentials = [...(options.credentials ?? [])];
				return {
					defaultCredentials: { token: `${id}-token` },
					basePath: '/v1',
					async handle(_req, res, ctx) {
						received.push(ctx.target);
						sendJson(res, 200, { id, greeting: options.greeting ?? 'hello', target: ctx.target, now: context.now() });
					},
					async handleControl(_req, res, ctx) {
						sendJson(res, 200, { id, control: ctx.target, credentials });
					},
					addCredentials: (input) => credentials.push(String(input)),
					reset() {
						received = [];
						credentials = [...(options.credentials ?? [])];
					},
					messages: () => [...received],
					// A phone that only lists what was received, as requests (enough for the page's list).
					phone: {
						messages: () =>
							received.map((text, i) => ({
								id: `echo-${i}`,
								direction: 'sent' as const,
								phone: '+33601020304',
								peer: id,
								text,
								status: 'queued' as const,
								segments: null,
								encoding: null,
								at: new Date(0).toISOString(),
							})),
						settle() {},
						reply: ({ from, text }) => ({
							id: 'echo-reply',
							direction: 'received' as const,
							phone: from,
							peer: id,
							text,
							status: 'received' as const,
							segments: null,
							encoding: null,
							at: new Date(0).toISOString(),
						}),
					},
				};
			},
			describe: ({ url }) => [`${id}: ${url}`],
		});

	// The registry plus two; typed as precisely as the real one.
	const emulators = [...EMULATORS, echo('echo', false), echo('solo', true)] as const;
	let sandbox: Sandbox<typeof emulators>;

	beforeAll(async () => {
		sandbox = await startSandbox({
			emulators,
			providers: { echo: { greeting: 'hi' }, solo: { credentials: ['seed'] } },
			now: () => 42,
		});
	});

	afterAll(() => sandbox.close());

	beforeEach(() => sandbox.reset());

	const control = (method: string, path: string, body?: unknown) =>
		rawCall(`${sandbox.origin}/_sandbox${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });

	it('is served under /<id> on the shared listeners, or on a port of its own', async () => {
		expect(Object.keys(sandbox.urls)).toEqual([...IDS, 'echo', 'solo']);
		expect(sandbox.urls.echo).toBe(`${sandbox.origin}/echo/v1`);
		expect(sandbox.tlsUrls.echo).toBe(`https://127.0.0.1:${sandbox.tlsPort}/echo/v1`);
		expect(sandbox.urls.solo).toBe(`http://127.0.0.1:${sandbox.ports.solo}/v1`);
		expect(sandbox.soloPort).toBe(sandbox.ports.solo);
		expect(new Set([sandbox.port, sandbox.tlsPort, sandbox.ports.tencent, sandbox.ports.solo]).size).toBe(4);

		expect((await rawCall(`${sandbox.urls.echo}/x?y=1`)).json).toEqual({
			id: 'echo',
			greeting: 'hi',
			target: '/v1/x?y=1',
			now: 42,
		});
		expect(JSON.parse((await httpsGet(sandbox.tlsUrls.echo, sandbox.ca)).text)).toMatchObject({ id: 'echo' });
		expect((await rawCall(`${sandbox.urls.solo}/z`)).json).toMatchObject({ id: 'solo', greeting: 'hello', target: '/v1/z' });
		const notShared = await rawCall(`${sandbox.origin}/solo/v1`);
		expect(notShared.status).toBe(404);
		expect(notShared.text).toMatch(UNCLAIMED);
	});

	it('gets the control API: credentials, its own routes, messages and reset', async () => {
		expect((await control('GET', '/credentials')).json).toMatchObject({
			echo: { token: 'echo-token' },
			solo: { token: 'solo-token' },
		});
		expect((await control('POST', '/credentials', { solo: 'more' })).json).toEqual({ ok: true });
		expect((await control('GET', '/solo/anything')).json).toEqual({
			id: 'solo',
			control: '/anything',
			credentials: ['seed', 'more'],
		});
		await rawCall(`${sandbox.urls.echo}/sent`);
		expect((await control('GET', '/messages')).json).toMatchObject({ echo: ['/v1/sent'] });

		await control('POST', '/reset', {});
		expect((await control('GET', '/messages')).json).toMatchObject({ echo: [], solo: [] });
		expect((await control('GET', '/solo/x')).json).toMatchObject({ credentials: ['seed'] });
	});
});
