/** The SMSMobileAPI nodes: their field mappings, and the nodes on a fake runtime with a scripted SMSMobileAPI. */
import type { NodeMessageInFlow } from 'node-red';
import { providerModule, smsmobileapi } from '../../core';
import { smsmobileapiAccount } from '../../node-red/nodes/smsmobileapi-sms-config/account';
import { smsmobileapiManage, smsmobileapiManageInput } from '../../node-red/nodes/smsmobileapi-sms-manage/fields';
import { smsmobileapiReceive } from '../../node-red/nodes/smsmobileapi-sms-receive/fields';
import { smsmobileapiSend, smsmobileapiSendInput, unixSeconds } from '../../node-red/nodes/smsmobileapi-sms-send/fields';
import { smsmobileapiSentLogInput, smsmobileapiStatus } from '../../node-red/nodes/smsmobileapi-sms-status/fields';
import type { Account } from '../../node-red/shared/account';
import { actionOf } from '../../node-red/shared/client';
import { fakeRed, type FakeNode, type FakeRed } from './fake-red';

const smsModule = providerModule('smsmobileapi');
const msg = (props: Record<string, unknown>) => ({ _msgid: 'm1', ...props }) as NodeMessageInFlow;
const SECRET = 'whsec_unit_0001';
const SEND_DEF = { recipients: '', message: '', device: '', mediaUrl: '' };

describe('smsmobileapi send input', () => {
	test('the two send actions of the module; SMS by default', () => {
		expect(Object.keys(smsmobileapiSend.actions)).toEqual(['message.send', 'message.sendWhatsApp']);
		for (const name of Object.keys(smsmobileapiSend.actions)) expect(Object.keys(smsModule.actions)).toContain(name);
		expect(actionOf(smsmobileapiSend, {})).toBe('message.send');
	});

	test('SMS: recipients from msg.to (else msg.recipients), the text from msg.payload, the phone from msg.device', () => {
		expect(
			smsmobileapiSendInput('message.send', SEND_DEF, msg({ to: ['+33601020304'], payload: 'Hi', device: 'p1', mediaUrl: 'x' })),
		).toEqual({ recipients: ['+33601020304'], message: 'Hi', device: 'p1', scheduleAt: undefined });
		expect(smsmobileapiSendInput('message.send', SEND_DEF, msg({ recipients: '+33601020304', payload: 'Hi' })).recipients).toBe(
			'+33601020304',
		);
	});

	test('the node fields win; WhatsApp adds the media URL', () => {
		const def = { recipients: '+33601020304, +33601020305', message: 'Fixed', device: 'p2', mediaUrl: 'https://x.test/a.png' };
		expect(
			smsmobileapiSendInput('message.sendWhatsApp', def, msg({ to: '+1', payload: 'other', mediaUrl: 'https://y.test' })),
		).toEqual({
			recipients: '+33601020304, +33601020305',
			message: 'Fixed',
			device: 'p2',
			scheduleAt: undefined,
			mediaUrl: 'https://x.test/a.png',
		});
	});

	test('nothing set: an empty list for the core to name; a non-text payload is INVALID_INPUT', () => {
		expect(smsmobileapiSendInput('message.send', SEND_DEF, msg({ payload: '' })).recipients).toEqual([]);
		expect(() => smsmobileapiSendInput('message.send', SEND_DEF, msg({ payload: 1718000000000 }))).toThrow(
			expect.objectContaining({ code: 'INVALID_INPUT' }),
		);
	});

	test('a schedule in seconds, milliseconds, a Date or ISO text becomes seconds', () => {
		expect(unixSeconds(1800000000)).toBe(1800000000);
		expect(unixSeconds(1800000000000)).toBe(1800000000);
		expect(unixSeconds('1800000000')).toBe(1800000000);
		expect(unixSeconds('2027-01-15T08:00:00Z')).toBe(Date.parse('2027-01-15T08:00:00Z') / 1000);
		expect(unixSeconds(new Date(1800000000000))).toBe(1800000000);
		expect(unixSeconds('')).toBeUndefined();
		expect(
			smsmobileapiSendInput('message.send', SEND_DEF, msg({ to: '+1', payload: 'x', scheduleAt: 1800000000000 })),
		).toMatchObject({
			scheduleAt: 1800000000,
		});
	});
});

describe('smsmobileapi status input', () => {
	const def = { guid: '', before: '', keyword: '', apiErrors: false, mobileErrors: false };

	test('the sent log only', () => {
		expect(Object.keys(smsmobileapiStatus.actions)).toEqual(['sentLog.getMany']);
		expect(actionOf(smsmobileapiStatus, {})).toBe('sentLog.getMany');
	});

	test('filters from msg; the GUID of one send result in msg.payload; ticked boxes win', () => {
		expect(smsmobileapiSentLogInput(def, msg({ payload: { guid: 'g1', to: '+1' }, keyword: 'order' }))).toEqual({
			guid: 'g1',
			before: undefined,
			keyword: 'order',
			apiErrors: undefined,
			mobileErrors: undefined,
		});
		expect(
			smsmobileapiSentLogInput(
				{ ...def, guid: 'node', mobileErrors: true },
				msg({ guid: 'msg', apiErrors: false, mobileErrors: false }),
			),
		).toMatchObject({ guid: 'node', apiErrors: false, mobileErrors: true });
		expect(smsmobileapiSentLogInput(def, msg({ messageId: 'm' })).guid).toBe('m');
	});
});

describe('smsmobileapi manage input', () => {
	const def = { guid: '', channel: '', after: '', onlyUnread: false, device: '', dateStart: '', dateEnd: '', number: '' };

	test('resend, received SMS, delete, phones, WhatsApp check — all module actions; phones by default', () => {
		expect(Object.keys(smsmobileapiManage.actions)).toEqual([
			'message.resend',
			'received.getMany',
			'received.delete',
			'device.getMany',
			'whatsapp.checkNumber',
		]);
		for (const name of Object.keys(smsmobileapiManage.actions)) expect(Object.keys(smsModule.actions)).toContain(name);
		expect(actionOf(smsmobileapiManage, {})).toBe('device.getMany');
	});

	test('resend: one GUID (node, msg, or a result in msg.payload), SMS unless said; a list of rows resends each', () => {
		expect(smsmobileapiManageInput('message.resend', def, msg({ guid: 'g1' }))).toEqual({ guid: 'g1', channel: 'sms' });
		expect(smsmobileapiManageInput('message.resend', def, msg({ payload: { guid: 'g2', channel: 'whatsapp' } }))).toEqual({
			guid: 'g2',
			channel: 'whatsapp',
		});
		expect(
			smsmobileapiManageInput('message.resend', { ...def, guid: 'n', channel: 'sms' }, msg({ guid: 'x', channel: 'whatsapp' })),
		).toEqual({
			guid: 'n',
			channel: 'sms',
		});
		expect(smsmobileapiManageInput('message.resend', def, msg({ payload: [{ guid: 'a' }, { messageId: 'b' }, 'c'] }))).toEqual([
			{ guid: 'a', channel: 'sms' },
			{ guid: 'b', channel: 'sms' },
			{ guid: 'c', channel: 'sms' },
		]);
		expect(smsmobileapiManageInput('message.resend', def, msg({}))).toEqual({ guid: '', channel: 'sms' });
	});

	test('received SMS and delete: filters from the node, msg or msg.payload', () => {
		expect(
			smsmobileapiManageInput('received.getMany', { ...def, onlyUnread: true }, msg({ after: 1718000000, device: 'p1' })),
		).toEqual({
			after: 1718000000,
			onlyUnread: true,
			device: 'p1',
		});
		// The core refuses a delete without a filter (test/core/smsmobileapi.test.ts) unless msg.deleteAll says so.
		expect(smsmobileapiManageInput('received.delete', def, msg({ deleteAll: true }))).toEqual({
			guid: undefined,
			dateStart: undefined,
			dateEnd: undefined,
			all: true,
		});
		expect(smsmobileapiManageInput('received.delete', def, msg({ payload: { guid: 'g9' } }))).toEqual({
			guid: 'g9',
			dateStart: undefined,
			dateEnd: undefined,
			all: false,
		});
		expect(
			smsmobileapiManageInput('received.delete', { ...def, dateStart: '2026-12-01' }, msg({ dateEnd: '2026-12-02' })),
		).toMatchObject({
			dateStart: '2026-12-01',
			dateEnd: '2026-12-02',
		});
	});

	test('WhatsApp check: the number from the node, msg.to, msg.number or a text payload; phones take nothing', () => {
		expect(smsmobileapiManageInput('whatsapp.checkNumber', def, msg({ to: '+33601020304' }))).toEqual({ number: '+33601020304' });
		expect(smsmobileapiManageInput('whatsapp.checkNumber', def, msg({ payload: '+33601020305' }))).toEqual({
			number: '+33601020305',
		});
		expect(smsmobileapiManageInput('whatsapp.checkNumber', { ...def, number: '+1555' }, msg({ to: '+2' }))).toEqual({
			number: '+1555',
		});
		expect(smsmobileapiManageInput('device.getMany', def, msg({ payload: 'x' }))).toEqual({});
	});
});

describe('smsmobileapi account and receive roles', () => {
	test('the credentials are Node-RED credentials; the connection reads API key or OAuth2', () => {
		expect(smsmobileapiAccount.credentials).toEqual({
			apiKey: { type: 'password' },
			clientId: { type: 'text' },
			clientSecret: { type: 'password' },
			webhookSecret: { type: 'password' },
		});
		expect(smsmobileapiAccount.fields).toEqual(['authentication', 'endpoint', 'customUrl']);
		const connection = smsModule.connection as unknown as { credentials(s: Record<string, unknown>): unknown };
		expect(
			connection.credentials({ authentication: 'oAuth2', clientId: 'id', clientSecret: 's', endpoint: 'default' }),
		).toMatchObject({
			authentication: 'oAuth2',
		});
		expect(() => connection.credentials({ authentication: 'apiKey', endpoint: 'default' })).toThrow(
			expect.objectContaining({ code: 'MISSING_CREDENTIALS' }),
		);
	});

	test("receive: the phone is the account; the secret is the node's, else the account's", () => {
		expect(smsmobileapiReceive.account({ device: ' p1 ' }, undefined)).toBe('p1');
		expect(smsmobileapiReceive.account({}, undefined)).toBe('');
		const account = { settings: { webhookSecret: 'acct' } } as unknown as Account;
		expect(smsmobileapiReceive.secret!({ webhookSecret: 'node' }, account)).toBe('node');
		expect(smsmobileapiReceive.secret!({ webhookSecret: '' }, account)).toBe('acct');
		expect(smsmobileapiReceive.secret!({}, undefined)).toBeUndefined();
	});
});

describe('smsmobileapi nodes on a fake runtime', () => {
	let red: FakeRed;
	beforeEach(() => {
		red = fakeRed();
		red.create({
			id: 'acct',
			type: 'smsmobileapi-sms-config',
			authentication: 'apiKey',
			endpoint: 'default',
			customUrl: '',
			defaultCountry: 'FR',
			credentials: { apiKey: 'k'.repeat(48), webhookSecret: SECRET },
		});
	});

	test('send: three numbers (national with the country) are three requests and three queued results', async () => {
		const node = red.create({ id: 's', type: 'smsmobileapi-sms-send', account: 'acct', operation: 'message.send', ...SEND_DEF });
		let n = 0;
		const requests = red.stubAccount('acct', () => ({ result: { error: 0, sent: '1', id: `guid-${++n}` } }));
		const { sent, error } = await red.input(node, { to: '0601020304, +33601020305; 0601020306', payload: 'Hello' });
		expect(error).toBeUndefined();
		expect(requests.map((r) => [r.path, (r.body as Record<string, unknown>).recipients])).toEqual([
			['/sendsms/', '+33601020304'],
			['/sendsms/', '+33601020305'],
			['/sendsms/', '+33601020306'],
		]);
		expect(sent[0].topic).toBe('message.send');
		expect((sent[0].payload as Array<{ status: string; guid: string }>).map((r) => [r.status, r.guid])).toEqual([
			['queued', 'guid-1'],
			['queued', 'guid-2'],
			['queued', 'guid-3'],
		]);
	});

	test('manage: a resend (a sending action answering one object) gives that object and a green status', async () => {
		const node = red.create({ id: 'm', type: 'smsmobileapi-sms-manage', account: 'acct', operation: 'message.resend' });
		const requests = red.stubAccount('acct', () => ({ result: { error: 0, sent: '1', id: 'g1', note: 'resent' } }));
		const { sent, error } = await red.input(node, { payload: { guid: 'g1', to: '+33601020304' } });
		expect(error).toBeUndefined();
		expect(requests.map((r) => [r.path, (r.body as Record<string, unknown>).guid])).toEqual([['/resend/', 'g1']]);
		expect(sent[0]).toMatchObject({ topic: 'message.resend', payload: { guid: 'g1', channel: 'sms', resent: true } });
		expect(node.statuses.pop()).toMatchObject({ fill: 'green' });
	});

	test('manage: an application error (HTTP 200, result.error) goes to done(err) for Catch nodes', async () => {
		const node = red.create({ id: 'm', type: 'smsmobileapi-sms-manage', account: 'acct', operation: 'message.resend' });
		red.stubAccount('acct', () => ({ result: { error: 'Only a message in error can be resent; this one is sent', sent: '0' } }));
		const { sent, error } = await red.input(node, { guid: 'g1' });
		expect(sent).toEqual([]);
		expect(error).toMatchObject({ name: 'SmsError', provider: 'smsmobileapi' });
		expect(String((error as Error).message)).toContain('Only a message in error');
	});

	describe('webhook', () => {
		/** Posts raw bytes to the node's route, as Express hands an unparsed request to it. */
		async function post(path: string, body: string, headers: Record<string, string>) {
			const route = red.routes.find((r) => r.path === path && r.method === 'post');
			if (!route) throw new Error(`no route ${path}`);
			const reply: { status?: number; body?: string } = {};
			await new Promise<void>((resolve) => {
				const res = {
					status: (s: number) => ((reply.status = s), res),
					type: () => res,
					send: (b: string) => ((reply.body = b), resolve()),
				};
				const req = {
					method: 'POST',
					query: {},
					headers,
					async *[Symbol.asyncIterator]() {
						yield Buffer.from(body);
					},
				};
				(route.handlers[route.handlers.length - 2] as unknown as (q: unknown, s: unknown) => void)(req, res);
			});
			await new Promise((resolve) => setImmediate(resolve));
			return reply;
		}

		const event = (id: string) =>
			JSON.stringify({
				id,
				type: 'sms.received',
				api_version: '2026-09-22',
				occurred_at: '2026-12-01T10:00:00Z',
				data: { guid: `sms-${id}`, from: '+33601020304', message: 'STOP', received_at: '2026-12-01T10:00:00Z' },
			});
		const signed = (body: string, secret = SECRET, timestamp = Math.floor(Date.now() / 1000)) => ({
			'content-type': 'application/json',
			'x-smsmobileapi-timestamp': String(timestamp),
			'x-smsmobileapi-signature': smsmobileapi.webhookSignature(secret, timestamp, body),
		});

		function receiver(fields: Record<string, unknown> = {}): FakeNode {
			return red.create({
				id: 'r',
				type: 'smsmobileapi-sms-receive',
				mode: 'webhook',
				event: 'incoming',
				account: 'acct',
				path: '/sm',
				...fields,
			});
		}

		test("a signed event (the account's secret) is emitted once; its replay, a forgery and a stale one make none", async () => {
			const node = receiver();
			const body = event('e1');
			expect(await post('/sm', body, signed(body))).toMatchObject({ status: 202 });
			expect(await post('/sm', body, signed(body))).toMatchObject({ status: 202 });
			expect(await post('/sm', event('e2'), signed(event('e2'), 'wrong'))).toMatchObject({ status: 401 });
			const stale = Math.floor(Date.now() / 1000) - 600;
			expect(await post('/sm', event('e3'), signed(event('e3'), SECRET, stale))).toMatchObject({ status: 401 });
			expect(node.sent).toEqual([
				{
					topic: 'smsmobileapi/incoming',
					payload: expect.objectContaining({
						provider: 'smsmobileapi',
						event: 'incoming',
						id: 'sms-e1',
						from: '+33601020304',
						text: 'STOP',
					}),
				},
			]);
			expect(node.warnings).toHaveLength(2);
		});

		test("the node's own secret wins over the account's; none at all is HTTP 500", async () => {
			red.create({
				id: 'bare',
				type: 'smsmobileapi-sms-config',
				authentication: 'apiKey',
				endpoint: 'default',
				credentials: { apiKey: 'k' },
			});
			const node = receiver({ account: 'bare', credentials: { webhookSecret: 'own' } });
			expect(await post('/sm', event('e4'), signed(event('e4'), 'own'))).toMatchObject({ status: 202 });
			expect(node.sent).toHaveLength(1);
			red.routes.length = 0;
			receiver({ id: 'r2', account: 'bare', path: '/sm2' });
			expect(await post('/sm2', event('e5'), signed(event('e5')))).toMatchObject({ status: 500 });
		});

		test('with Check signature unticked, the legacy unsigned payload is read', async () => {
			const node = receiver({ checkSignature: false });
			const legacy = JSON.stringify({ guid: 'L1', message: 'hi', number: '+33601020304', time_received: '2026-12-01 10:00:00' });
			expect(await post('/sm', legacy, { 'content-type': 'application/json' })).toMatchObject({ status: 202 });
			expect(node.sent).toEqual([{ topic: 'smsmobileapi/incoming', payload: expect.objectContaining({ id: 'L1', text: 'hi' }) }]);
		});

		test('a body a middleware already parsed cannot be verified: RAW_BODY_UNAVAILABLE, nothing emitted', async () => {
			const node = receiver();
			const route = red.routes.find((r) => r.path === '/sm')!;
			const reply: { status?: number; body?: string } = {};
			await new Promise<void>((resolve) => {
				const res = {
					status: (s: number) => ((reply.status = s), res),
					type: () => res,
					send: (b: string) => ((reply.body = b), resolve()),
				};
				const body = event('e6');
				const req = { method: 'POST', query: {}, headers: signed(body), _body: true, body: JSON.parse(body) };
				(route.handlers[route.handlers.length - 2] as unknown as (q: unknown, s: unknown) => void)(req, res);
			});
			expect(reply.status).toBe(400);
			expect(reply.body).toContain('RAW_BODY_UNAVAILABLE');
			expect(node.sent).toEqual([]);
		});
	});
});
