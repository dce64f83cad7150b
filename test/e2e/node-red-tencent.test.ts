/**
 * The Tencent Cloud SMS nodes in the real, embedded Node-RED 4, installed from the packed tarball:
 * flows deployed through the admin API, driven through http-in endpoints, against the in-process
 * sandbox's Tencent emulator (its own port), whose control API injects replies and pushes callbacks.
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
	RECEIVE_TOKEN,
	withToken,
} from './helpers/node-red';

const TYPES = ['tencent-sms-config', 'tencent-sms-manage', 'tencent-sms-receive', 'tencent-sms-send', 'tencent-sms-status'];
const WRONG_KEY = 'wrongTencentSecretKeyForNodeRed00';
const THREE = ['+33601020304', '+33601020305', '+33601020306'];
const TEMPLATE_TEXT = 'Your SMS Kit code is {1}, valid for {2} minutes.';
const WEBHOOK = '/tencent/callbacks';
/** The normalised events of a receive node, the same in poll and webhook mode. */
const INCOMING_KEYS = ['account', 'event', 'from', 'id', 'provider', 'raw', 'receivedAt', 'text'];
const DELIVERY_KEYS = ['account', 'at', 'description', 'event', 'messageId', 'provider', 'raw', 'status', 'to'];

interface TencentDefaults {
	secretId: string;
	secretKey: string;
	smsSdkAppId: string;
	signName: string;
	templateId: string;
}

interface SentRequest {
	action: string;
	smsSdkAppId: string;
	signName: string | null;
	templateId: string;
	templateParams: string[];
	phoneNumbers: string[];
	sessionContext: string | null;
	content: string;
}

interface PushAttempt {
	kind: 'status' | 'reply';
	url: string;
	payload: unknown;
	state: string;
	httpStatus: number | null;
	response: unknown;
}

interface Received {
	topic: string;
	payload: Record<string, unknown>;
}

let sandbox: Sandbox;
let defaults: TencentDefaults;
let nodeRed: EmbeddedNodeRed;
let base: string;

const control = (method: string, path: string, body?: unknown) => call(method, `http://127.0.0.1:${sandbox.port}${path}`, body);
const sent = async (): Promise<SentRequest[]> => (await control('GET', '/_sandbox/messages')).json.tencent;
const pushes = async (): Promise<PushAttempt[]> => (await control('GET', '/_sandbox/tencent/callbacks?wait=1')).json.attempts;
const numbers = (n: number) => Array.from({ length: n }, (_, i) => `+336${String(10000000 + i)}`);
const deploy = (flows: object[]) => nodeRed.deploy(flows);

/** What the receive nodes emitted since the last call, kept by a function node per receive node. */
async function received(key: 'webhook' | 'poll' | 'example' | 'refused'): Promise<Received[]> {
	return (await call('GET', `${base}/api/received/${key}`)).json;
}

const z = 'tencent-tab';

const collector = (key: string) => collectorNodes(z, key);

function account(id: string, secretKey: string): object {
	return {
		id,
		type: 'tencent-sms-config',
		name: `${id} (sandbox)`,
		region: 'ap-guangzhou',
		endpoint: 'custom',
		customUrl: sandbox.urls.tencent,
		smsSdkAppId: defaults.smsSdkAppId,
		credentials: { secretId: defaults.secretId, secretKey },
	};
}

function send(id: string, config: string, fields: Record<string, string>): object {
	return {
		id,
		type: 'tencent-sms-send',
		z,
		name: '',
		account: config,
		smsSdkAppId: '',
		signName: '',
		templateId: '',
		templateParams: '',
		phoneNumbers: '',
		extendCode: '',
		sessionContext: '',
		senderId: '',
		...fields,
		wires: [['n-respond']],
	};
}

function status(id: string, operation: string): object {
	const fields = { smsSdkAppId: '', phoneNumber: '', beginTime: '', endTime: '', limit: '', offset: '' };
	return { id, type: 'tencent-sms-status', z, name: '', account: 'n-account', operation, ...fields, wires: [['n-respond']] };
}

function manage(id: string, resource: string, operation: string): object {
	const fields = { itemId: '', itemName: '', content: '', smsType: '', international: false, remark: '' };
	return {
		id,
		type: 'tencent-sms-manage',
		z,
		name: '',
		account: 'n-account',
		resource,
		operation,
		...fields,
		smsSdkAppId: '',
		beginTime: '',
		endTime: '',
		wires: [['n-respond']],
	};
}

function receive(id: string, fields: Record<string, string>, collectorKey: string): object {
	return {
		id,
		type: 'tencent-sms-receive',
		z,
		name: '',
		mode: 'webhook',
		event: 'both',
		path: '',
		account: '',
		interval: '60',
		smsSdkAppId: '',
		...fields,
		credentials: { token: RECEIVE_TOKEN },
		wires: [[`n-collect-${collectorKey}`]],
	};
}

/** One tab: an http-in endpoint per case into our nodes, the webhook receive node, and the harness. */
function flows(extra: object[] = []): object[] {
	return [
		{ id: z, type: 'tab', label: 'SMS Kit Tencent e2e' },
		account('n-account', defaults.secretKey),
		account('n-wrong-key', WRONG_KEY),
		endpoint(z, '/send', 'n-spread-fixed'),
		spread(z, 'n-spread-fixed', 'n-send-fixed'),
		send('n-send-fixed', 'n-account', {
			signName: 'SMSKit',
			templateId: '100001',
			templateParams: '1234, 5',
			phoneNumbers: '+33601020304, 0033601020305\n+33 6 01 02 03 06',
		}),
		endpoint(z, '/send-from-msg', 'n-spread-msg'),
		spread(z, 'n-spread-msg', 'n-send-from-msg'),
		send('n-send-from-msg', 'n-account', {}),
		endpoint(z, '/send-wrong-key', 'n-send-wrong-key'),
		send('n-send-wrong-key', 'n-wrong-key', {
			signName: 'SMSKit',
			templateId: '100001',
			templateParams: '1, 2',
			phoneNumbers: THREE[0],
		}),
		endpoint(z, '/status', 'n-spread-status'),
		spread(z, 'n-spread-status', 'n-status-queue'),
		status('n-status-queue', 'pullStatus'), // saved by an earlier version
		endpoint(z, '/status-by-phone', 'n-spread-by-phone'),
		spread(z, 'n-spread-by-phone', 'n-status-by-phone'),
		status('n-status-by-phone', 'deliveryStatus.pullByPhoneNumber'),
		endpoint(z, '/template-add', 'n-template-add'),
		manage('n-template-add', 'template', 'add'), // saved by an earlier version: resource and operation
		endpoint(z, '/template-list', 'n-template-list'),
		manage('n-template-list', 'template', 'template.getMany'),
		endpoint(z, '/statistics', 'n-statistics'),
		manage('n-statistics', 'statistics', 'statistics.sendStatus'),
		// Every recipient refused: the results go out, and the message fails for Catch nodes.
		endpoint(z, '/send-refused', 'n-spread-refused'),
		spread(z, 'n-spread-refused', 'n-send-refused'),
		{ ...send('n-send-refused', 'n-account', {}), wires: [['n-respond', 'n-collect-refused']] },
		{ id: 'n-catch-refused', type: 'catch', z, scope: ['n-send-refused'], uncaught: false, wires: [['n-refused-error']] },
		{
			id: 'n-refused-error',
			type: 'function',
			z,
			outputs: 1,
			func: "msg.topic = 'error';\nmsg.payload = { code: msg.error.code, message: msg.error.message };\nreturn msg;",
			wires: [['n-collect-refused']],
		},
		...collector('refused'),
		receive('n-receive', { path: WEBHOOK }, 'webhook'),
		...collector('webhook'),
		...collector('poll'),
		...collector('example'),
		...harnessNodes(z),
		...extra,
	];
}

describe('Node-RED 4 × Tencent Cloud SMS (sandbox), from the tarball', () => {
	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		defaults = (await control('GET', '/_sandbox/credentials')).json.tencent;
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
	});

	test('the palette has the five Tencent node types, their help, strings, icon and the core lists', async () => {
		await expectPaletteTypes(base, 'tencent-', TYPES);
		const strings = (await call('GET', `${base}/admin/nodes/messages?lng=en-US`)).json[`${MODULE}/smskit`];
		expect(strings['tencent-sms-send'].paletteLabel).toBe('tencent send');
		expect(strings['tencent-sms-receive'].tip.webhook).toContain('Callback configuration');
		expect(strings['tencent-sms-manage'].actions.template.getMany).toBe('list templates');
		expect((await fetch(`${base}/admin/icons/${MODULE}/tencent.svg`)).status).toBe(200);
		const settings = (await call('GET', `${base}/admin/settings`)).json;
		expect(settings.tencentSmsConfigRegions).toContain('ap-guangzhou');
		expect(settings.tencentSmsConfigEndpoints).toHaveProperty(['sms.intl.tencentcloudapi.com']);
		expect(settings.tencentSmsStatusActions.actions).toEqual([
			'deliveryStatus.pull',
			'deliveryStatus.pullByPhoneNumber',
			'reply.pull',
			'reply.pullByPhoneNumber',
		]);
	});

	test('sends to three numbers in one SendSms: three queued results with SerialNo, encoding from the template', async () => {
		const reply = await call('POST', `${base}/api/send`, {});
		expect(reply.status).toBe(200);
		expect(reply.json.map((r: { to: string }) => r.to)).toEqual(THREE);
		const content = `【SMSKit】${TEMPLATE_TEXT.replace('{1}', '1234').replace('{2}', '5')}`;
		for (const result of reply.json) {
			expect(result).toMatchObject({
				provider: 'tencent',
				status: 'queued',
				messageId: expect.stringMatching(/^2433:\d+$/),
				encoding: 'UCS-2', // the sign's 【】 are not GSM-7
				characters: [...content].length,
				segments: 1,
				error: null,
				Code: 'Ok',
				Fee: 1,
				IsoCode: 'FR',
			});
			expect(result.SerialNo).toBe(result.messageId);
		}
		const requests = await sent();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			action: 'SendSms',
			smsSdkAppId: defaults.smsSdkAppId,
			signName: 'SMSKit',
			templateId: '100001',
			templateParams: ['1234', '5'],
			phoneNumbers: THREE,
			content,
		});
		expect(await nodeRed.statuses()).toEqual([
			{ type: 'tencent-sms-send', fill: 'blue', text: 'sending' },
			{ type: 'tencent-sms-send', fill: 'green', text: 'sent 3' },
		]);
	});

	test('empty fields are taken from msg: to, templateId, templateParams (array), signName, sessionContext, smsSdkAppId', async () => {
		const reply = await call('POST', `${base}/api/send-from-msg`, {
			to: ['+33 6 11 22 33 44'],
			templateId: 100001,
			templateParams: ['98, 76', 10],
			signName: 'SMSKit',
			sessionContext: 'order-42',
			smsSdkAppId: defaults.smsSdkAppId,
			templateContent: TEMPLATE_TEXT,
		});
		expect(reply.status).toBe(200);
		expect(reply.json).toEqual([expect.objectContaining({ status: 'queued', to: '+33611223344', SessionContext: 'order-42' })]);
		expect(await sent()).toEqual([
			expect.objectContaining({
				phoneNumbers: ['+33611223344'],
				templateParams: ['98, 76', '10'],
				sessionContext: 'order-42',
				content: '【SMSKit】Your SMS Kit code is 98, 76, valid for 10 minutes.',
			}),
		]);
	});

	test('pulls the three delivery receipts (delivered) of a send, and a number’s history', async () => {
		const results = (await call('POST', `${base}/api/send`, {})).json as Array<{ messageId: string }>;
		const receipts: Array<Record<string, unknown>> = [];
		await waitFor(async () => {
			const reply = await call('POST', `${base}/api/status`, {});
			expect(reply.status).toBe(200);
			receipts.push(...reply.json);
			return receipts.length >= 3 ? true : undefined;
		});
		expect(receipts).toHaveLength(3);
		expect(receipts.map((r) => r.messageId).sort()).toEqual(results.map((r) => r.messageId).sort());
		for (const receipt of receipts) {
			expect(receipt).toMatchObject({
				provider: 'tencent',
				status: 'delivered',
				ReportStatus: 'SUCCESS',
				at: expect.any(String),
			});
		}
		expect(receipts.map((r) => r.to).sort()).toEqual(THREE);
		// The queue hands each receipt out once.
		expect((await call('POST', `${base}/api/status`, {})).json).toEqual([]);

		const history = await call('POST', `${base}/api/status-by-phone`, {
			phoneNumber: THREE[1],
			beginTime: new Date(Date.now() - 3600_000).toISOString(),
		});
		expect(history.status).toBe(200);
		expect(history.json).toEqual([expect.objectContaining({ to: THREE[1], status: 'delivered' })]);
	});

	test('adds a template: its TemplateId comes back and the list shows it pending review', async () => {
		const added = await call('POST', `${base}/api/template-add`, {
			name: 'Node-RED e2e',
			content: 'Your parcel {1} arrives today.',
			smsType: 2,
			remark: 'e2e',
		});
		expect(added.status).toBe(200);
		expect(added.json).toEqual({ TemplateId: expect.anything() });
		const id = Number(added.json.TemplateId);
		const list = await call('POST', `${base}/api/template-list`, { ids: [id] });
		expect(list.status).toBe(200);
		expect(list.json).toEqual([
			expect.objectContaining({ TemplateId: id, status: 'pending', TemplateContent: 'Your parcel {1} arrives today.' }),
		]);
		const all = await call('POST', `${base}/api/template-list`, {});
		expect(all.json.map((t: { TemplateId: number }) => t.TemplateId)).toEqual(expect.arrayContaining([100001, 100002, id]));
	});

	test('reads send statistics with the account’s SDK AppID', async () => {
		await call('POST', `${base}/api/send`, {});
		const hour = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 13).replace(/[-T]/g, '');
		const reply = await call('POST', `${base}/api/statistics`, {
			beginTime: hour(Date.now() - 3600_000),
			endTime: hour(Date.now() + 3600_000),
		});
		expect(reply.status).toBe(200);
		expect(reply.json).toMatchObject({ RequestCount: expect.any(Number) });
	});

	test('webhook: a reply pushed by the sandbox makes exactly one message; the same push again makes none', async () => {
		const url = withToken(`${base}/api${WEBHOOK}`);
		await control('PUT', '/_sandbox/tencent/callbacks', { replyUrl: url });
		expect((await control('POST', '/_sandbox/tencent/replies', { phoneNumber: '+33601020304', text: 'YES please' })).status).toBe(
			200,
		);
		const [attempt] = await pushes();
		expect(attempt).toMatchObject({
			kind: 'reply',
			url,
			state: 'accepted',
			httpStatus: 200,
			response: { result: 0, errmsg: 'OK' },
		});
		const first = await waitFor(async () => {
			const all = await received('webhook');
			return all.length ? all : undefined;
		});
		expect(first).toEqual([
			{
				topic: 'tencent/incoming',
				payload: {
					provider: 'tencent',
					event: 'incoming',
					id: null,
					from: '+33601020304',
					text: 'YES please',
					receivedAt: expect.any(String),
					account: '',
					raw: expect.objectContaining({ sign: 'SMSKit' }),
				},
			},
		]);

		// Tencent pushes again when it is not answered in time: the same body must not make a second message.
		const again = await call('POST', url, attempt.payload);
		expect(again.status).toBe(200);
		expect(again.json).toEqual({ result: 0, errmsg: 'OK' });
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(await received('webhook')).toEqual([]);
	});

	test('webhook: pushed delivery receipts (a JSON array) make one message each', async () => {
		await control('PUT', '/_sandbox/tencent/callbacks', { statusUrl: withToken(`${base}/api${WEBHOOK}`) });
		const results = (await call('POST', `${base}/api/send`, {})).json as Array<{ messageId: string }>;
		const [attempt] = await pushes();
		expect(attempt).toMatchObject({ kind: 'status', state: 'accepted' });
		const messages = await waitFor(async () => {
			const all = await received('webhook');
			return all.length ? all : undefined;
		});
		expect(messages).toHaveLength(3);
		for (const m of messages) {
			expect(m).toMatchObject({ topic: 'tencent/delivery', payload: { event: 'delivery', status: 'delivered' } });
			expect(Object.keys(m.payload).sort()).toEqual(DELIVERY_KEYS);
		}
		expect(messages.map((m) => m.payload.messageId).sort()).toEqual(results.map((r) => r.messageId).sort());
	});

	test('webhook: a body that is not a Tencent callback gets HTTP 400 and makes no message', async () => {
		const url = withToken(`${base}/api${WEBHOOK}`);
		const notJson = await call('POST', url, 'this is not json', { 'Content-Type': 'application/json' });
		expect(notJson.status).toBe(400);
		const wrongShape = await call('POST', url, { hello: 'world' });
		expect(wrongShape.status).toBe(400);
		expect(wrongShape.json).toMatchObject({
			result: 1,
			errmsg: expect.stringContaining('not a Tencent Cloud SMS reply callback'),
		});
		expect((await call('POST', url, [{ sid: 'x' }])).status).toBe(400);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(await received('webhook')).toEqual([]);
	});

	test('webhook: a redeploy leaves one route, and removing the node removes it', async () => {
		await deploy(flows());
		await deploy(flows());
		const url = withToken(`${base}/api${WEBHOOK}`);
		const body = { extend: '', mobile: '601020304', nationcode: '33', sign: 'SMSKit', text: 'once', time: 1718000000 };
		expect((await call('POST', url, body)).status).toBe(200);
		const messages = await waitFor(async () => {
			const all = await received('webhook');
			return all.length ? all : undefined;
		});
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect([...messages, ...(await received('webhook'))]).toHaveLength(1);

		await deploy(flows().filter((n) => (n as { id: string }).id !== 'n-receive'));
		expect((await call('POST', url, body)).status).toBe(404);
		await deploy(flows());
	});

	test('poll mode pulls an injected reply once', async () => {
		// "reply": saved by an earlier version, now "incoming".
		await deploy(flows([receive('n-poll', { mode: 'poll', event: 'reply', account: 'n-account', interval: '1' }, 'poll')]));
		await received('poll');
		await control('POST', '/_sandbox/tencent/replies', { phoneNumber: '+33601020305', text: 'STOP' });
		const messages = await waitFor(async () => {
			const all = await received('poll');
			return all.length ? all : undefined;
		});
		expect(messages).toEqual([
			{
				topic: 'tencent/incoming',
				payload: expect.objectContaining({
					provider: 'tencent',
					event: 'incoming',
					from: '+33601020305',
					text: 'STOP',
					account: defaults.smsSdkAppId,
					raw: expect.objectContaining({ SignName: 'SMSKit' }),
				}),
			},
		]);
		// The same shape as in webhook mode (bug 10).
		expect(Object.keys(messages[0].payload).sort()).toEqual(INCOMING_KEYS);
		// Two more pulls: nothing new.
		await new Promise((resolve) => setTimeout(resolve, 2500));
		expect(await received('poll')).toEqual([]);
		await deploy(flows());
	});

	test('a wrong SecretKey reaches the catch node as AuthFailure.SignatureFailure, without the key', async () => {
		const reply = await call('POST', `${base}/api/send-wrong-key`, {});
		expect(reply.status).toBe(500);
		expect(reply.json).toMatchObject({ source: 'tencent-sms-send', code: 'AuthFailure.SignatureFailure' });
		expect(reply.json.message).toMatch(/^SmsError: Tencent Cloud SMS: The request signature was refused\./);
		// The hint is in the message text, no object cause (shown as "[object Object]" in the debug sidebar).
		expect(reply.json.cause).toBeUndefined();
		expect(reply.json.message).toMatch(/request [\w-]+\)/);
		expect(reply.json.message).toContain('SecretKey');
		expect(reply.text).not.toContain(WRONG_KEY);
		expect(reply.text).not.toContain(defaults.secretKey);
		expect(await sent()).toEqual([]);
		expect((await nodeRed.statuses()).pop()).toEqual({
			type: 'tencent-sms-send',
			fill: 'red',
			text: 'AuthFailure.SignatureFailure',
		});
	});

	test('a template under review fails with FailedOperation.TemplateIncorrectOrUnapproved', async () => {
		const reply = await call('POST', `${base}/api/send-from-msg`, {
			to: THREE[0],
			templateId: '100002',
			templateParams: ['A-1'],
			signName: 'SMSKit',
		});
		expect(reply.status).toBe(500);
		expect(reply.json.code).toBe('FailedOperation.TemplateIncorrectOrUnapproved');
		expect(reply.json.message).toContain('approved template');
		expect(await sent()).toEqual([]);
	});

	test('template parameters that do not match the template fail the message before anything is sent', async () => {
		const reply = await call('POST', `${base}/api/send-from-msg`, {
			to: THREE[0],
			templateId: '100001',
			templateParams: ['1234'],
			signName: 'SMSKit',
		});
		expect(reply.status).toBe(500);
		expect(reply.json).toMatchObject({ source: 'tencent-sms-send', code: 'INVALID_INPUT' });
		expect(reply.json.message).toContain('takes 2 parameters');
		expect(await sent()).toEqual([]);
	});

	test('every recipient refused: the per-recipient results are sent, then the message fails (Catch)', async () => {
		await received('refused');
		// The template text given in msg takes one parameter; Tencent's template takes two, so it refuses each number.
		const reply = await call('POST', `${base}/api/send-refused`, {
			to: THREE.slice(0, 2),
			templateId: '100001',
			templateParams: ['1234'],
			signName: 'SMSKit',
			templateContent: 'Code {1}',
		});
		expect(reply.status).toBe(200);
		expect(reply.json.map((r: { status: string }) => r.status)).toEqual(['rejected', 'rejected']);
		const out = await waitFor(async () => {
			const all = await received('refused');
			return all.length >= 2 ? all : undefined;
		});
		expect(out[0]).toMatchObject({
			topic: 'message.send',
			payload: [expect.objectContaining({ status: 'rejected' }), expect.anything()],
		});
		expect(out[1]).toMatchObject({ topic: 'error', payload: { code: 'NOTHING_SENT' } });
		expect(out[1].payload.message).toContain('TemplateParamSetNotMatchApprovedTemplate');
		expect((await nodeRed.statuses()).pop()).toEqual({ type: 'tencent-sms-send', fill: 'red', text: 'NOTHING_SENT' });
	});

	test('an invalid number fails the message before any request', async () => {
		const reply = await call('POST', `${base}/api/send-from-msg`, {
			to: '+33 12',
			templateId: '100001',
			templateParams: ['1', '2'],
		});
		expect(reply.status).toBe(500);
		expect(reply.json.code).toBe('INVALID_PHONE_NUMBER');
		expect(await sent()).toEqual([]);
	});

	test('201 numbers go in two SendSms requests (200 + 1) and give 201 results', async () => {
		const to = numbers(201);
		const reply = await call('POST', `${base}/api/send-from-msg`, {
			to,
			templateId: '100001',
			templateParams: ['1234', '5'],
			signName: 'SMSKit',
		});
		expect(reply.status).toBe(200);
		expect(reply.json).toHaveLength(201);
		expect(reply.json.every((r: { status: string }) => r.status === 'queued')).toBe(true);
		expect(reply.json.map((r: { to: string }) => r.to)).toEqual(to);
		const requests = await sent();
		expect(requests.map((r) => r.phoneNumbers.length)).toEqual([200, 1]);
		expect(requests[1].phoneNumbers).toEqual([to[200]]);
	});

	test('the example flows ship in the package: one sends through the sandbox, the other receives a pushed reply', async () => {
		const example = (name: string) =>
			call('GET', `${base}/admin/library/examples/flows/${MODULE}/${name}`).then((r) => r.json as Array<Record<string, unknown>>);
		const sendFlow = await example('tencent-send-sms');
		expect(sendFlow.map((n) => n.type)).toEqual(
			expect.arrayContaining(['inject', 'tencent-sms-send', 'debug', 'catch', 'tencent-sms-config']),
		);
		const config = sendFlow.find((n) => n.type === 'tencent-sms-config')!;
		expect(config.credentials).toBeUndefined();
		expect(config.customUrl).toBe('http://127.0.0.1:4011');
		const receiveFlow = await example('tencent-receive-replies');
		const receiver = receiveFlow.find((n) => n.type === 'tencent-sms-receive')!;
		expect(receiver).toMatchObject({ mode: 'webhook', path: '/smskit/tencent/replies' });

		// What a user does after importing them: point the account at their sandbox and paste the keys.
		const tab = 'example-tab';
		const imported = [...sendFlow, ...receiveFlow].map((n) =>
			n.type === 'tencent-sms-config'
				? { ...n, customUrl: sandbox.urls.tencent, credentials: { secretId: defaults.secretId, secretKey: defaults.secretKey } }
				: n.type === 'tencent-sms-receive'
					? {
							...n,
							z: tab,
							credentials: { token: RECEIVE_TOKEN },
							wires: [[...(n.wires as string[][])[0], 'n-collect-example']],
						}
					: { ...n, z: tab },
		);
		await deploy([...flows(), { id: tab, type: 'tab', label: 'examples' }, ...imported]);
		await received('example');

		const inject = sendFlow.find((n) => n.type === 'inject')!;
		expect((await call('POST', `${base}/admin/inject/${inject.id as string}`)).status).toBe(200);
		const requests = await waitFor(async () => {
			const all = await sent();
			return all.length ? all : undefined;
		});
		expect(requests).toEqual([
			expect.objectContaining({
				templateId: '100001',
				templateParams: ['1234', '5'],
				phoneNumbers: ['+33601020304'],
				sessionContext: 'node-red-example',
			}),
		]);

		await control('PUT', '/_sandbox/tencent/callbacks', { replyUrl: withToken(`${base}/api/smskit/tencent/replies`) });
		await control('POST', '/_sandbox/tencent/replies', { phoneNumber: '+33601020304', text: 'Thanks' });
		expect((await pushes())[0]).toMatchObject({ state: 'accepted' });
		const messages = await waitFor(async () => {
			const all = await received('example');
			return all.length ? all : undefined;
		});
		expect(messages).toEqual([{ topic: 'tencent/incoming', payload: expect.objectContaining({ text: 'Thanks' }) }]);
		await deploy(flows());
	});
});
