import { startSandbox, type Sandbox } from '../../sandbox/server';
import { startCollector } from './helpers/collector';
import { N8nQueue } from './helpers/n8n-queue';
import { triggerToCollector } from './helpers/workflows';

type Collector = Awaited<ReturnType<typeof startCollector>>;

const rl = (mode: string, value: string) => ({ __rl: true, mode, value });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const digits = (n: string) => n.replace(/\D/g, '');

const TOKEN = 'e2e-queue-callback-token-7d1e93b4';
const LOGIN = { email: 'owner@smskit.test', firstName: 'Queue', lastName: 'Owner', password: 'SmsKit-queue-1' };
/** 10,000 recipients, posted as 10 calls of 1,000: 10 executions for the workers to share. */
const BULK = Array.from({ length: 10_000 }, (_, i) => `+33612${String(i).padStart(6, '0')}`);
const PARTS = 10;
/** Two orders of 200 for the retried send. */
const ORDERS = ['A', 'B'].map((order, o) => ({
	order: `queue-order-${order}`,
	to: Array.from({ length: 200 }, (_, i) => `+33613${String(o * 1000 + i).padStart(6, '0')}`).join(','),
}));

const tencentSend = (phoneNumbers: string, options: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'send',
	phoneNumbers,
	templateId: rl('id', '100001'),
	templateParams: '1234, 5',
	signName: rl('name', 'SMSKit'),
	smsSdkAppId: '',
	options,
});

/**
 * A production webhook (n8n's own Webhook node, answered at once) feeding one SMS Kit node; with `split`, a JSON
 * array posted becomes one item per element first (n8n's Split Out node).
 */
function webhookToSms(id: string, path: string, sms: { type: string; parameters: object; credentials: object }, split = false) {
	const hook = {
		id: 'hook',
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: path,
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
	};
	const splitOut = {
		id: 'split',
		name: 'Split',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [120, 0],
		parameters: { fieldToSplitOut: 'body', options: {} },
	};
	const to = (node: string) => ({ main: [[{ node, type: 'main', index: 0 }]] });
	return {
		id,
		name: id,
		nodes: [hook, ...(split ? [splitOut] : []), { id: 'sms', name: 'SMS', typeVersion: 1, position: [240, 0], ...sms }],
		connections: split ? { Webhook: to('Split'), Split: to('SMS') } : { Webhook: to('SMS') },
	};
}

/**
 * SMS Kit on n8n's queue mode: a main instance, two webhook processors and two workers over PostgreSQL and
 * Redis (Debian's, started by the test on loopback), with the packed package installed in each process's
 * folder. What is shared between processes lives in the database (workflow static data, executions), or is
 * asked of the provider (which recipients a send's key already reached).
 */
describe('n8n 2.x queue mode: main, 2 webhook processors, 2 workers over PostgreSQL and Redis', () => {
	const queue = new N8nQueue('queue');
	let sandbox: Sandbox;
	const collectors: Record<'hook' | 'poll', Collector> = {} as never;

	const control = async (path: string, method = 'GET', body?: unknown) =>
		(await fetch(`${sandbox.origin}${path}`, {
			method,
			headers: { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		}).then((r) => r.json())) as Record<string, unknown>;
	/**
	 * The numbers Tencent was asked to send to that start with `prefix` (each test has its own range; the sandbox
	 * is never reset, which would also reuse the incoming SMS ids the polling trigger has seen), once per send.
	 */
	const tencentNumbers = async (prefix: string) =>
		((await control('/_sandbox/messages')).tencent as Array<{ phoneNumbers: string[] }>)
			.flatMap((m) => m.phoneNumbers)
			.map(digits)
			.filter((n) => n.startsWith(prefix));
	const post = (url: string, body: unknown) =>
		fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
	const reply = (i: number) => ({
		extend: '',
		mobile: `139${String(10000000 + i)}`,
		nationcode: '86',
		sign: 'SMSKit',
		text: `queue reply ${i}`,
		time: 1700000000 + i,
	});
	/** The owner account (made on first use) and its session cookie, for n8n's REST API on the main instance. */
	async function login(): Promise<string> {
		await post(`${queue.mainBase}/rest/owner/setup`, LOGIN);
		const res = await post(`${queue.mainBase}/rest/login`, { emailOrLdapLoginId: LOGIN.email, password: LOGIN.password });
		expect(res.status).toBe(200);
		return (res.headers.get('set-cookie') ?? '').split(';')[0];
	}
	const hookUrl = (webhook: number) => `${queue.webhookBases[webhook]}/webhook/queue-tc-in/tencent-sms?token=${TOKEN}`;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		collectors.hook = await startCollector();
		collectors.poll = await startCollector();
		await queue.setUp();
		const defaults = (await control('/_sandbox/credentials')) as Record<'tencent' | 'ovh', Record<string, string>>;
		const tencent = { endpoint: 'custom', customUrl: sandbox.urls.tencent, region: 'ap-guangzhou', ...defaults.tencent };
		await queue.main.importCredentials([
			{
				id: 'queueTencent0001',
				name: 'queueTencent0001',
				type: 'tencentCloudSmsApi',
				data: { ...tencent, callbackToken: TOKEN },
			},
			{
				id: 'queueOvh00000001',
				name: 'queueOvh00000001',
				type: 'ovhApi',
				data: { endpoint: 'custom', customUrl: sandbox.urls.ovh, ...defaults.ovh },
			},
		]);
		const tencentCredential = { tencentCloudSmsApi: { id: 'queueTencent0001', name: 'queueTencent0001' } };
		await queue.main.importWorkflows([
			webhookToSms('wfQueueBulk00001', 'queue-bulk', {
				type: '@smskit/n8n-nodes-sms.tencentSms',
				parameters: tencentSend('={{ $json.body.to }}'),
				credentials: tencentCredential,
			}),
			webhookToSms(
				'wfQueueResume001',
				'queue-resume',
				{
					type: '@smskit/n8n-nodes-sms.tencentSms',
					// One order per item, one request at a time: the second order's request is the one refused.
					parameters: {
						...tencentSend('={{ $json.to }}', {
							batchAcrossItems: false,
							idempotencyKey: '={{ $json.order }}',
							skipAlreadySent: true,
						}),
						requestOptions: { parallel: 1 },
					},
					credentials: tencentCredential,
				},
				true,
			),
			triggerToCollector(
				'wfQueueHook00001',
				{
					type: '@smskit/n8n-nodes-sms.tencentSmsTrigger',
					parameters: { event: 'incoming', smsSdkAppId: '' },
					credentials: tencentCredential,
					webhookId: 'queue-tc-in',
				},
				collectors.hook.url,
			),
			triggerToCollector(
				'wfQueuePoll00001',
				{
					type: '@smskit/n8n-nodes-sms.ovhSmsPollingTrigger',
					parameters: { event: 'incoming', service: rl('name', 'sms-sandbox-1') },
					credentials: { ovhApi: { id: 'queueOvh00000001', name: 'queueOvh00000001' } },
				},
				collectors.poll.url,
			),
		]);
		for (const id of ['wfQueueBulk00001', 'wfQueueResume001', 'wfQueueHook00001', 'wfQueuePoll00001'])
			await queue.main.publish(id);
		// Before the start: the polling trigger's first poll (at activation) picks it up.
		await control('/_sandbox/ovh/incoming', 'POST', { sender: '+33601020304', message: 'Polled before the restart' });
		await queue.start();
	}, 600_000);

	afterAll(async () => {
		await queue.tearDown();
		await Promise.all(Object.values(collectors).map((c) => c?.close()));
		await sandbox?.close();
	}, 120_000);

	it('a bulk send of 10,000 recipients in 10 executions runs on both workers; the sandbox has each recipient once', async () => {
		const part = BULK.length / PARTS;
		// Alternating between the two webhook processors, all at once.
		const answers = await Promise.all(
			Array.from({ length: PARTS }, (_, i) =>
				post(`${queue.webhookBases[i % 2]}/webhook/queue-bulk`, { to: BULK.slice(i * part, (i + 1) * part).join(',') }).then(
					(r) => r.status,
				),
			),
		);
		expect(answers).toEqual(Array(PARTS).fill(200));
		const runs = await queue.settled(['wfQueueBulk00001'], PARTS);
		expect(runs.map((r) => [r.mode, r.status])).toEqual(Array(PARTS).fill(['webhook', 'success']));
		const workers = runs.map((r) => queue.workerOf(r.id));
		expect(new Set(workers)).toEqual(new Set([0, 1]));

		const sent = await tencentNumbers('33612');
		expect(sent).toHaveLength(BULK.length);
		expect(new Set(sent).size).toBe(BULK.length);
		expect([...sent].sort()).toEqual(BULK.map(digits).sort());
	});

	it('a webhook event runs once on a worker; the same event again, at the other webhook processor, runs nothing', async () => {
		const first = await post(hookUrl(0), reply(1));
		expect(await first.json()).toEqual({ result: 0, errmsg: 'OK' });
		const [run] = await queue.settled(['wfQueueHook00001'], 1);
		expect(queue.workerOf(run.id)).toBeGreaterThanOrEqual(0);
		await collectors.hook.waitFor(1);

		// The first processor saved the event's key in the workflow's static data; the second one reads it there.
		expect(Object.keys((await queue.staticData('wfQueueHook00001')) ?? {}).length).toBeGreaterThan(0);
		const again = await post(hookUrl(1), reply(1));
		expect(await again.json()).toEqual({ result: 0, errmsg: 'OK' });
		await pause(3000);
		expect(await queue.executions(['wfQueueHook00001'])).toHaveLength(1);
		expect(collectors.hook.received).toEqual([expect.objectContaining({ provider: 'tencent', text: 'queue reply 1' })]);
	});

	it('the same event at both webhook processors at the same moment: both accept it, and n8n offers no lock to make that once', async () => {
		const before = (await queue.executions(['wfQueueHook00001'])).length;
		const answers = await Promise.all([post(hookUrl(0), reply(2)), post(hookUrl(1), reply(2))]);
		expect(await Promise.all(answers.map((a) => a.json()))).toEqual([
			{ result: 0, errmsg: 'OK' },
			{ result: 0, errmsg: 'OK' },
		]);
		await pause(3000);
		const runs = (await queue.settled(['wfQueueHook00001'], before + 1)).slice(before);
		// Each processor read the static data before the other saved it (README: "Queue mode"): one or two runs.
		expect(runs.length).toBeGreaterThanOrEqual(1);
		expect(runs.length).toBeLessThanOrEqual(2);
		console.log(`queue mode: one event at two webhook processors at once started ${runs.length} execution(s)`);
		// Once either has saved it, the key is known to both: a third delivery starts nothing.
		await post(hookUrl(0), reply(2));
		await post(hookUrl(1), reply(2));
		await pause(3000);
		expect(await queue.executions(['wfQueueHook00001'])).toHaveLength(before + runs.length);
	});

	it("a send retried with n8n's Retry on the other worker sends nothing twice: the Idempotency Key asks the provider first", async () => {
		// The first order's request goes through; the second's is refused (503) until the faults are cleared.
		await control('/_sandbox/faults', 'POST', { provider: 'tencent', action: 'send', kind: 'delay', ms: 0 });
		await control('/_sandbox/faults', 'POST', {
			provider: 'tencent',
			action: 'send',
			kind: 'status',
			status: 503,
			after: false,
			count: 50,
		});
		expect((await post(`${queue.webhookBases[0]}/webhook/queue-resume`, ORDERS)).status).toBe(200);
		const [failed] = await queue.settled(['wfQueueResume001'], 1);
		expect(failed.status).toBe('error');
		expect(await tencentNumbers('33613')).toHaveLength(200);
		await control('/_sandbox/faults', 'DELETE');

		// The worker that ran it goes away; the retry can only run on the other one.
		const first = queue.workerOf(failed.id);
		expect(first).toBeGreaterThanOrEqual(0);
		await queue.workers[first].stop();
		const cookie = await login();
		const retry = await fetch(`${queue.mainBase}/rest/executions/${failed.id}/retry`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', cookie },
			body: JSON.stringify({ loadWorkflow: false }),
		});
		expect(retry.status).toBe(200);
		const runs = await queue.settled(['wfQueueResume001'], 2);
		expect(runs[1]).toMatchObject({ mode: 'retry', status: 'success' });
		expect(queue.workerOf(runs[1].id)).toBe(1 - first);
		// What the retry's SMS node put out: the first order found already sent, the second sent now.
		const statuses = (await queue.output(runs[1].id, 'SMS')).map((i) => i.json.status);
		expect(statuses).toEqual([...Array(200).fill('already_sent'), ...Array(200).fill('queued')]);

		// 200 already sent (found by the key), 200 sent now: each number once.
		const sent = await tencentNumbers('33613');
		const wanted = ORDERS.flatMap((o) => o.to.split(',')).map(digits);
		expect(sent).toHaveLength(wanted.length);
		expect([...sent].sort()).toEqual([...wanted].sort());
		await queue.startWorker(first);
	});

	it('the polling trigger polls on the main instance only, and its cursor survives a restart of every process', async () => {
		// The first poll, at activation, took the SMS that arrived before the start; a worker ran the workflow.
		await collectors.poll.waitFor(1, 60_000);
		const polled = (from: string, text: string) => expect.objectContaining({ provider: 'ovh', event: 'incoming', from, text });
		expect(collectors.poll.received).toEqual([polled('+33601020304', 'Polled before the restart')]);
		const [run] = await queue.settled(['wfQueuePoll00001'], 1);
		expect(run.mode).toBe('trigger');
		expect(queue.workerOf(run.id)).toBeGreaterThanOrEqual(0);
		// The cursor, where n8n keeps shared state: the workflow's static data, in PostgreSQL.
		const cursor = {
			'node:Trigger': { poll: expect.objectContaining({ cursor: expect.any(Number), seen: expect.any(Object) }) },
		};
		expect(await queue.staticData('wfQueuePoll00001')).toEqual(cursor);

		// Without the main instance nothing polls: a minute's poll would have brought this SMS in.
		await queue.main.stop();
		await control('/_sandbox/ovh/incoming', 'POST', { sender: '+33601020305', message: 'Arrived while main was down' });
		await pause(65_000);
		expect(collectors.poll.received).toHaveLength(1);

		// Every process stopped, PostgreSQL and Redis too, then all started again: the cursor was in the database.
		await queue.stop();
		await queue.redis.stop();
		await queue.postgres.stop();
		await queue.postgres.resume();
		await queue.redis.start();
		await queue.start();
		await collectors.poll.waitFor(2, 60_000);
		await pause(3000);
		expect(collectors.poll.received).toEqual([
			polled('+33601020304', 'Polled before the restart'),
			polled('+33601020305', 'Arrived while main was down'),
		]);
	});
});
