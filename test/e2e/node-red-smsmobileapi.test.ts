/**
 * The SMSMobileAPI nodes in the real, embedded Node-RED 4, installed from the packed tarball: flows deployed
 * through the admin API, driven through http-in endpoints, against the in-process sandbox's SMSMobileAPI
 * emulator (under /smsmobileapi on its main port), whose control API moves messages, takes phones offline,
 * switches 429s on, injects received SMS and pushes them, signed, to the receive node's route.
 */
import { startSandbox, type Sandbox } from '../../sandbox/server';
import {
	call,
	endpoint,
	harnessNodes,
	MODULE,
	spread,
	startNodeRed,
	waitFor,
	type EmbeddedNodeRed,
	collectorNodes,
	expectPaletteTypes,
} from './helpers/node-red';

const TYPES = [
	'smsmobileapi-sms-config',
	'smsmobileapi-sms-manage',
	'smsmobileapi-sms-receive',
	'smsmobileapi-sms-send',
	'smsmobileapi-sms-status',
];
const THREE = ['+33601020304', '+33601020305', '+41791234567'];
const WRONG_KEY = 'ffffffffffffffffffffffffffffffffffffffffffffffff';
const WEBHOOK = '/smsmobileapi/hook';
const DELIVERY_HOOK = '/smsmobileapi/delivery';
const SECRET = 'whsec_node_red_e2e_0001';
const OFFLINE = 'sandbox-phone-offline';
const INCOMING_KEYS = ['account', 'event', 'from', 'id', 'provider', 'raw', 'receivedAt', 'text'];

interface Defaults {
	apikey: string;
	clientId: string;
	clientSecret: string;
	webhookSecret: string;
}

interface LogRow {
	guid: string;
	recipients: string;
	message: string;
	status: 'queued' | 'sent' | 'failed';
	send_with_whatsapp: string;
	url_media: string | null;
	sIdentifiant: string;
	resends: number;
}

interface Attempt {
	variant: string;
	eventId: string;
	type: string;
	state: string;
	httpStatus: number | null;
}

interface Received {
	topic: string;
	payload: Record<string, unknown>;
}

let sandbox: Sandbox;
let defaults: Defaults;
let nodeRed: EmbeddedNodeRed;
let base: string;

const control = (method: string, path: string, body?: unknown) => call(method, `http://127.0.0.1:${sandbox.port}${path}`, body);
const sent = async (): Promise<LogRow[]> => (await control('GET', '/_sandbox/messages')).json.smsmobileapi;
const attempts = async (): Promise<Attempt[]> => (await control('GET', '/_sandbox/smsmobileapi/webhook?wait=1')).json.attempts;
const received = async (key: string): Promise<Received[]> => (await call('GET', `${base}/api/received/${key}`)).json;
const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));
const deploy = (flows: object[]) => nodeRed.deploy(flows);

const z = 'smsmobileapi-tab';

const collector = (key: string) => collectorNodes(z, key);

function account(id: string, credentials: Record<string, string>, authentication = 'apiKey'): object {
	return {
		id,
		type: 'smsmobileapi-sms-config',
		name: `${id} (sandbox)`,
		defaultCountry: '',
		authentication,
		endpoint: 'custom',
		customUrl: sandbox.urls.smsmobileapi,
		credentials,
	};
}

function send(id: string, config: string, fields: Record<string, string>): object {
	return {
		id,
		type: 'smsmobileapi-sms-send',
		z,
		name: '',
		account: config,
		operation: 'message.send',
		recipients: '',
		message: '',
		device: '',
		mediaUrl: '',
		...fields,
		wires: [['n-respond']],
	};
}

function manage(id: string, operation: string, config = 'n-account'): object {
	const fields = { guid: '', channel: '', after: '', onlyUnread: false, device: '', dateStart: '', dateEnd: '', number: '' };
	return { id, type: 'smsmobileapi-sms-manage', z, name: '', account: config, operation, ...fields, wires: [['n-respond']] };
}

function receiver(id: string, fields: Record<string, unknown>, key: string): object {
	return {
		id,
		type: 'smsmobileapi-sms-receive',
		z,
		name: '',
		mode: 'webhook',
		event: 'incoming',
		path: '',
		checkSignature: true,
		account: 'n-account',
		interval: '60',
		device: '',
		...fields,
		wires: [[`n-collect-${key}`]],
	};
}

/** One tab: an http-in endpoint per case into our nodes, the webhook receive node, and the harness. */
function flows(extra: object[] = []): object[] {
	return [
		{ id: z, type: 'tab', label: 'SMS Kit SMSMobileAPI e2e' },
		account('n-account', { apiKey: defaults.apikey }),
		account('n-oauth2', { clientId: defaults.clientId, clientSecret: defaults.clientSecret }, 'oAuth2'),
		account('n-wrong-key', { apiKey: WRONG_KEY }),
		endpoint(z, '/send-three', 'n-send-three'),
		send('n-send-three', 'n-account', { recipients: THREE.join(', ') }),
		endpoint(z, '/send-from-msg', 'n-spread-msg'),
		spread(z, 'n-spread-msg', 'n-send-from-msg'),
		send('n-send-from-msg', 'n-account', {}),
		endpoint(z, '/send-whatsapp', 'n-spread-wa'),
		spread(z, 'n-spread-wa', 'n-send-whatsapp'),
		send('n-send-whatsapp', 'n-oauth2', { operation: 'message.sendWhatsApp', mediaUrl: 'https://example.com/order.png' }),
		endpoint(z, '/send-wrong-key', 'n-send-wrong-key'),
		send('n-send-wrong-key', 'n-wrong-key', { recipients: THREE[0], message: 'Hello' }),
		endpoint(z, '/status', 'n-spread-status'),
		spread(z, 'n-spread-status', 'n-sent-log'),
		{
			id: 'n-sent-log',
			type: 'smsmobileapi-sms-status',
			z,
			name: '',
			account: 'n-account',
			operation: 'sentLog.getMany',
			guid: '',
			before: '',
			keyword: '',
			apiErrors: false,
			mobileErrors: false,
			wires: [['n-respond']],
		},
		endpoint(z, '/resend', 'n-spread-resend'),
		spread(z, 'n-spread-resend', 'n-resend'),
		manage('n-resend', 'message.resend'),
		endpoint(z, '/devices', 'n-devices'),
		manage('n-devices', 'device.getMany', 'n-oauth2'),
		endpoint(z, '/whatsapp-check', 'n-spread-check'),
		spread(z, 'n-spread-check', 'n-check'),
		manage('n-check', 'whatsapp.checkNumber'),
		endpoint(z, '/received-list', 'n-received-list'),
		manage('n-received-list', 'received.getMany'),
		endpoint(z, '/received-delete', 'n-spread-delete'),
		spread(z, 'n-spread-delete', 'n-received-delete'),
		manage('n-received-delete', 'received.delete'),
		receiver('n-receive', { path: WEBHOOK, credentials: { webhookSecret: SECRET } }, 'webhook'),
		// No secret of its own: the account's (the sandbox's default) checks the pushes.
		receiver('n-receive-delivery', { event: 'delivery', path: DELIVERY_HOOK, account: 'n-account-secret' }, 'delivery'),
		account('n-account-secret', { apiKey: defaults.apikey, webhookSecret: defaults.webhookSecret }),
		...collector('webhook'),
		...collector('poll'),
		...collector('delivery'),
		...harnessNodes(z),
		...extra,
	];
}

describe('Node-RED 4 × SMSMobileAPI (sandbox), from the tarball', () => {
	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		defaults = (await control('GET', '/_sandbox/credentials')).json.smsmobileapi;
		nodeRed = await startNodeRed();
		base = nodeRed.base;
		await deploy(flows());
	});

	afterAll(async () => {
		await nodeRed?.stop();
		await sandbox?.close();
	});

	beforeEach(async () => {
		sandbox.reset();
		await nodeRed.statuses();
		await received('webhook');
		await received('poll');
		await received('delivery');
	});

	test('the palette has the five SMSMobileAPI node types, their help, strings and the core lists', async () => {
		await expectPaletteTypes(base, 'smsmobileapi-', TYPES);
		const strings = (await call('GET', `${base}/admin/nodes/messages?lng=en-US`)).json[`${MODULE}/smskit`];
		expect(strings['smsmobileapi-sms-config'].label.apiKey).toBe('API key');
		expect(strings['smsmobileapi-sms-send'].paletteLabel).toBe('smsmobileapi send');
		expect(strings['smsmobileapi-sms-status'].paletteLabel).toBe('smsmobileapi status');
		expect(strings['smsmobileapi-sms-manage'].actions.received.delete).toContain('unverified');
		expect(strings['smsmobileapi-sms-receive'].tip.unchecked).toContain('anyone who knows the URL');
		expect((await fetch(`${base}/admin/icons/${MODULE}/smsmobileapi.svg`)).status).toBe(200);
		const settings = (await call('GET', `${base}/admin/settings`)).json;
		expect(Object.keys(settings.smsmobileapiSmsConfigEndpoints)).toEqual(['default', 'custom']);
		expect(settings.smsmobileapiSmsSendActions.actions).toEqual(['message.send', 'message.sendWhatsApp']);
		expect(settings.smsmobileapiSmsStatusActions.actions).toEqual(['sentLog.getMany']);
		expect(settings.smsmobileapiSmsManageActions.actions).toEqual([
			'message.resend',
			'received.getMany',
			'received.delete',
			'device.getMany',
			'whatsapp.checkNumber',
		]);
	});

	test('SMS to three numbers: three requests, three queued results with their GUIDs; WhatsApp to one (OAuth2) with a media URL', async () => {
		const reply = await call('POST', `${base}/api/send-three`, 'Your order 42 has shipped.', { 'Content-Type': 'text/plain' });
		expect(reply.status).toBe(200);
		expect(reply.json.map((r: { to: string; status: string }) => [r.to, r.status])).toEqual(THREE.map((n) => [n, 'queued']));
		for (const result of reply.json) {
			expect(result).toMatchObject({
				provider: 'smsmobileapi',
				channel: 'sms',
				guid: expect.any(String),
				error: null,
				segments: 1,
			});
			expect(result.messageId).toBe(result.guid);
		}
		const rows = await sent();
		expect(rows.map((r) => [r.recipients, r.message, r.send_with_whatsapp, r.status])).toEqual(
			THREE.map((n) => [n, 'Your order 42 has shipped.', '0', 'queued']),
		);
		expect(rows.map((r) => r.guid).sort()).toEqual(reply.json.map((r: { guid: string }) => r.guid).sort());
		expect(await nodeRed.statuses()).toEqual([
			{ type: 'smsmobileapi-sms-send', fill: 'blue', text: 'sending' },
			{ type: 'smsmobileapi-sms-send', fill: 'green', text: 'sent 3' },
		]);

		const whatsapp = await call('POST', `${base}/api/send-whatsapp`, { to: THREE[0], payload: 'On WhatsApp too.' });
		expect(whatsapp.status).toBe(200);
		expect(whatsapp.json).toEqual([
			expect.objectContaining({ to: THREE[0], status: 'queued', channel: 'whatsapp', guid: expect.any(String) }),
		]);
		const last = (await sent()).find((r) => r.guid === whatsapp.json[0].guid)!;
		expect(last).toMatchObject({
			send_with_whatsapp: '1',
			url_media: 'https://example.com/order.png',
			message: 'On WhatsApp too.',
		});
	});

	test('sent log: the statuses after the phone sent one and failed another (control API); a GUID narrows it', async () => {
		const results = (await call('POST', `${base}/api/send-three`, 'Log me', { 'Content-Type': 'text/plain' })).json as Array<{
			guid: string;
		}>;
		const [a, b, c] = results.map((r) => r.guid);
		expect((await control('POST', `/_sandbox/smsmobileapi/messages/${a}/status`, { status: 'sent' })).status).toBe(200);
		expect(
			(await control('POST', `/_sandbox/smsmobileapi/messages/${b}/status`, { status: 'failed', error: 'SIM refused' })).status,
		).toBe(200);
		const log = await call('POST', `${base}/api/status`, {});
		expect(log.status).toBe(200);
		const byGuid = Object.fromEntries(log.json.map((r: { guid: string }) => [r.guid, r]));
		expect(byGuid[a]).toMatchObject({ provider: 'smsmobileapi', status: 'sent', sentLogStatus: 'sent', to: THREE[0] });
		expect(byGuid[b]).toMatchObject({ status: 'failed', sentLogStatus: 'failed', description: 'SIM refused' });
		expect(byGuid[c]).toMatchObject({ status: 'pending', sentLogStatus: 'queued' });
		expect((await nodeRed.statuses()).pop()).toEqual({ type: 'smsmobileapi-sms-status', fill: 'green', text: '3 item(s)' });
		// One send result as msg.payload is enough (what a split node makes of the send node's output).
		const one = await call('POST', `${base}/api/status`, { payload: results[1] });
		expect(one.json).toEqual([expect.objectContaining({ guid: b, status: 'failed' })]);
	});

	test('resend: a failed message goes back in the queue; resending one that is not failed reaches the catch node', async () => {
		const [result] = (await call('POST', `${base}/api/send-from-msg`, { to: THREE[0], payload: 'Again' })).json as Array<{
			guid: string;
		}>;
		await control('POST', `/_sandbox/smsmobileapi/messages/${result.guid}/status`, { status: 'failed' });
		const reply = await call('POST', `${base}/api/resend`, { payload: result });
		expect(reply.status).toBe(200);
		expect(reply.json).toMatchObject({ guid: result.guid, channel: 'sms', resent: true });
		expect((await sent())[0]).toMatchObject({ guid: result.guid, status: 'queued', resends: 1 });

		const refused = await call('POST', `${base}/api/resend`, { guid: result.guid });
		expect(refused.status).toBe(500);
		expect(refused.json).toMatchObject({ source: 'smsmobileapi-sms-manage' });
		expect(refused.json.message).toContain('Only a message in error can be resent');
		expect((await sent())[0].resends).toBe(1);
	});

	test('manage: the phones (OAuth2), the WhatsApp check, received SMS listed and deleted (the unverified path)', async () => {
		const phones = await call('POST', `${base}/api/devices`, {});
		expect(phones.status).toBe(200);
		expect(phones.json.map((p: { sIdentifiant: string }) => p.sIdentifiant)).toEqual(['sandbox-phone-1', OFFLINE]);
		const yes = await call('POST', `${base}/api/whatsapp-check`, { to: '+33601020304' });
		expect(yes.json).toMatchObject({ number: '+33601020304', result: { whatsapp: '1' } });
		const no = await call('POST', `${base}/api/whatsapp-check`, { to: '+33601020309' });
		expect(no.json).toMatchObject({ result: { whatsapp: '0' } });

		const injected = (await control('POST', '/_sandbox/smsmobileapi/incoming', { number: THREE[1], message: 'Listed' })).json;
		const list = await call('POST', `${base}/api/received-list`, {});
		expect(list.json).toEqual([expect.objectContaining({ guid: injected.guid, number: THREE[1], message: 'Listed' })]);
		const deleted = await call('POST', `${base}/api/received-delete`, { guid: injected.guid });
		expect(deleted.json).toMatchObject({ deleted: true, guid: injected.guid });
		expect((await call('POST', `${base}/api/received-list`, {})).json).toEqual([]);
	});

	test('webhook: an injected SMS, signed with the node’s secret, is emitted exactly once; replayed, stale or forged it emits nothing', async () => {
		const url = `${base}/api${WEBHOOK}`;
		await control('PUT', '/_sandbox/smsmobileapi/webhook', { url, secret: SECRET });
		const injected = (await control('POST', '/_sandbox/smsmobileapi/incoming', { number: THREE[0], message: 'STOP please' }))
			.json;
		const [first] = await attempts();
		expect(first).toMatchObject({ variant: 'original', type: 'sms.received', state: 'accepted', httpStatus: 202 });
		const messages = await waitFor(async () => {
			const all = await received('webhook');
			return all.length ? all : undefined;
		});
		expect(messages).toEqual([
			{
				topic: 'smsmobileapi/incoming',
				payload: {
					provider: 'smsmobileapi',
					event: 'incoming',
					id: injected.guid,
					from: THREE[0],
					text: 'STOP please',
					receivedAt: expect.any(String),
					account: '',
					raw: expect.objectContaining({ id: first.eventId, type: 'sms.received' }),
				},
			},
		]);
		expect(Object.keys(messages[0].payload).sort()).toEqual(INCOMING_KEYS);

		for (const variant of ['replay', 'stale', 'bad-signature']) {
			expect((await control('POST', `/_sandbox/smsmobileapi/webhook/${variant}`)).status).toBe(200);
		}
		const all = await attempts();
		expect(all.slice(1).map((a) => [a.variant, a.eventId, a.httpStatus])).toEqual([
			['replay', first.eventId, 202],
			['stale', first.eventId, 401],
			['bad-signature', first.eventId, 401],
		]);
		await settle();
		expect(await received('webhook')).toEqual([]);
		// The refused ones show on the node, the accepted ones count.
		expect((await nodeRed.statuses()).map((s) => s.text)).toEqual(expect.arrayContaining(['STALE_WEBHOOK', 'INVALID_SIGNATURE']));
	});

	test('polling: an SMS received on the phone is emitted exactly once, also over later polls', async () => {
		await deploy(flows([receiver('n-poll', { mode: 'poll', interval: '1', path: '' }, 'poll')]));
		// The first poll marks the start.
		await waitFor(async () => ((await nodeRed.statuses()).some((s) => s.text === 'every 1 s') ? true : undefined));
		const injected = (await control('POST', '/_sandbox/smsmobileapi/incoming', { number: THREE[2], message: 'Polled' })).json;
		const messages = await waitFor(async () => {
			const all = await received('poll');
			return all.length ? all : undefined;
		});
		expect(messages).toEqual([
			{
				topic: 'smsmobileapi/incoming',
				payload: expect.objectContaining({
					provider: 'smsmobileapi',
					event: 'incoming',
					id: injected.guid,
					from: THREE[2],
					text: 'Polled',
				}),
			},
		]);
		expect(Object.keys(messages[0].payload).sort()).toEqual(INCOMING_KEYS);
		await settle(2500);
		expect(await received('poll')).toEqual([]);
		await deploy(flows());
	});

	test('an invalid API key reaches the catch node as HTTP 403, without the key; nothing is sent', async () => {
		const reply = await call('POST', `${base}/api/send-wrong-key`, {});
		expect(reply.status).toBe(500);
		expect(reply.json).toMatchObject({ source: 'smsmobileapi-sms-send' });
		expect(reply.json.message).toContain('API key');
		expect(reply.json.message).toContain('account node');
		expect(reply.text).not.toContain(WRONG_KEY);
		expect(await sent()).toEqual([]);
		expect((await nodeRed.statuses()).pop()).toMatchObject({ type: 'smsmobileapi-sms-send', fill: 'red' });
	});

	test('phone offline: the message is accepted, then failed by the phone — the sent log and the pushed sms.failed say so', async () => {
		await control('PUT', '/_sandbox/smsmobileapi/webhook', { url: `${base}/api${DELIVERY_HOOK}` });
		const [result] = (await call('POST', `${base}/api/send-from-msg`, { to: THREE[0], payload: 'Offline', device: OFFLINE }))
			.json;
		expect(result).toMatchObject({ status: 'queued', guid: expect.any(String) });
		const log = await call('POST', `${base}/api/status`, { guid: result.guid });
		expect(log.json).toEqual([expect.objectContaining({ guid: result.guid, status: 'failed' })]);
		expect(log.json[0].description).toContain('open the SMSMobileAPI app');
		expect((await attempts()).map((a) => [a.type, a.httpStatus])).toEqual([['sms.failed', 202]]);
		const events = await waitFor(async () => {
			const all = await received('delivery');
			return all.length ? all : undefined;
		});
		expect(events).toEqual([
			{
				topic: 'smsmobileapi/delivery',
				payload: expect.objectContaining({ event: 'delivery', status: 'failed', to: THREE[0], messageId: result.guid }),
			},
		]);
		expect(events[0].payload.description).toContain('open the SMSMobileAPI app');
	});

	test('429: the send waits as long as Retry-After says, then succeeds once the limit is lifted', async () => {
		await control('PUT', '/_sandbox/smsmobileapi/rate-limit', { on: true, retryAfter: 1 });
		const started = Date.now();
		const pending = call('POST', `${base}/api/send-from-msg`, { to: THREE[0], payload: 'Slow down' });
		await settle(400);
		await control('PUT', '/_sandbox/smsmobileapi/rate-limit', { on: false });
		const reply = await pending;
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(reply.status).toBe(200);
		expect(reply.json).toEqual([expect.objectContaining({ status: 'queued' })]);
		expect(await sent()).toHaveLength(1);
	});

	test('429 that lasts: the catch node gets the rate limit with what to do, and nothing was sent', async () => {
		await control('PUT', '/_sandbox/smsmobileapi/rate-limit', { on: true, retryAfter: 1 });
		const reply = await call('POST', `${base}/api/send-from-msg`, { to: THREE[0], payload: 'Still too fast' });
		await control('PUT', '/_sandbox/smsmobileapi/rate-limit', { on: false });
		expect(reply.status).toBe(500);
		expect(reply.json).toMatchObject({ source: 'smsmobileapi-sms-send' });
		expect(reply.json.message).toContain('slow down');
		expect(await sent()).toEqual([]);
	});

	test('the example flow ships in the package, sends the order SMS through the sandbox, and its receive node gets a signed SMS', async () => {
		const example = (await call('GET', `${base}/admin/library/examples/flows/${MODULE}/smsmobileapi-sms`)).json as Array<
			Record<string, unknown>
		>;
		const types = new Set(example.map((n) => n.type));
		for (const type of TYPES) expect([type, types.has(type)]).toEqual([type, true]);
		const config = example.find((n) => n.type === 'smsmobileapi-sms-config')!;
		expect(config.credentials).toBeUndefined();
		expect(config.customUrl).toBe('http://127.0.0.1:4010/smsmobileapi');
		const receiverNode = example.find((n) => n.type === 'smsmobileapi-sms-receive')!;
		expect(receiverNode).toMatchObject({
			mode: 'webhook',
			event: 'incoming',
			path: '/smskit/smsmobileapi/incoming',
			checkSignature: true,
		});

		// What a user does after importing it: point the account at their sandbox and paste the key and webhook secret.
		const tab = 'example-tab';
		const imported = example.map((n) =>
			n.type === 'smsmobileapi-sms-config'
				? {
						...n,
						customUrl: sandbox.urls.smsmobileapi,
						credentials: { apiKey: defaults.apikey, webhookSecret: defaults.webhookSecret },
					}
				: n.type === 'smsmobileapi-sms-receive'
					? { ...n, z: tab, wires: [[...(n.wires as string[][])[0], 'n-collect-example']] }
					: { ...n, z: tab },
		);
		await deploy([...flows(collector('example')), { id: tab, type: 'tab', label: 'example' }, ...imported]);
		await received('example');

		const inject = example.find((n) => n.type === 'inject' && n.name === 'order shipped')!;
		expect((await call('POST', `${base}/admin/inject/${inject.id as string}`)).status).toBe(200);
		const rows = await waitFor(async () => {
			const all = await sent();
			return all.length === 2 ? all : undefined;
		});
		expect(rows.map((r) => [r.recipients, r.message])).toEqual([
			['+33601020304', 'Your order 42 has shipped.'],
			['+33601020305', 'Your order 42 has shipped.'],
		]);

		await control('PUT', '/_sandbox/smsmobileapi/webhook', { url: `${base}/api/smskit/smsmobileapi/incoming` });
		await control('POST', '/_sandbox/smsmobileapi/incoming', { number: '+33601020304', message: 'STOP' });
		expect((await attempts())[0]).toMatchObject({ state: 'accepted', httpStatus: 202 });
		const messages = await waitFor(async () => {
			const all = await received('example');
			return all.length ? all : undefined;
		});
		expect(messages).toEqual([{ topic: 'smsmobileapi/incoming', payload: expect.objectContaining({ text: 'STOP' }) }]);
		await deploy(flows());
	});
});
