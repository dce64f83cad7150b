import type { NodeMessageInFlow } from 'node-red';
import { SmsError, type WireRequest } from '../../core';
import { requestConsumerKey } from '../../node-red/nodes/ovh-sms-config/consumer-key-route';
import { callbackFields, MAX_CALLBACK_BYTES, parseOvhCallback, wanted } from '../../node-red/nodes/ovh-sms-receive/callbacks';
import { webhookPath } from '../../node-red/nodes/ovh-sms-receive/ovh-sms-receive';
import {
	idsToCheck,
	listFrom,
	markRead,
	reportChanges,
	startCursor,
	startTracker,
	unseenIds,
} from '../../node-red/nodes/ovh-sms-receive/poll-state';
import { callbackUrl, previousSettings, registration } from '../../node-red/nodes/ovh-sms-receive/register';
import { sendInput, type OvhSmsSendDef } from '../../node-red/nodes/ovh-sms-send/ovh-sms-send';
import {
	listOptions,
	newest,
	outgoingFilters,
	runStatus,
	targets,
	type OvhSmsStatusDef,
} from '../../node-red/nodes/ovh-sms-status/ovh-sms-status';
import { runTemplates, templateInput, type OvhSmsTemplatesDef } from '../../node-red/nodes/ovh-sms-templates/ovh-sms-templates';
import { mapLimit } from '../../node-red/shared/each';
import type { OperationRunner } from '../../node-red/shared/runner';
import { readBody } from '../../node-red/shared/webhook';
import { Readable } from 'node:stream';

const msg = (props: Record<string, unknown>) => ({ _msgid: 'm1', ...props }) as NodeMessageInFlow;
const node = { id: 'n1', name: '', z: 'tab', account: 'acct' };
const NOW = new Date('2026-11-22T07:00:00Z');

/** A runner that records what each operation was asked and answers from a function. */
function fakeRunner(answer: (name: string, input: Record<string, unknown>) => unknown): OperationRunner & { calls: unknown[] } {
	const calls: unknown[] = [];
	return {
		calls,
		run: async (op, input) => {
			calls.push({ op: op.name, input });
			return answer(op.name, input as Record<string, unknown>) as never;
		},
		close: async () => undefined,
	};
}

describe('ovh-sms-send: the new job options', () => {
	const def: OvhSmsSendDef = {
		...node,
		type: 'ovh-sms-send',
		service: '',
		message: '',
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
	};

	test('from msg when the fields are empty, from the node otherwise', () => {
		expect(sendInput(def, msg({ differedPeriod: 15, class: 'flash', coding: '8bit', charset: 'UTF-8' }))).toMatchObject({
			differedPeriod: 15,
			class: 'flash',
			coding: '8bit',
			charset: 'UTF-8',
		});
		const fixed = { ...def, differedPeriod: '30', class: 'sim', coding: '7bit', charset: 'UTF-8' };
		expect(sendInput(fixed, msg({ differedPeriod: 15, class: 'flash', coding: '8bit' }))).toMatchObject({
			differedPeriod: 30,
			class: 'sim',
			coding: '7bit',
			charset: 'UTF-8',
		});
	});

	test('a node saved before these options existed sends without them', () => {
		const old = { ...def } as Partial<OvhSmsSendDef>;
		delete old.differedPeriod;
		delete old.class;
		const input = sendInput(old as OvhSmsSendDef, msg({}));
		expect(input.differedPeriod).toBeUndefined();
		expect(input.class).toBeUndefined();
	});
});

describe('ovh-sms-status', () => {
	const def: OvhSmsStatusDef = {
		...node,
		type: 'ovh-sms-status',
		operation: 'getOutgoing',
		service: '',
		itemId: '',
		receiver: '',
		sender: '',
		tag: '',
		since: '',
		until: '',
		details: false,
		limit: '',
	};
	const sendResults = [
		{ status: 'queued', to: '+33601020304', messageId: '11', service: 'sms-a' },
		{ status: 'rejected', to: '+33612', messageId: null, service: 'sms-a' },
		{ status: 'queued', to: '+33601020305', messageId: '12', service: 'sms-a' },
	];

	test('the id: the node field, else msg.messageId, else an id payload', () => {
		expect(targets({ ...def, itemId: '7', service: 's' }, msg({ messageId: 8, payload: 9 }))).toEqual({
			many: false,
			targets: [{ service: 's', id: '7' }],
		});
		expect(targets(def, msg({ messageId: 8, payload: 9, service: 'm' }))).toEqual({
			many: false,
			targets: [{ service: 'm', id: 8 }],
		});
		expect(targets(def, msg({ payload: '9' })).targets).toEqual([{ service: '', id: '9' }]);
	});

	test('send results as the payload: one target per queued receiver, each with its service unless one is set', () => {
		expect(targets(def, msg({ payload: sendResults }))).toEqual({
			many: true,
			targets: [
				{ service: 'sms-a', id: '11' },
				{ service: 'sms-a', id: '12' },
			],
		});
		expect(targets({ ...def, service: 'sms-b' }, msg({ payload: sendResults })).targets[0].service).toBe('sms-b');
	});

	test('list filters from the node or msg; since and until are the creation date range', () => {
		expect(
			outgoingFilters(
				{ ...def, service: 'sms-a', tag: 'node-tag', since: '2026-11-01T00:00:00Z' },
				msg({ tag: 'msg-tag', receiver: '+33601020304', until: 1718000000000, deliveryReceipt: '1', to: ['ignored'] }),
			),
		).toEqual({
			service: 'sms-a',
			receiver: '+33601020304',
			sender: undefined,
			tag: 'node-tag',
			deliveryReceipt: 1,
			ptt: undefined,
			from: '2026-11-01T00:00:00Z',
			to: 1718000000000,
		});
	});

	test('details read at most 100 items unless a limit is set; a wrong limit is refused', () => {
		expect(listOptions(def, msg({}))).toEqual({ details: false, limit: undefined });
		expect(listOptions({ ...def, details: true }, msg({}))).toEqual({ details: true, limit: 100 });
		expect(listOptions(def, msg({ details: true, limit: 5 }))).toEqual({ details: true, limit: 5 });
		expect(() => listOptions({ ...def, limit: '0' }, msg({}))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
		expect(() => listOptions(def, msg({ limit: 'ten' }))).toThrow(SmsError);
		expect(newest([3, 10, 7, 1], 2)).toEqual([10, 7]);
		expect(newest([3, 10, 7], undefined)).toEqual([10, 7, 3]);
	});

	test('each operation runs its core action; lists with details read the newest items', async () => {
		const runner = fakeRunner((op, input) => {
			if (op === 'outgoing.getMany' || op === 'job.getMany') return [1, 5, 3];
			return { op, id: input.id };
		});
		await expect(runStatus(runner, 'getOutgoing', { ...def, service: 's', itemId: '5' }, msg({}))).resolves.toEqual({
			op: 'outgoing.get',
			id: '5',
		});
		await expect(runStatus(runner, 'cancelJob', def, msg({ payload: sendResults }))).resolves.toEqual([
			{ op: 'job.cancel', id: '11' },
			{ op: 'job.cancel', id: '12' },
		]);
		await expect(runStatus(runner, 'listOutgoing', { ...def, service: 's' }, msg({}))).resolves.toEqual([5, 3, 1]);
		await expect(runStatus(runner, 'listJobs', { ...def, service: 's', details: true, limit: '2' }, msg({}))).resolves.toEqual([
			{ op: 'job.get', id: 5 },
			{ op: 'job.get', id: 3 },
		]);
		await runStatus(runner, 'hlr', { ...def, service: 's', itemId: '5' }, msg({}));
		await runStatus(runner, 'getJob', { ...def, service: 's', itemId: '5' }, msg({}));
		expect(runner.calls.map((c) => (c as { op: string }).op)).toEqual([
			'outgoing.get',
			'job.cancel',
			'job.cancel',
			'outgoing.getMany',
			'job.getMany',
			'job.get',
			'job.get',
			'outgoing.hlr',
			'job.get',
		]);
		await expect(runStatus(runner, 'nope', def, msg({}))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
	});
});

describe('ovh-sms-templates', () => {
	const def: OvhSmsTemplatesDef = {
		...node,
		type: 'ovh-sms-templates',
		operation: 'add',
		service: '',
		templateName: '',
		activity: '',
		message: '',
		description: '',
		reason: '',
		details: false,
	};

	test('add: msg.payload gives the parameters, node fields win, the service from the node, msg or payload', () => {
		const payload = { name: 'otp', activity: 'authentification', message: 'Code: %s', description: 'd', reason: 'r' };
		expect(templateInput(def, msg({ payload, service: 'sms-a' }))).toEqual({ service: 'sms-a', ...payload });
		expect(
			templateInput({ ...def, templateName: 'fixed', activity: 'alerting' }, msg({ payload: { ...payload, service: 'p' } })),
		).toEqual({
			...payload,
			service: 'p',
			name: 'fixed',
			activity: 'alerting',
		});
	});

	test('get, delete and relaunch take the name from a string payload; lists only the service', () => {
		expect(templateInput({ ...def, operation: 'get', service: 's' }, msg({ payload: 'otp' }))).toEqual({
			service: 's',
			name: 'otp',
		});
		expect(templateInput({ ...def, operation: 'delete' }, msg({ payload: { name: 'x' }, service: 's' }))).toEqual({
			service: 's',
			name: 'x',
		});
		expect(
			templateInput({ ...def, operation: 'relaunch', description: 'again' }, msg({ payload: { name: 'x', message: 'm' } })),
		).toEqual({ service: '', name: 'x', description: 'again', message: 'm' });
		expect(templateInput({ ...def, operation: 'list' }, msg({ payload: 1718000000000, service: 's' }))).toEqual({ service: 's' });
	});

	test('lists return names, or with details one object each', async () => {
		const runner = fakeRunner((op, input) =>
			op.endsWith('getMany') ? ['a', 'b'] : { op, name: input.name ?? input.sender, service: input.service },
		);
		await expect(runTemplates(runner, 'list', { service: 's' }, false)).resolves.toEqual(['a', 'b']);
		await expect(runTemplates(runner, 'list', { service: 's' }, true)).resolves.toEqual([
			{ op: 'template.get', name: 'a', service: 's' },
			{ op: 'template.get', name: 'b', service: 's' },
		]);
		await expect(runTemplates(runner, 'listSenders', { service: 's' }, true)).resolves.toEqual([
			{ op: 'sender.get', name: 'a', service: 's' },
			{ op: 'sender.get', name: 'b', service: 's' },
		]);
		for (const op of ['add', 'get', 'delete', 'relaunch']) await runTemplates(runner, op, {}, false);
		expect(runner.calls.slice(-4).map((c) => (c as { op: string }).op)).toEqual([
			'template.add',
			'template.get',
			'template.delete',
			'template.relaunch',
		]);
		await expect(runTemplates(runner, 'nope', {}, false)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
	});
});

describe('consumer key request (the account dialog button)', () => {
	test('an unsigned POST /auth/credential with the application key only, and the SMS Kit rules for one account', async () => {
		const sent: WireRequest[] = [];
		const answer = await requestConsumerKey(
			'http://127.0.0.1:4010/ovh/1.0',
			'my-app-key',
			{ service: ' sms-a ' },
			async (wire) => {
				sent.push(wire);
				return {
					status: 200,
					headers: {},
					body: {
						validationUrl: 'https://eu.api.ovh.com/auth/?credentialToken=t',
						consumerKey: 'ck-1',
						state: 'pendingValidation',
					},
				};
			},
		);
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({ method: 'POST', url: 'http://127.0.0.1:4010/ovh/1.0/auth/credential' });
		expect(sent[0].headers['X-Ovh-Application']).toBe('my-app-key');
		expect(Object.keys(sent[0].headers).filter((h) => /consumer|signature|timestamp/i.test(h))).toEqual([]);
		const rules = JSON.parse(sent[0].body!).accessRules as Array<{ method: string; path: string }>;
		expect(rules).toContainEqual({ method: 'POST', path: '/sms/sms-a/*' });
		expect(rules.some((r) => r.path.includes('/sms/*'))).toBe(false);
		expect(answer).toEqual({
			consumerKey: 'ck-1',
			validationUrl: 'https://eu.api.ovh.com/auth/?credentialToken=t',
			state: 'pendingValidation',
			nextSteps: expect.stringContaining('https://eu.api.ovh.com/auth/?credentialToken=t'),
			service: 'sms-a',
		});
	});

	test("OVHcloud's refusal is the provider's error", async () => {
		const refused = requestConsumerKey('http://x/1.0', 'bad', {}, async () => ({
			status: 403,
			headers: { 'x-ovh-queryid': 'EU.q1' },
			body: { errorCode: 'INVALID_KEY', message: 'Invalid application key' },
		}));
		await expect(refused).rejects.toMatchObject({ code: 'INVALID_KEY', requestId: 'EU.q1' });
	});
});

describe('ovh-sms-receive: webhook callbacks', () => {
	test('fields from the query (GET delivery callBack) and the body (POST cgi form, or JSON), the body winning', () => {
		expect(callbackFields('id=12&ptt=4&dlr=1&descriptionDlr=Delivered', undefined)).toEqual({
			id: '12',
			ptt: '4',
			dlr: '1',
			descriptionDlr: 'Delivered',
		});
		const form = Buffer.from('id=77&keyword=YES&message=Yes+please+%C3%A9&senderid=%2B33601020304&shortcode=38200&tag=rdv');
		expect(callbackFields('id=1', form, 'application/x-www-form-urlencoded')).toEqual({
			id: '77',
			keyword: 'YES',
			message: 'Yes please é',
			senderid: '+33601020304',
			shortcode: '38200',
			tag: 'rdv',
		});
		expect(callbackFields('', Buffer.from('{"id":5,"message":"Hi","senderid":"0033601020304"}'), 'application/json')).toEqual({
			id: '5',
			message: 'Hi',
			senderid: '0033601020304',
		});
		expect(callbackFields('', { id: 6, nested: { a: 1 }, message: 'parsed before' })).toEqual({
			id: '6',
			message: 'parsed before',
		});
		expect(callbackFields('', Buffer.alloc(0))).toEqual({});
		expect(() => callbackFields('', Buffer.from('{not json'), 'application/json')).toThrow(
			expect.objectContaining({ code: 'INVALID_CALLBACK' }),
		);
		expect(() => callbackFields('', [1, 2])).toThrow(expect.objectContaining({ code: 'INVALID_CALLBACK' }));
	});

	test('a reply form is an incoming SMS, a query with dlr/ptt a delivery report, in the core’s item shapes', () => {
		const incoming = parseOvhCallback(
			{ id: '77', keyword: 'YES', message: 'Yes please', senderid: '0033601020304', shortcode: '38200', tag: 'rdv' },
			'sms-a',
			NOW,
		);
		expect(incoming).toEqual({
			topic: 'ovh/incoming',
			payload: {
				provider: 'ovh',
				from: '+33601020304',
				text: 'Yes please',
				receivedAt: NOW.toISOString(),
				id: 77,
				service: 'sms-a',
				tag: 'rdv',
				dedupeKey: 'ovh:incoming:77',
			},
		});
		const report = parseOvhCallback({ id: '12', ptt: '4', dlr: '1', date: '2026-11-22T08:00:00+01:00' }, 'sms-a', NOW);
		expect(report).toEqual({
			topic: 'ovh/report',
			payload: expect.objectContaining({
				provider: 'ovh',
				status: 'delivered',
				messageId: '12',
				ptt: 4,
				deliveryReceipt: 1,
				at: '2026-11-22T07:00:00.000Z',
				service: 'sms-a',
			}),
		});
		expect(parseOvhCallback({ id: '12', ptt: '4', dlr: '2' }, 's', NOW).payload.dedupeKey).not.toBe(report.payload.dedupeKey);
		expect(parseOvhCallback({ id: '13', dlr: '2' }, 's', NOW).payload).toMatchObject({ status: 'failed', at: NOW.toISOString() });
	});

	test('anything else is INVALID_CALLBACK', () => {
		const junk: Array<Record<string, string>> = [
			{},
			{ id: '1' },
			{ hello: 'world' },
			{ id: 'x', dlr: '1' },
			{ id: '1', message: 'no sender' },
		];
		for (const fields of junk) {
			expect(() => parseOvhCallback(fields, 's', NOW)).toThrow(expect.objectContaining({ code: 'INVALID_CALLBACK' }));
		}
	});

	test('the event filter', () => {
		expect([wanted('both', 'ovh/incoming'), wanted('both', 'ovh/report')]).toEqual([true, true]);
		expect([wanted('incoming', 'ovh/incoming'), wanted('incoming', 'ovh/report')]).toEqual([true, false]);
		expect([wanted('report', 'ovh/incoming'), wanted('report', 'ovh/report')]).toEqual([false, true]);
	});

	test('the body is read up to a limit, or taken from a parser in front of the route', async () => {
		const stream = (text: string) => Object.assign(Readable.from([Buffer.from(text)]), { headers: {} }) as never;
		await expect(readBody(stream('id=1'), MAX_CALLBACK_BYTES)).resolves.toEqual(Buffer.from('id=1'));
		await expect(readBody(stream('x'.repeat(MAX_CALLBACK_BYTES + 1)), MAX_CALLBACK_BYTES)).rejects.toThrow(/larger than/);
		await expect(readBody({ _body: true, body: { id: '1' } } as never, 10)).resolves.toEqual({ id: '1' });
	});

	test('the route: the node path, or one made from its id', () => {
		expect(webhookPath({ id: 'abc', path: '' })).toBe('/smskit/ovh/abc');
		expect(webhookPath({ id: 'abc', path: 'hooks/ovh' })).toBe('/hooks/ovh');
	});
});

describe('ovh-sms-receive: registering on the account', () => {
	const url = 'https://nodered.example.com/smskit/ovh/n1';

	test('the URL OVHcloud calls: the public base and the path; anything but http(s) is refused', () => {
		expect(callbackUrl('https://nodered.example.com/', '/smskit/ovh/n1')).toBe(url);
		expect(callbackUrl(' http://10.0.0.1:1880/api ', '/x')).toBe('http://10.0.0.1:1880/api/x');
		expect(() => callbackUrl('', '/x')).toThrow(expect.objectContaining({ code: 'INVALID_PUBLIC_URL' }));
		expect(() => callbackUrl('ftp://host', '/x')).toThrow(expect.objectContaining({ code: 'INVALID_PUBLIC_URL' }));
	});

	test('reports set callBack, incoming SMS the cgi reply URL, both set both', () => {
		expect(registration('report', url)).toEqual({ callBack: url });
		expect(registration('incoming', url)).toEqual({ smsResponse: { responseType: 'cgi', cgiUrl: url } });
		expect(registration('both', url)).toEqual({ callBack: url, smsResponse: { responseType: 'cgi', cgiUrl: url } });
	});

	test('what is put back: the values the node changes, as they were; its own URL left by a crash as nothing', () => {
		const account = {
			callBack: 'https://other.example.com/dlr',
			smsResponse: { responseType: 'text', cgiUrl: null, text: 'Thanks', trackingOptions: [] },
			creditsLeft: 100,
		};
		expect(previousSettings(account, 'both', url)).toEqual({
			callBack: 'https://other.example.com/dlr',
			smsResponse: { responseType: 'text', cgiUrl: null },
		});
		expect(previousSettings(account, 'incoming', url)).toEqual({ smsResponse: { responseType: 'text', cgiUrl: null } });
		expect(previousSettings({ callBack: null }, 'report', url)).toEqual({ callBack: '' });
		expect(previousSettings({ callBack: url, smsResponse: { responseType: 'cgi', cgiUrl: url } }, 'both', url)).toEqual({
			callBack: '',
			smsResponse: { responseType: 'none', cgiUrl: null },
		});
	});
});

describe('ovh-sms-receive: polling state', () => {
	const start = Date.parse('2026-11-22T07:00:00Z');

	test('incoming: listed from five minutes before the newest message read; ids read are not read again', () => {
		let cursor = startCursor(start);
		expect(listFrom(cursor)).toBe('2026-11-22T06:55:00.000Z');
		// What is there at start is noted without being read.
		cursor = markRead(cursor, [{ id: 1 }, { id: 2 }]);
		expect(unseenIds([2, 3, 1, 4, 3], cursor)).toEqual([3, 4]);
		cursor = markRead(cursor, [{ id: 3, receivedAt: '2026-11-22T07:10:00.000Z' }]);
		expect(cursor.since).toBe('2026-11-22T07:10:00.000Z');
		expect(listFrom(cursor)).toBe('2026-11-22T07:05:00.000Z');
		// An older message does not move the cursor back.
		cursor = markRead(cursor, [{ id: 4, receivedAt: '2026-11-22T07:01:00.000Z' }]);
		expect(cursor.since).toBe('2026-11-22T07:10:00.000Z');
		expect(unseenIds([1, 2, 3, 4], cursor)).toEqual([]);
	});

	test('incoming: the ids remembered are bounded, the newest kept', () => {
		let cursor = startCursor(start);
		for (let id = 1; id <= 5; id++) cursor = markRead(cursor, [{ id }], 3);
		expect(cursor.seen).toEqual(['3', '4', '5']);
		expect(unseenIds([1, 5], cursor)).toEqual([1]);
	});

	test('reports: the first poll only notes statuses; later a message is emitted once when it becomes delivered or failed', () => {
		const r = (messageId: number, status: 'delivered' | 'failed' | 'pending' | 'unknown') => ({
			messageId: String(messageId),
			status,
		});
		let tracker = startTracker();
		expect(idsToCheck([1, 2, 3], tracker)).toEqual([1, 2, 3]);
		let step = reportChanges(tracker, [1, 2, 3], [r(1, 'delivered'), r(2, 'pending'), r(3, 'pending')]);
		expect(step.changed).toEqual([]);
		tracker = step.tracker;
		expect(tracker).toEqual({ primed: true, last: { '1': 'delivered', '2': 'pending', '3': 'pending' } });

		// Delivered or failed messages are not asked again.
		expect(idsToCheck([1, 2, 3, 4], tracker)).toEqual([2, 3, 4]);
		step = reportChanges(tracker, [1, 2, 3, 4], [r(2, 'delivered'), r(3, 'pending'), r(4, 'failed')]);
		expect(step.changed).toEqual([r(2, 'delivered'), r(4, 'failed')]);
		tracker = step.tracker;

		step = reportChanges(tracker, [1, 2, 3, 4], [r(3, 'unknown')]);
		expect(step.changed).toEqual([]);
		tracker = step.tracker;
		expect(idsToCheck([1, 2, 3, 4], tracker)).toEqual([3]);

		// Out of the window: forgotten.
		step = reportChanges(tracker, [3, 4], []);
		expect(step.tracker.last).toEqual({ '3': 'unknown', '4': 'failed' });
	});

	test('reports: at most `max` messages are followed, the newest', () => {
		expect(idsToCheck([1, 2, 3, 4, 5], startTracker(), 2)).toEqual([4, 5]);
		const step = reportChanges(startTracker(), [1, 2, 3], [{ messageId: '1', status: 'pending' as const }], 2);
		expect(step.tracker.last).toEqual({});
	});
});

test('mapLimit keeps the order and never runs more than the limit at once', async () => {
	let running = 0;
	let most = 0;
	const out = await mapLimit([30, 10, 20, 5, 15], 2, async (ms) => {
		running++;
		most = Math.max(most, running);
		await new Promise((resolve) => setTimeout(resolve, ms));
		running--;
		return ms * 2;
	});
	expect(out).toEqual([60, 20, 40, 10, 30]);
	expect(most).toBe(2);
	await expect(mapLimit([], 4, async () => 1)).resolves.toEqual([]);
});
