/**
 * The Alibaba Cloud SMS nodes in the real, embedded Node-RED 4, installed from the packed tarball: flows
 * deployed through the admin API, driven through http-in endpoints, against the in-process sandbox's Alibaba
 * emulator (its own port), whose control API marks receipts, injects replies and pushes them to the flows.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
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

const TYPES = ['alibaba-sms-config', 'alibaba-sms-manage', 'alibaba-sms-receive', 'alibaba-sms-send', 'alibaba-sms-status'];
const WRONG_SECRET = 'wrongAlibabaAccessKeySecretForNodeRed';
/** The sandbox's approved notification template: `Your order ${order} has shipped.` */
const NOTIFICATION = 'SMS_900000002';
/** The approved verification template (`Your SMS Kit code is ${code}.`): 1 per minute per number. */
const VERIFICATION = 'SMS_900000001';
const THREE = ['13800000000', '13800000001', '13800000002'];
const E164 = THREE.map((n) => `+86${n}`);
const WEBHOOK = '/alibaba/callbacks';
const INCOMING_KEYS = ['account', 'event', 'from', 'id', 'provider', 'raw', 'receivedAt', 'text'];
const DELIVERY_KEYS = ['account', 'at', 'description', 'event', 'messageId', 'provider', 'raw', 'status', 'to'];
const ANSWER = { code: 0, msg: '接收成功' };

interface AlibabaDefaults {
	accessKeyId: string;
	accessKeySecret: string;
	signName: string;
	templateCode: string;
}

interface SentRequest {
	action: string;
	phoneNumbers: string[];
	signNames: string[];
	templateCode: string | null;
	templateParams: Array<Record<string, string>>;
	contents: string[];
	outId: string | null;
	bizId: string | null;
}

interface PushAttempt {
	kind: 'SmsReport' | 'SmsUp' | 'TemplateSmsReport';
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
let defaults: AlibabaDefaults;
let nodeRed: EmbeddedNodeRed;
let base: string;
/** Counts every request an account pointed at it makes: "before any request" means it stays at 0. */
let counter: http.Server;
let counterUrl: string;
let counted = 0;

const control = (method: string, path: string, body?: unknown) => call(method, `http://127.0.0.1:${sandbox.port}${path}`, body);
const sent = async (): Promise<SentRequest[]> => (await control('GET', '/_sandbox/messages')).json.alibaba;
const pushes = async (): Promise<PushAttempt[]> => (await control('GET', '/_sandbox/alibaba/callbacks?wait=1')).json.attempts;
const numbers = (n: number) => Array.from({ length: n }, (_, i) => String(13000000000 + i));
const deploy = (flows: object[]) => nodeRed.deploy(flows);
const received = async (key: string): Promise<Received[]> => (await call('GET', `${base}/api/received/${key}`)).json;
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

const z = 'alibaba-tab';

const collector = (key: string) => collectorNodes(z, key);

function account(id: string, accessKeySecret: string, customUrl = sandbox.urls.alibaba): object {
	return {
		id,
		type: 'alibaba-sms-config',
		name: `${id} (sandbox)`,
		defaultCountry: '',
		endpoint: 'custom',
		customUrl,
		credentials: { accessKeyId: defaults.accessKeyId, accessKeySecret, securityToken: '' },
	};
}

const SEND_FIELDS = {
	phoneNumbers: '',
	signName: '',
	templateCode: '',
	templateParams: '',
	outId: '',
	smsUpExtendCode: '',
	message: '',
	from: '',
	messageType: '',
};

function send(id: string, config: string, fields: Record<string, string>): object {
	return {
		id,
		type: 'alibaba-sms-send',
		z,
		name: '',
		account: config,
		operation: 'message.send',
		...SEND_FIELDS,
		...fields,
		wires: [['n-respond']],
	};
}

function status(id: string, operation: string): object {
	const fields = {
		phoneNumber: '',
		sendDate: '',
		bizId: '',
		limit: '',
		returnAll: false,
		startDate: '',
		endDate: '',
		signName: '',
		templateType: '',
		international: false,
	};
	return { id, type: 'alibaba-sms-status', z, name: '', account: 'n-account', operation, ...fields, wires: [['n-respond']] };
}

function manage(id: string, operation: string): object {
	const fields = {
		templateCode: '',
		templateName: '',
		templateContent: '',
		templateType: '',
		relatedSignName: '',
		signName: '',
		signSource: '',
		qualificationId: '',
		remark: '',
	};
	return {
		id,
		type: 'alibaba-sms-manage',
		z,
		name: '',
		account: 'n-account',
		resource: operation.split('.')[0],
		operation,
		...fields,
		wires: [['n-respond']],
	};
}

/** One tab: an http-in endpoint per case into our nodes, the webhook receive node, and the harness. */
function flows(extra: object[] = []): object[] {
	return [
		{ id: z, type: 'tab', label: 'SMS Kit Alibaba e2e' },
		account('n-account', defaults.accessKeySecret),
		account('n-wrong-secret', WRONG_SECRET),
		account('n-counted', defaults.accessKeySecret, counterUrl),
		endpoint(z, '/send', 'n-send-fixed'),
		send('n-send-fixed', 'n-account', {
			signName: 'SMSKit',
			templateCode: NOTIFICATION,
			templateParams: '{"order":"42"}',
			phoneNumbers: `${THREE[0]}, +86${THREE[1]}\n${THREE[2]}`,
			outId: 'order-42',
		}),
		endpoint(z, '/send-from-msg', 'n-spread-msg'),
		spread(z, 'n-spread-msg', 'n-send-from-msg'),
		send('n-send-from-msg', 'n-account', {}),
		// The posted JSON array is msg.payload: the recipients.
		endpoint(z, '/send-batch', 'n-send-batch'),
		send('n-send-batch', 'n-account', { operation: 'message.sendBatch', signName: 'SMSKit', templateCode: NOTIFICATION }),
		endpoint(z, '/send-wrong-secret', 'n-send-wrong-secret'),
		send('n-send-wrong-secret', 'n-wrong-secret', {
			signName: 'SMSKit',
			templateCode: NOTIFICATION,
			templateParams: '{"order":"1"}',
			phoneNumbers: THREE[0],
		}),
		endpoint(z, '/send-counted', 'n-spread-counted'),
		spread(z, 'n-spread-counted', 'n-send-counted'),
		// Bad number: fail, so an invalid number in a list fails the whole message.
		send('n-send-counted', 'n-counted', { onInvalidNumber: 'fail' }),
		endpoint(z, '/status', 'n-spread-status'),
		spread(z, 'n-spread-status', 'n-details'),
		status('n-details', 'deliveryStatus.getMany'),
		endpoint(z, '/statistics', 'n-statistics'),
		status('n-statistics', 'statistics.get'),
		endpoint(z, '/template-create', 'n-template-create'),
		manage('n-template-create', 'template.create'),
		endpoint(z, '/template-get', 'n-template-get'),
		manage('n-template-get', 'template.get'),
		endpoint(z, '/sign-list', 'n-sign-list'),
		manage('n-sign-list', 'sign.getMany'),
		{
			id: 'n-receive',
			type: 'alibaba-sms-receive',
			z,
			name: '',
			mode: 'webhook',
			event: 'both',
			path: WEBHOOK,
			credentials: { token: RECEIVE_TOKEN },
			wires: [['n-collect-webhook']],
		},
		...collector('webhook'),
		...collector('example'),
		...harnessNodes(z),
		...extra,
	];
}

describe('Node-RED 4 × Alibaba Cloud SMS (sandbox), from the tarball', () => {
	beforeAll(async () => {
		counter = http.createServer((_req, res) => {
			counted++;
			res.writeHead(500).end();
		});
		await new Promise<void>((resolve) => counter.listen(0, '127.0.0.1', resolve));
		counterUrl = `http://127.0.0.1:${(counter.address() as AddressInfo).port}`;
		sandbox = await startSandbox({ port: 0 });
		defaults = (await control('GET', '/_sandbox/credentials')).json.alibaba;
		nodeRed = await startNodeRed();
		base = nodeRed.base;
		await deploy(flows());
	});

	afterAll(async () => {
		await nodeRed?.stop();
		await sandbox?.close();
		await new Promise((resolve) => counter?.close(resolve));
	});

	beforeEach(async () => {
		sandbox.reset();
		await nodeRed.statuses();
		await received('webhook');
	});

	test('the palette has the five Alibaba node types, their help, strings, icon and the core lists', async () => {
		const html = await expectPaletteTypes(base, 'alibaba-', TYPES);
		// Webhook only: the receive node offers no poll mode.
		const receiveTemplate = html.slice(html.indexOf('data-template-name="alibaba-sms-receive"'));
		expect(receiveTemplate.slice(0, receiveTemplate.indexOf('</script>'))).not.toContain('poll');
		const strings = (await call('GET', `${base}/admin/nodes/messages?lng=en-US`)).json[`${MODULE}/smskit`];
		expect(strings['alibaba-sms-config'].label.accessKeySecret).toBe('AccessKey secret');
		expect(strings['alibaba-sms-send'].paletteLabel).toBe('alibaba send');
		expect(strings['alibaba-sms-status'].paletteLabel).toBe('alibaba status');
		expect(strings['alibaba-sms-manage'].actions.template.create).toBe('create a template');
		expect(strings['alibaba-sms-receive'].tip).toContain('HTTP batch push');
		expect((await fetch(`${base}/admin/icons/${MODULE}/alibaba.svg`)).status).toBe(200);
		const settings = (await call('GET', `${base}/admin/settings`)).json;
		expect(settings.alibabaSmsConfigEndpoints).toHaveProperty(['cn-hangzhou']);
		expect(settings.alibabaSmsConfigEndpoints).toHaveProperty(['ap-southeast-1']);
		expect(settings.alibabaSmsSendActions.actions).toEqual(['message.send', 'message.sendBatch', 'message.sendInternational']);
		expect(settings.alibabaSmsStatusActions.actions).toEqual(['deliveryStatus.getMany', 'statistics.get']);
		expect(settings.alibabaSmsManageActions.actions).toEqual(
			expect.arrayContaining(['template.create', 'template.getMany', 'sign.delete']),
		);
	});

	test('sends to three numbers in one SendSms: three queued results with the one BizId, billed from the template', async () => {
		const reply = await call('POST', `${base}/api/send`, {});
		expect(reply.status).toBe(200);
		expect(reply.json.map((r: { to: string }) => r.to)).toEqual(E164);
		const content = '【SMSKit】Your order 42 has shipped.';
		const bizId = reply.json[0].messageId;
		expect(bizId).toEqual(expect.any(String));
		for (const result of reply.json) {
			expect(result).toMatchObject({
				provider: 'alibaba',
				status: 'queued',
				messageId: bizId,
				BizId: bizId,
				Code: 'OK',
				encoding: 'UCS-2',
				characters: [...content].length,
				segments: 1,
				error: null,
			});
		}
		const requests = await sent();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			action: 'SendSms',
			phoneNumbers: THREE,
			templateCode: NOTIFICATION,
			outId: 'order-42',
			bizId,
			contents: [content, content, content],
		});
		expect(await nodeRed.statuses()).toEqual([
			{ type: 'alibaba-sms-send', fill: 'blue', text: 'sending' },
			{ type: 'alibaba-sms-send', fill: 'green', text: 'sent 3' },
		]);
	});

	test('1001 numbers go in two SendSms requests (1000 + 1) and give 1001 results in order', async () => {
		const to = numbers(1001);
		const reply = await call('POST', `${base}/api/send-from-msg`, {
			to,
			signName: 'SMSKit',
			templateCode: NOTIFICATION,
			templateParams: { order: '7' },
		});
		expect(reply.status).toBe(200);
		expect(reply.json).toHaveLength(1001);
		expect(reply.json.every((r: { status: string }) => r.status === 'queued')).toBe(true);
		expect(reply.json.map((r: { to: string }) => r.to)).toEqual(to.map((n) => `+86${n}`));
		const requests = await sent();
		expect(requests.map((r) => [r.action, r.phoneNumbers.length])).toEqual([
			['SendSms', 1000],
			['SendSms', 1],
		]);
		expect(requests[1].phoneNumbers).toEqual([to[1000]]);
		expect(reply.json[1000].messageId).toBe(requests[1].bizId);
	});

	test('batch send: msg.payload is the recipients, each with its own parameters, in one SendBatchSms', async () => {
		const recipients = THREE.map((to, i) => ({ to, templateParams: { order: `A-${i + 1}` } }));
		const reply = await call('POST', `${base}/api/send-batch`, recipients);
		expect(reply.status).toBe(200);
		expect(reply.json.map((r: { to: string; status: string }) => [r.to, r.status])).toEqual(E164.map((n) => [n, 'queued']));
		const [request] = await sent();
		expect(request).toMatchObject({
			action: 'SendBatchSms',
			phoneNumbers: THREE,
			signNames: ['SMSKit', 'SMSKit', 'SMSKit'],
			templateParams: [{ order: 'A-1' }, { order: 'A-2' }, { order: 'A-3' }],
			contents: ['A-1', 'A-2', 'A-3'].map((o) => `【SMSKit】Your order ${o} has shipped.`),
		});
		expect((await nodeRed.statuses()).pop()).toEqual({ type: 'alibaba-sms-send', fill: 'green', text: 'sent 3' });
	});

	test('status: a send, then its receipt (control API), then the delivery status of the number and BizId', async () => {
		const [result] = (
			await call('POST', `${base}/api/send-from-msg`, {
				to: THREE[0],
				signName: 'SMSKit',
				templateCode: NOTIFICATION,
				templateParams: { order: '9' },
			})
		).json as Array<{ messageId: string; to: string }>;
		const pending = await call('POST', `${base}/api/status`, { to: THREE[0], messageId: result.messageId });
		expect(pending.status).toBe(200);
		expect(pending.json).toEqual([expect.objectContaining({ status: 'pending', SendStatus: 1 })]);

		expect((await control('POST', '/_sandbox/alibaba/receipts', { bizId: result.messageId })).status).toBe(200);
		// One send result as msg.payload is enough (what a split node makes of the send node's output).
		const reply = await call('POST', `${base}/api/status`, { payload: result });
		expect(reply.status).toBe(200);
		expect(reply.json).toEqual([
			expect.objectContaining({
				provider: 'alibaba',
				status: 'delivered',
				to: E164[0],
				messageId: result.messageId,
				at: expect.any(String),
				description: 'DELIVERED',
				SendStatus: 3,
				ErrCode: 'DELIVERED',
				Content: '【SMSKit】Your order 9 has shipped.',
			}),
		]);
		expect((await nodeRed.statuses()).pop()).toEqual({ type: 'alibaba-sms-status', fill: 'green', text: '1 item(s)' });

		const statistics = await call('POST', `${base}/api/statistics`, {});
		expect(statistics.status).toBe(200);
		expect(Array.isArray(statistics.json)).toBe(true);
	});

	test('template create: the code comes back, the template is pending review; the signs list', async () => {
		const created = await call('POST', `${base}/api/template-create`, {
			templateName: 'Node-RED e2e',
			templateContent: 'Your parcel ${parcel} arrives today.',
			templateType: 1,
			relatedSignName: 'SMSKit',
			remark: 'e2e',
			// No node field: passed on from msg.payload.
			templateRule: '{"parcel":"others"}',
		});
		expect(created.status).toBe(200);
		expect(created.json).toMatchObject({ TemplateCode: expect.stringMatching(/^SMS_\d+$/) });
		const code = created.json.TemplateCode as string;
		const got = await call('POST', `${base}/api/template-get`, { templateCode: code });
		expect(got.status).toBe(200);
		expect(got.json).toMatchObject({
			status: 'pending',
			TemplateCode: code,
			TemplateContent: 'Your parcel ${parcel} arrives today.',
		});
		const signs = await call('POST', `${base}/api/sign-list`, {});
		expect(signs.json).toEqual(expect.arrayContaining([expect.objectContaining({ SignName: 'SMSKit', status: 'approved' })]));
	});

	test('receive: an injected incoming SMS makes exactly one message; the same push again makes none', async () => {
		const url = withToken(`${base}/api${WEBHOOK}`);
		await control('PUT', '/_sandbox/alibaba/callbacks', { smsUpUrl: url, smsReportUrl: url, templateReportUrl: url });
		expect((await control('POST', '/_sandbox/alibaba/incoming', { phoneNumber: THREE[0], content: 'TD please' })).status).toBe(
			200,
		);
		const [attempt] = await pushes();
		expect(attempt).toMatchObject({ kind: 'SmsUp', url, state: 'accepted', httpStatus: 200, response: ANSWER });
		const first = await waitFor(async () => {
			const all = await received('webhook');
			return all.length ? all : undefined;
		});
		expect(first).toEqual([
			{
				topic: 'alibaba/incoming',
				payload: {
					provider: 'alibaba',
					event: 'incoming',
					id: expect.any(String),
					from: E164[0],
					text: 'TD please',
					receivedAt: expect.any(String),
					account: '',
					raw: expect.objectContaining({ phone_number: THREE[0], content: 'TD please' }),
				},
			},
		]);
		expect(Object.keys(first[0].payload).sort()).toEqual(INCOMING_KEYS);

		// Alibaba pushes again when it gets no answer in time: the same body makes no second message.
		const again = await call('POST', url, attempt.payload);
		expect(again).toMatchObject({ status: 200, json: ANSWER });
		await settle();
		expect(await received('webhook')).toEqual([]);
	});

	test('receive: the delivery reports of a send make one message per number, once', async () => {
		const url = withToken(`${base}/api${WEBHOOK}`);
		await control('PUT', '/_sandbox/alibaba/callbacks', { smsReportUrl: url });
		const results = (await call('POST', `${base}/api/send`, {})).json as Array<{ messageId: string }>;
		expect((await control('POST', '/_sandbox/alibaba/receipts', { bizId: results[0].messageId })).status).toBe(200);
		const [attempt] = await pushes();
		expect(attempt).toMatchObject({ kind: 'SmsReport', state: 'accepted', response: ANSWER });
		expect(attempt.payload).toHaveLength(3);
		const messages = await waitFor(async () => {
			const all = await received('webhook');
			return all.length ? all : undefined;
		});
		expect(messages).toHaveLength(3);
		for (const m of messages) {
			expect(m).toMatchObject({
				topic: 'alibaba/delivery',
				payload: { event: 'delivery', status: 'delivered', messageId: results[0].messageId },
			});
			expect(Object.keys(m.payload).sort()).toEqual(DELIVERY_KEYS);
		}
		expect(messages.map((m) => m.payload.to).sort()).toEqual(E164);
		expect((await call('POST', url, attempt.payload)).status).toBe(200);
		await settle();
		expect(await received('webhook')).toEqual([]);
	});

	test('receive: a template review is pushed as alibaba/review; a body that is not an Alibaba push gets HTTP 400', async () => {
		const url = withToken(`${base}/api${WEBHOOK}`);
		await control('PUT', '/_sandbox/alibaba/callbacks', { templateReportUrl: url });
		const created = await call('POST', `${base}/api/template-create`, {
			templateName: 'Reviewed',
			templateContent: 'Hello ${name}.',
			templateRule: '{"name":"others"}',
			templateType: 1,
			relatedSignName: 'SMSKit',
			remark: 'e2e',
		});
		const code = created.json.TemplateCode as string;
		await control('POST', `/_sandbox/alibaba/templates/${code}/review`, { status: 'approved' });
		expect((await pushes())[0]).toMatchObject({ kind: 'TemplateSmsReport', state: 'accepted' });
		const messages = await waitFor(async () => {
			const all = await received('webhook');
			return all.length ? all : undefined;
		});
		expect(messages).toEqual([
			{ topic: 'alibaba/review', payload: expect.objectContaining({ event: 'review', id: code, status: 'approved' }) },
		]);

		expect((await call('POST', url, 'not json', { 'Content-Type': 'application/json' })).status).toBe(400);
		const wrong = await call('POST', url, { hello: 'world' });
		expect(wrong.status).toBe(400);
		expect(wrong.json).toMatchObject({ code: 400 });
		await settle();
		expect(await received('webhook')).toEqual([]);
	});

	test('a wrong AccessKey secret reaches the catch node as SignatureDoesNotMatch, without the secret', async () => {
		const reply = await call('POST', `${base}/api/send-wrong-secret`, {});
		expect(reply.status).toBe(500);
		expect(reply.json).toMatchObject({ source: 'alibaba-sms-send', code: 'SignatureDoesNotMatch' });
		expect(reply.json.message).toMatch(/^SmsError: Alibaba Cloud SMS: The request signature was refused\./);
		expect(reply.json.message).toContain('account node');
		expect(reply.json.cause).toBeUndefined();
		expect(reply.text).not.toContain(WRONG_SECRET);
		expect(reply.text).not.toContain(defaults.accessKeySecret);
		expect(await sent()).toEqual([]);
		expect((await nodeRed.statuses()).pop()).toEqual({ type: 'alibaba-sms-send', fill: 'red', text: 'SignatureDoesNotMatch' });
	});

	test('a missing template parameter fails with INVALID_INPUT before anything is sent', async () => {
		const reply = await call('POST', `${base}/api/send-from-msg`, {
			to: THREE[0],
			signName: 'SMSKit',
			templateCode: NOTIFICATION,
			templateParams: { parcel: '1' },
		});
		expect(reply.status).toBe(500);
		expect(reply.json).toMatchObject({ source: 'alibaba-sms-send', code: 'INVALID_INPUT' });
		expect(reply.json.message).toContain('${order}');
		expect(await sent()).toEqual([]);
	});

	test('an invalid number in a list is its own rejected result (INVALID_PHONE_NUMBER) and the valid ones are sent', async () => {
		const message = { to: [THREE[0], '+33 12'], signName: 'SMSKit', templateCode: NOTIFICATION, templateParams: { order: '1' } };
		const reply = await call('POST', `${base}/api/send-from-msg`, message);
		expect(reply.status).toBe(200);
		expect(reply.json).toEqual([
			expect.objectContaining({ to: E164[0], status: 'queued' }),
			expect.objectContaining({
				to: '+33 12',
				status: 'rejected',
				error: expect.objectContaining({ code: 'INVALID_PHONE_NUMBER', message: expect.stringContaining('+33 12') }),
			}),
		]);
		expect(await sent()).toEqual([expect.objectContaining({ action: 'SendSms', phoneNumbers: [THREE[0]] })]);
		expect((await nodeRed.statuses()).pop()).toEqual({ type: 'alibaba-sms-send', fill: 'yellow', text: 'sent 1, 1 rejected' });
	});

	test('no valid number, or Bad number: fail, fails the message with INVALID_PHONE_NUMBER before any request', async () => {
		const message = { to: ['+33 12', '12'], signName: 'SMSKit', templateCode: NOTIFICATION, templateParams: { order: '1' } };
		const reply = await call('POST', `${base}/api/send-from-msg`, message);
		expect(reply.status).toBe(500);
		expect(reply.json).toMatchObject({ source: 'alibaba-sms-send', code: 'INVALID_PHONE_NUMBER' });
		expect(reply.json.message).toContain('+33 12');
		expect(await sent()).toEqual([]);
		// With Bad number: fail, one invalid number in a list fails it all; not even the template lookup is made:
		// an account whose every request is counted saw none.
		counted = 0;
		const counterReply = await call('POST', `${base}/api/send-counted`, { ...message, to: [THREE[0], '+33 12'] });
		expect(counterReply).toMatchObject({ status: 500, json: { code: 'INVALID_PHONE_NUMBER' } });
		expect(counterReply.json.message).toContain('+33 12');
		expect(counted).toBe(0);
		// The same account does make requests for a valid number (so the count above means something).
		await call('POST', `${base}/api/send-counted`, { ...message, to: THREE[0] });
		expect(counted).toBeGreaterThan(0);
	});

	test('no balance: isv.AMOUNT_NOT_ENOUGH reaches the catch node with what to do', async () => {
		await control('PUT', '/_sandbox/alibaba/balance', { amount: 0 });
		const reply = await call('POST', `${base}/api/send`, {});
		expect(reply.status).toBe(500);
		expect(reply.json).toMatchObject({ source: 'alibaba-sms-send', code: 'isv.AMOUNT_NOT_ENOUGH' });
		expect(reply.json.message).toContain('Top up');
		expect(await sent()).toEqual([]);
		expect((await nodeRed.statuses()).pop()).toEqual({ type: 'alibaba-sms-send', fill: 'red', text: 'isv.AMOUNT_NOT_ENOUGH' });
	});

	test('flow control: a second verification code to the same number within a minute is isv.BUSINESS_LIMIT_CONTROL, not retried', async () => {
		const code = { to: THREE[0], signName: 'SMSKit', templateCode: VERIFICATION, templateParams: { code: '123456' } };
		const first = await call('POST', `${base}/api/send-from-msg`, code);
		expect(first.status).toBe(200);
		expect(first.json).toEqual([expect.objectContaining({ status: 'queued' })]);
		const second = await call('POST', `${base}/api/send-from-msg`, { ...code, templateParams: { code: '654321' } });
		expect(second.status).toBe(500);
		expect(second.json).toMatchObject({ source: 'alibaba-sms-send', code: 'isv.BUSINESS_LIMIT_CONTROL' });
		expect(second.json.message).toContain('wait before sending to this number again');
		expect((await sent()).map((r) => r.templateParams)).toEqual([[{ code: '123456' }]]);
	});

	test('the example flow ships in the package and sends the order SMS through the sandbox, and its receive node gets a reply', async () => {
		const example = (await call('GET', `${base}/admin/library/examples/flows/${MODULE}/alibaba-sms`)).json as Array<
			Record<string, unknown>
		>;
		const types = new Set(example.map((n) => n.type));
		for (const type of TYPES) expect([type, types.has(type)]).toEqual([type, true]);
		const config = example.find((n) => n.type === 'alibaba-sms-config')!;
		expect(config.credentials).toBeUndefined();
		expect(config.customUrl).toBe('http://127.0.0.1:4012');
		const receiver = example.find((n) => n.type === 'alibaba-sms-receive')!;
		expect(receiver).toMatchObject({ event: 'both', path: '/smskit/alibaba/events' });

		// What a user does after importing it: point the account at their sandbox and paste the keys.
		const tab = 'example-tab';
		const imported = example.map((n) =>
			n.type === 'alibaba-sms-config'
				? {
						...n,
						customUrl: sandbox.urls.alibaba,
						credentials: { accessKeyId: defaults.accessKeyId, accessKeySecret: defaults.accessKeySecret },
					}
				: n.type === 'alibaba-sms-receive'
					? {
							...n,
							z: tab,
							credentials: { token: RECEIVE_TOKEN },
							wires: [[...(n.wires as string[][])[0], 'n-collect-example']],
						}
					: { ...n, z: tab },
		);
		await deploy([...flows(), { id: tab, type: 'tab', label: 'example' }, ...imported]);
		await received('example');

		const inject = example.find((n) => n.type === 'inject' && n.name === 'order 42 shipped')!;
		expect((await call('POST', `${base}/admin/inject/${inject.id as string}`)).status).toBe(200);
		const requests = await waitFor(async () => {
			const all = await sent();
			return all.length ? all : undefined;
		});
		expect(requests).toEqual([
			expect.objectContaining({
				action: 'SendSms',
				phoneNumbers: ['13800000000'],
				templateCode: NOTIFICATION,
				templateParams: [{ order: '42' }],
				outId: 'order-42',
			}),
		]);

		await control('PUT', '/_sandbox/alibaba/callbacks', { smsUpUrl: withToken(`${base}/api/smskit/alibaba/events`) });
		await control('POST', '/_sandbox/alibaba/incoming', { phoneNumber: '13800000000', content: 'Thanks' });
		expect((await pushes())[0]).toMatchObject({ state: 'accepted' });
		const messages = await waitFor(async () => {
			const all = await received('example');
			return all.length ? all : undefined;
		});
		expect(messages).toEqual([{ topic: 'alibaba/incoming', payload: expect.objectContaining({ text: 'Thanks' }) }]);
		await deploy(flows());
	});
});
