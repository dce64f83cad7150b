/**
 * Bulk sends in the real Node-RED 4, the packed package installed in its user directory: many messages arriving
 * at once into a send node. Every account node owns one queue, so however many messages come, no more requests
 * are in flight than its "In parallel" (here 2) — seen from outside, at a counting proxy in front of the sandbox
 * that adds 20 ms to every request. With "Join within" (coalesceMs) set, equal messages arriving within the window
 * go in shared requests of the provider's batch size, and each message still gets its own result.
 *
 * One Node-RED (a child process) and one deploy for the whole file: per provider an account behind the proxy, a
 * send node that sends each message alone and one that joins them, both fed by a function node that sends a
 * whole run of messages at once, their results and failures gathered by message.
 */
import * as fs from 'node:fs';
import { ALIBABA_DEFAULT_CREDENTIALS, OVH_DEFAULT_CREDENTIALS, startSandbox, type Sandbox } from '../../sandbox/server';
import { freePort } from './helpers/collector';
import { startCountingProxy, type CountingProxy } from './helpers/counting-proxy';
import { call, waitFor } from './helpers/node-red';
import { startLoggedNodeRed, type LoggedNodeRed } from './helpers/node-red-extra';

type Id = 'ovh' | 'tencent' | 'alibaba';

const z = 'tab-bulk';
/** The account's In parallel: every request of every node using it waits for one of these slots. */
const PARALLEL = 2;
const ALONE_N = 300;
const JOINED_N = 1000;
// Wide enough that 1,000 messages a function node sends at once all land in one window, even on a loaded machine.
const JOIN_MS = 1000;

let sandbox: Sandbox;
let proxy: CountingProxy;
let nodeRed: LoggedNodeRed;
let tencent: { secretId: string; secretKey: string; smsSdkAppId: string; signName: string; templateId: string };

const control = (method: string, route: string, body?: unknown) => call(method, `${sandbox.origin}${route}`, body);
const digits = (n: unknown) => String(n).replace(/\D/g, '');

interface Provider {
	id: Id;
	/** Recipients per request: OVHcloud receivers per job, Tencent and Alibaba numbers per SendSms. */
	batch: number;
	/** The API call that sends, as the proxy names it. */
	sendAction: string;
	/** The number prefix of this provider's messages (French mobiles: Tencent sends +86 numbers apart). */
	prefix: string;
	account(id: string, url: string): object;
	sendFields(): Record<string, unknown>;
	/** The recipients of one record of GET /_sandbox/messages, as digits. */
	recipients(record: Record<string, unknown>): string[];
}

const PROVIDERS: Provider[] = [
	{
		id: 'ovh',
		batch: 500,
		sendAction: 'POST /ovh/1.0/sms/sms-sandbox-1/jobs',
		prefix: '+3361',
		account: (id, url) => ({
			id,
			type: 'ovh-sms-config',
			name: `${id} (sandbox via proxy)`,
			endpoint: 'custom',
			customUrl: url,
			credentials: OVH_DEFAULT_CREDENTIALS,
		}),
		sendFields: () => ({
			service: 'sms-sandbox-1',
			message: 'Your parcel is on its way.',
			receivers: '',
			sender: '',
			senderForResponse: false,
			noStopClause: false,
			priority: '',
			validityPeriod: '',
			tag: '',
			differedPeriod: '',
			class: '',
			coding: '',
			charset: '',
		}),
		recipients: (r) => (r.receivers as string[]).map(digits),
	},
	{
		id: 'tencent',
		batch: 200,
		sendAction: 'SendSms',
		prefix: '+3362',
		account: (id, url) => ({
			id,
			type: 'tencent-sms-config',
			name: `${id} (sandbox via proxy)`,
			region: 'ap-guangzhou',
			endpoint: 'custom',
			customUrl: url,
			smsSdkAppId: tencent.smsSdkAppId,
			credentials: { secretId: tencent.secretId, secretKey: tencent.secretKey },
		}),
		sendFields: () => ({
			smsSdkAppId: '',
			signName: tencent.signName,
			templateId: tencent.templateId,
			templateParams: '1234,5',
			phoneNumbers: '',
			extendCode: '',
			sessionContext: '',
			senderId: '',
		}),
		recipients: (r) => (r.phoneNumbers as string[]).map(digits),
	},
	{
		id: 'alibaba',
		batch: 1000,
		sendAction: 'SendSms',
		prefix: '+3363',
		account: (id, url) => ({
			id,
			type: 'alibaba-sms-config',
			name: `${id} (sandbox via proxy)`,
			defaultCountry: '',
			endpoint: 'custom',
			customUrl: url,
			credentials: {
				accessKeyId: ALIBABA_DEFAULT_CREDENTIALS.accessKeyId,
				accessKeySecret: ALIBABA_DEFAULT_CREDENTIALS.accessKeySecret,
			},
		}),
		sendFields: () => ({
			operation: 'message.send',
			phoneNumbers: '',
			signName: ALIBABA_DEFAULT_CREDENTIALS.signName,
			// The approved notification template, `Your order ${order} has shipped.` (no per-minute limit).
			templateCode: 'SMS_900000002',
			templateParams: '{"order":"7"}',
			outId: '',
			smsUpExtendCode: '',
			message: '',
			from: '',
			messageType: '',
		}),
		// Alibaba writes numbers without the +; these are all French (mainland ones lose their 86 too).
		recipients: (r) => (r.phoneNumbers as string[]).map(digits),
	},
];

/** The nth number of a provider's run: its prefix and 7 digits (a French mobile has 9 after +33). */
const numberOf = (p: Provider, run: string, n: number) =>
	`${p.prefix}${run === 'joined' ? '5' : '0'}${String(n).padStart(6, '0')}`;

const aloneNode = (p: Provider) => `bulk-alone-${p.id}`;
const joinedNode = (p: Provider) => `bulk-joined-${p.id}`;

/**
 * Per provider: the account (In parallel 2, behind the proxy), the two send nodes, and POST /api/bulk/<send node>
 * {run, n, prefix} → answers 202 and sends n messages at once, msg.to the nth number. Every result (by msg.idx)
 * and every failure (a Catch node) lands in one list, taken by GET /api/bulk/results.
 */
function flows(): object[] {
	const keep = (entry: string) =>
		`const all = flow.get('results') || [];\nall.push(${entry});\nflow.set('results', all);\nreturn null;`;
	const nodes: object[] = [
		{ id: z, type: 'tab', label: 'bulk' },
		{
			id: 'bulk-keep',
			type: 'function',
			z,
			outputs: 0,
			func: keep('{ node: msg.from, run: msg.run, idx: msg.idx, to: msg.to, payload: msg.payload }'),
			wires: [],
		},
		{
			id: 'bulk-catch',
			type: 'catch',
			z,
			scope: null,
			uncaught: false,
			wires: [['bulk-keep-error']],
		},
		{
			id: 'bulk-keep-error',
			type: 'function',
			z,
			outputs: 0,
			func: keep('{ node: msg.error.source && msg.error.source.id, run: msg.run, idx: msg.idx, to: msg.to, error: msg.error }'),
			wires: [],
		},
		{ id: 'bulk-results-in', type: 'http in', z, url: '/bulk/results', method: 'get', wires: [['bulk-results-take']] },
		{
			id: 'bulk-results-take',
			type: 'function',
			z,
			outputs: 1,
			func: "msg.payload = flow.get('results') || [];\nflow.set('results', []);\nreturn msg;",
			wires: [['bulk-reply']],
		},
		{ id: 'bulk-reply', type: 'http response', z, statusCode: '', headers: {}, wires: [] },
	];
	for (const p of PROVIDERS) {
		const account = `bulk-account-${p.id}`;
		// The sandbox has no rate limit: the pace per second is lifted so that In parallel is the bound.
		nodes.push({ ...p.account(account, proxy.url(p.id)), parallel: PARALLEL, perSecond: 1000, timeout: 30 });
		for (const [id, coalesceMs] of [
			[aloneNode(p), 0],
			[joinedNode(p), JOIN_MS],
		] as const) {
			nodes.push(
				{ id: `${id}-in`, type: 'http in', z, url: `/bulk/${id}`, method: 'post', wires: [[`${id}-fan`]] },
				{
					id: `${id}-fan`,
					type: 'function',
					z,
					outputs: 2,
					func: [
						'const { run, n, prefix } = msg.payload;',
						'const ack = { req: msg.req, res: msg.res, statusCode: 202, payload: { n } };',
						'const all = [];',
						"for (let i = 0; i < n; i++) all.push({ run, idx: i, to: prefix + String(i).padStart(6, '0') });",
						'return [ack, all];',
					].join('\n'),
					wires: [[`${id}-ack`], [id]],
				},
				{ id: `${id}-ack`, type: 'http response', z, statusCode: '', headers: {}, wires: [] },
				{
					id,
					type: `${p.id}-sms-send`,
					z,
					name: '',
					account,
					idempotencyKey: '',
					skipAlreadySent: false,
					onInvalidNumber: 'reject',
					coalesceMs,
					...p.sendFields(),
					wires: [[`${id}-from`]],
				},
				{
					id: `${id}-from`,
					type: 'change',
					z,
					rules: [{ t: 'set', p: 'from', pt: 'msg', to: id, tot: 'str' }],
					wires: [['bulk-keep']],
				},
			);
		}
	}
	return nodes;
}

interface Gathered {
	node: string;
	run: string;
	idx: number;
	to: string;
	payload?: Array<{ status: string; to: string; error?: unknown }>;
	error?: { message: string; code?: string };
}

/** Sends `n` messages at once into send node `target`, and waits until each has come back (result or failure). */
async function runAtOnce(p: Provider, target: string, run: string, n: number): Promise<Gathered[]> {
	const reply = await call('POST', `${nodeRed.base}/api/bulk/${target}`, { run, n, prefix: numberOf(p, run, 0).slice(0, -6) });
	expect(reply.status).toBe(202);
	const gathered: Gathered[] = [];
	await waitFor(async () => {
		gathered.push(...((await call('GET', `${nodeRed.base}/api/bulk/results`)).json as Gathered[]));
		return gathered.filter((g) => g.run === run).length >= n ? true : undefined;
	}, 120_000);
	// Anything late (a second answer for one message) would show here.
	await new Promise((resolve) => setTimeout(resolve, 300));
	gathered.push(...((await call('GET', `${nodeRed.base}/api/bulk/results`)).json as Gathered[]));
	return gathered;
}

/** Each message came back once, from `target`, with one queued result to its own number; no failure. */
function expectOwnResults(p: Provider, target: string, run: string, n: number, gathered: Gathered[]): void {
	expect(gathered.filter((g) => g.error)).toEqual([]);
	expect(gathered.every((g) => g.node === target && g.run === run)).toBe(true);
	expect(gathered.map((g) => g.idx).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
	const wrong = gathered.filter(
		(g) =>
			g.to !== numberOf(p, run, g.idx) ||
			!Array.isArray(g.payload) ||
			g.payload.length !== 1 ||
			g.payload[0].status !== 'queued' ||
			g.payload[0].to !== g.to,
	);
	expect({ wrong: wrong.slice(0, 3), count: wrong.length }).toEqual({ wrong: [], count: 0 });
}

/** The sandbox's send requests for `p`, each as its recipients (digits). */
async function sendRequests(p: Provider): Promise<string[][]> {
	const records = (await control('GET', '/_sandbox/messages')).json[p.id] as Array<Record<string, unknown>>;
	return records.map((r) => p.recipients(r));
}

/** Each of the run's n numbers was sent to exactly once, and nothing else was. */
function expectEachOnce(p: Provider, run: string, n: number, requests: string[][]): void {
	const all = requests.flat();
	expect(all).toHaveLength(n);
	expect(new Set(all).size).toBe(n);
	expect([...all].sort()).toEqual(Array.from({ length: n }, (_, i) => digits(numberOf(p, run, i))).sort());
}

async function reset(): Promise<void> {
	sandbox.reset();
	proxy.reset();
	// The seeded OVHcloud account has 1000 credits; a thousand messages must not depend on their cost.
	expect((await control('PUT', '/_sandbox/ovh/services/sms-sandbox-1/credits', { creditsLeft: 1_000_000 })).status).toBe(200);
}

const observed: Record<string, unknown> = {};

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	const seeded = (await control('GET', '/_sandbox/credentials')).json;
	tencent = seeded.tencent;
	proxy = await startCountingProxy(
		Object.fromEntries(PROVIDERS.map((p) => [p.id, (sandbox.urls as Record<Id, string>)[p.id]])),
		20,
	);
	nodeRed = await startLoggedNodeRed(await freePort(), 'warn');
	await nodeRed.deploy(flows());
});

afterAll(async () => {
	console.log(`Node-RED bulk: ${JSON.stringify(observed)}`);
	// SMSKIT_E2E_LOG=<file> keeps Node-RED's log, for a failure's story.
	if (process.env.SMSKIT_E2E_LOG) fs.writeFileSync(process.env.SMSKIT_E2E_LOG, nodeRed?.log() ?? '');
	await nodeRed?.stop();
	await proxy?.close();
	await sandbox?.close();
});

describe.each(PROVIDERS.map((p) => [p.id, p] as const))('%s in Node-RED 4: bulk', (_id, p) => {
	test(`${ALONE_N} messages at once, each sent alone: every one gets its result, each number once, never more than ${PARALLEL} requests in flight`, async () => {
		await reset();
		const gathered = await runAtOnce(p, aloneNode(p), 'alone', ALONE_N);
		expectOwnResults(p, aloneNode(p), 'alone', ALONE_N, gathered);

		const requests = await sendRequests(p);
		expect(requests).toHaveLength(ALONE_N);
		expectEachOnce(p, 'alone', ALONE_N, requests);

		const stats = proxy.stats(p.id);
		expect(stats.requests.filter((r) => r.action === p.sendAction)).toHaveLength(ALONE_N);
		// The account's bound holds, and was reached: 300 messages wanted far more at once.
		expect(stats.maxInFlight).toBeLessThanOrEqual(PARALLEL);
		expect(stats.maxInFlight).toBeGreaterThanOrEqual(PARALLEL);
		observed[`${p.id} alone`] = {
			messages: ALONE_N,
			sendRequests: requests.length,
			proxiedRequests: stats.requests.length,
			maxInFlight: stats.maxInFlight,
		};
	});

	test(`${JOINED_N} messages at once, joined within ${JOIN_MS} ms: ceil(${JOINED_N} / batch) requests, each message its own single result`, async () => {
		await reset();
		const gathered = await runAtOnce(p, joinedNode(p), 'joined', JOINED_N);
		expectOwnResults(p, joinedNode(p), 'joined', JOINED_N, gathered);

		const requests = await sendRequests(p);
		expect({ requests: requests.length }).toEqual({ requests: Math.ceil(JOINED_N / p.batch) });
		expect(requests.every((r) => r.length <= p.batch)).toBe(true);
		expectEachOnce(p, 'joined', JOINED_N, requests);

		const stats = proxy.stats(p.id);
		expect(stats.requests.filter((r) => r.action === p.sendAction)).toHaveLength(requests.length);
		expect(stats.maxInFlight).toBeLessThanOrEqual(PARALLEL);
		observed[`${p.id} joined`] = {
			messages: JOINED_N,
			sendRequests: requests.length,
			sizes: requests.map((r) => r.length),
			proxiedRequests: stats.requests.length,
			maxInFlight: stats.maxInFlight,
		};
	});
});
