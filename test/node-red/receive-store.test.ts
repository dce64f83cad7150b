/** Receive nodes keep their state in a file per node, and guard their webhooks before parsing (store.ts, receive.ts). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import type { ApiRequest } from '../../core';
import { nodeStore, storeFile } from '../../node-red/shared/store';
import { fakeRed, type FakeNode, type FakeRed } from './fake-red';

const OVH_KEYS = { applicationKey: 'ak', applicationSecret: 'secret-as-1', consumerKey: 'consumer-ck-1' };
const TOKEN = 'tok-Zx81_q';

let dir: string;
let red: FakeRed;
/** A fresh runtime on the same user directory: what a restart of Node-RED is to the nodes. */
function restart(): void {
	red = fakeRed();
	(red.RED as { settings: Record<string, unknown> }).settings.userDir = dir;
}
beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smskit-store-'));
	restart();
});
const running = new Set<FakeNode>();
afterEach(async () => {
	jest.restoreAllMocks();
	for (const node of running) await close(node);
	fs.rmSync(dir, { recursive: true, force: true });
});

/** Closes a node like Node-RED does: a redeploy or a stop (`removed` false), or the node deleted. */
async function close(node: FakeNode, removed = false): Promise<void> {
	if (!running.delete(node)) return;
	for (const handler of node.handlers.close ?? [])
		await new Promise<void>((resolve) => (handler as unknown as (r: boolean, d: () => void) => void)(removed, resolve));
}
/** Creates a node that afterEach closes (its timers) if the test did not. */
function create(def: Record<string, unknown>): FakeNode {
	const node = red.create(def);
	running.add(node);
	return node;
}

describe('the store: one JSON file per node under the user directory', () => {
	test('reads what was written, from a new store (a restart); the file is private', async () => {
		const store = nodeStore(dir, 'n1');
		expect(store.get('cursor')).toBeUndefined();
		store.set('cursor', { at: 1 });
		store.set('seen', { a: 5 });
		await store.flush();
		const file = storeFile(dir, 'n1');
		expect(file).toBe(path.join(dir, 'smskit', 'n1.json'));
		expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ cursor: { at: 1 }, seen: { a: 5 } });
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		expect(nodeStore(dir, 'n1').get('seen')).toEqual({ a: 5 });
		expect(nodeStore(dir, 'n2').get('seen')).toBeUndefined();
	});

	test('many changes in a row: the last one is on disk, no temporary file left', async () => {
		const store = nodeStore(dir, 'n1');
		for (let i = 0; i < 50; i++) store.set('count', i);
		store.set('gone', 1);
		store.set('gone', undefined);
		await store.flush();
		expect(JSON.parse(fs.readFileSync(storeFile(dir, 'n1'), 'utf8'))).toEqual({ count: 49 });
		expect(fs.readdirSync(path.join(dir, 'smskit'))).toEqual(['n1.json']);
	});

	test('atomic: a write that fails half-way leaves the previous file whole, and says so without values', async () => {
		const store = nodeStore(dir, 'n1');
		store.set('cursor', 1);
		await store.flush();
		const real = fs.promises.writeFile;
		jest.spyOn(fs.promises, 'writeFile').mockImplementation(async (file, data, options) => {
			await real(file, String(data).slice(0, 3), options);
			throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
		});
		store.set('cursor', 2);
		await store.flush();
		expect(JSON.parse(fs.readFileSync(storeFile(dir, 'n1'), 'utf8'))).toEqual({ cursor: 1 });
		expect(fs.readdirSync(path.join(dir, 'smskit'))).toEqual(['n1.json']);
		expect(store.problem).toContain('ENOSPC');
		expect(store.problem).not.toContain('"cursor"');
	});

	test('a damaged file: a fresh start with a warning; remove() deletes the file, after pending writes', async () => {
		fs.mkdirSync(path.join(dir, 'smskit'));
		fs.writeFileSync(storeFile(dir, 'n1'), '{"cursor":');
		const store = nodeStore(dir, 'n1');
		expect(store.problem).toContain('could not be read');
		expect(store.get('cursor')).toBeUndefined();
		store.set('cursor', 3);
		await store.remove();
		expect(fs.existsSync(storeFile(dir, 'n1'))).toBe(false);
		store.set('cursor', 4);
		await store.flush();
		expect(fs.existsSync(storeFile(dir, 'n1'))).toBe(false);
	});

	test('ids cannot leave the folder', () => {
		expect(storeFile(dir, '../../etc/x')).toBe(path.join(dir, 'smskit', '.._.._etc_x.json'));
	});
});

interface Reply {
	status?: number;
	body?: string;
	headers: Record<string, string>;
}

/** Calls a node's route like Express: headers, address, query and the body as a stream (Node-RED parses none). */
async function call(
	route: { handlers: unknown[] },
	request: {
		method?: string;
		query?: Record<string, unknown>;
		headers?: Record<string, string>;
		ip?: string;
		body?: string | Buffer;
	},
): Promise<Reply> {
	const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body);
	const req = Object.assign(Readable.from(body.length ? [body] : []), {
		method: request.method ?? 'POST',
		query: request.query ?? {},
		headers: { 'content-length': String(body.length), ...request.headers },
		ip: request.ip ?? '127.0.0.1',
	});
	const reply: Reply = { headers: {} };
	await new Promise<void>((resolve) => {
		const res = {
			status: (s: number) => ((reply.status = s), res),
			type: () => res,
			set: (name: string, value: string) => ((reply.headers[name] = value), res),
			send: (b: string) => ((reply.body = b), resolve()),
		};
		const handler = route.handlers[route.handlers.length - 2] as (req: unknown, res: unknown) => void;
		handler(req, res);
	});
	await new Promise((resolve) => setImmediate(resolve));
	return reply;
}

const routeOf = (path: string, method = 'post') => {
	const found = red.routes.filter((r) => r.path === path && r.method === method);
	return found[found.length - 1];
};
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const SMS = 'id=77&message=Yes&senderid=0033601020304&tag=rdv';

describe('webhook guard wiring (ovh receive, webhook mode)', () => {
	const hook = (fields: Record<string, unknown> = {}, credentials: Record<string, string> = { token: TOKEN }) =>
		create({
			id: 'r1',
			type: 'ovh-sms-receive',
			mode: 'webhook',
			event: 'both',
			service: 'sms-a',
			path: '/o',
			...fields,
			credentials,
		});
	const post = (request: Parameters<typeof call>[1]) => call(routeOf('/o'), { headers: FORM, body: SMS, ...request });

	test('no token, a wrong one: 401 and nothing emitted; the token: emitted once, the token not in the event', async () => {
		const node = hook();
		expect(await post({})).toMatchObject({ status: 401, body: 'Missing or wrong token.' });
		expect(await post({ query: { token: 'guess' } })).toMatchObject({ status: 401 });
		expect(node.sent).toEqual([]);
		expect(node.statuses.at(-1)).toMatchObject({ fill: 'yellow', text: expect.stringContaining('401') });
		expect(await post({ query: { token: TOKEN } })).toMatchObject({ status: 200, body: 'OK' });
		expect(node.sent).toHaveLength(1);
		// A delivery report by GET: its query reaches the parser and `raw` without the token.
		expect(
			(await call(routeOf('/o', 'get'), { method: 'GET', query: { id: '12', ptt: '4', dlr: '1', token: TOKEN } })).status,
		).toBe(200);
		expect(node.sent).toHaveLength(2);
		expect(JSON.stringify(node.sent)).not.toContain(TOKEN);
		expect(JSON.stringify(node.statuses)).not.toContain(TOKEN);
	});

	test('413 over 1 MB (declared, or streamed without a length), 415 for XML, 403 outside the allowed ranges', async () => {
		const node = hook({ allowedIps: '10.0.0.0/8, 2001:db8::/32' });
		const query = { token: TOKEN };
		const big = 'x'.repeat(1024 * 1024 + 1);
		expect(await post({ query, ip: '10.1.2.3', body: big })).toMatchObject({ status: 413, headers: { Connection: 'close' } });
		expect(await post({ query, ip: '10.1.2.3', body: big, headers: { ...FORM, 'content-length': '' } })).toMatchObject({
			status: 413,
		});
		expect(await post({ query, ip: '10.1.2.3', headers: { 'content-type': 'application/xml' } })).toMatchObject({ status: 415 });
		expect(await post({ query, ip: '192.0.2.1' })).toMatchObject({ status: 403 });
		expect(await post({ query, ip: '::ffff:192.0.2.1' })).toMatchObject({ status: 403 });
		expect(node.sent).toEqual([]);
		expect(await post({ query, ip: '::ffff:10.9.9.9' })).toMatchObject({ status: 200 });
		expect(await post({ query: { token: TOKEN, id: '78' }, ip: '2001:db8::7', body: SMS.replace('77', '78') })).toMatchObject({
			status: 200,
		});
		expect(node.sent).toHaveLength(2);
	});

	test('a node deployed without a token (an older flow) refuses everything and says to open it and deploy', async () => {
		const node = hook({}, {});
		expect(node.warnings).toEqual(['ovh-sms-receive.error.noToken']);
		expect(node.statuses.at(-1)).toMatchObject({ fill: 'red', text: 'ovh-sms-receive.status.noToken' });
		expect(await post({ query: { token: '' } })).toMatchObject({ status: 401, body: expect.stringContaining('no token') });
		expect(await post({ query: { token: 'undefined' } })).toMatchObject({ status: 401 });
		expect(node.sent).toEqual([]);
	});

	test('the same event delivered twice at once is emitted once; after a restart it is still known', async () => {
		const node = hook();
		const both = await Promise.all([post({ query: { token: TOKEN } }), post({ query: { token: TOKEN } })]);
		expect(both.map((r) => r.status)).toEqual([200, 200]);
		expect(node.sent).toHaveLength(1);
		await close(node);
		// A new instance of the node (a redeploy, or Node-RED started again): the key came from the file.
		restart();
		const again = hook();
		expect(await post({ query: { token: TOKEN } })).toMatchObject({ status: 200 });
		expect(again.sent).toEqual([]);
		await close(again, true);
		expect(fs.existsSync(storeFile(dir, 'r1'))).toBe(false);
	});

	test('the editor reads a deployed token through an admin route, for this node type only', async () => {
		hook();
		create({ id: 't1', type: 'tencent-sms-receive', mode: 'webhook', path: '/t', credentials: { token: 'tencent-tok' } });
		const route = red.routes.find((r) => r.method === 'admin-get' && r.path === '/ovh-sms-receive/:id/token')!;
		const read = (id: string) => {
			const reply: { status: number; json?: unknown } = { status: 200 };
			const res = { set: () => res, status: (s: number) => ((reply.status = s), res), json: (j: unknown) => (reply.json = j) };
			(route.handlers.at(-1) as (req: unknown, res: unknown) => void)({ params: { id } }, res);
			return reply;
		};
		expect(read('r1')).toEqual({ status: 200, json: { token: TOKEN } });
		expect(read('t1')).toMatchObject({ status: 404 });
		expect(read('nope')).toMatchObject({ status: 404 });
		expect(red.routes.some((r) => r.path === '/smsmobileapi-sms-receive/:id/token')).toBe(false);
		expect(red.types.get('ovh-sms-receive')!.options.credentials).toEqual({ token: { type: 'password' } });
		expect(red.types.get('smsmobileapi-sms-receive')!.options.credentials).toEqual({ webhookSecret: { type: 'password' } });
	});
});

describe('state across redeploys and restarts', () => {
	/** A fresh runtime with an account whose calls `answer` gets, stubbed before a receive node calls it. */
	function ovhAccount(answer: (r: ApiRequest) => unknown): void {
		restart();
		red.create({
			id: 'acct',
			type: 'ovh-sms-config',
			endpoint: 'custom',
			customUrl: 'http://127.0.0.1:1/1.0',
			credentials: OVH_KEYS,
		});
		red.stubAccount('acct', answer);
	}
	const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

	test('poll: what arrived while the node was away is emitted once when it is back; deleting it drops the file', async () => {
		const inbox: Array<{ id: number; sender: string; message: string; creationDatetime: string }> = [];
		// OVHcloud lists the ids created since `creationDatetime.from`.
		const answer = (r: ApiRequest) => {
			if (r.path === '/sms/s/incoming') {
				const from = String(r.query?.['creationDatetime.from']);
				return inbox.filter((m) => m.creationDatetime >= from).map((m) => m.id);
			}
			return inbox.find((m) => m.id === Number(r.path.split('/').pop()));
		};
		const arrive = (id: number, ago = 0) =>
			inbox.push({ id, sender: '+33601020304', message: `m${id}`, creationDatetime: new Date(Date.now() - ago).toISOString() });
		const start = async () => {
			ovhAccount(answer);
			const node = create({ id: 'p1', type: 'ovh-sms-receive', mode: 'poll', event: 'incoming', account: 'acct', service: 's' });
			await settle();
			return node;
		};
		const ids = (node: FakeNode) => (node.sent as Array<{ payload: { id: string } }>).map((m) => m.payload.id);
		arrive(1, 5000);
		const first = await start();
		expect(first.sent).toEqual([]); // the first start marks where polling begins
		await close(first);
		arrive(2); // while it was away (a redeploy, a restart)
		const second = await start();
		expect(ids(second)).toEqual(['2']);
		await close(second);
		const third = await start();
		expect(third.sent).toEqual([]); // nothing twice
		await close(third, true);
		expect(fs.existsSync(storeFile(dir, 'p1'))).toBe(false);
		inbox.splice(0);
		arrive(3, 5000);
		const fresh = await start(); // deleted then added again: a fresh start, from now on
		expect(fresh.sent).toEqual([]);
	});

	test('webhook registration: the URL registered carries the token; what it replaced is kept for the restore', async () => {
		const settings: Record<string, unknown> = { callBack: 'https://before.example/cb', smsResponse: { responseType: 'none' } };
		const puts: Array<Record<string, unknown>> = [];
		ovhAccount((r) => {
			if (r.method === 'PUT') puts.push(r.body as Record<string, unknown>);
			if (r.method === 'PUT') Object.assign(settings, r.body);
			return { ...settings };
		});
		const node = create({
			id: 'w1',
			type: 'ovh-sms-receive',
			mode: 'webhook',
			event: 'both',
			account: 'acct',
			service: 's',
			path: '/w',
			register: true,
			publicUrl: 'https://nr.example',
			credentials: { token: TOKEN },
		});
		await settle();
		const url = `https://nr.example/w?token=${TOKEN}`;
		expect(puts[0]).toMatchObject({ callBack: url, smsResponse: { responseType: 'cgi', cgiUrl: url } });
		expect(JSON.parse(fs.readFileSync(storeFile(dir, 'w1'), 'utf8')).registration).toMatchObject({
			previous: { callBack: 'https://before.example/cb' },
		});
		expect(JSON.stringify([node.statuses, node.warnings, node.errors])).not.toContain(TOKEN);
		await close(node);
		expect(puts[1]).toMatchObject({ callBack: 'https://before.example/cb' });
		expect(JSON.parse(fs.readFileSync(storeFile(dir, 'w1'), 'utf8')).registration).toBeUndefined();
	});
});
