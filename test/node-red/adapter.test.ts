/** The Node-RED adapter end to end in one process: node constructors on a fake runtime, the core modules, a scripted API. */
import { NODE_RED_PROVIDERS } from '../../node-red/providers';
import type { ApiRequest } from '../../core';
import { fakeRed, type FakeNode, type FakeRed } from './fake-red';

const OVH_KEYS = { applicationKey: 'ak', applicationSecret: 'secret-as-1', consumerKey: 'consumer-ck-1' };
const TENCENT_KEYS = { secretId: 'AKIDx', secretKey: 'tencent-secret-key-1' };
const INCOMING_KEYS = ['account', 'event', 'from', 'id', 'provider', 'raw', 'receivedAt', 'text'];

let red: FakeRed;
beforeEach(() => {
	red = fakeRed();
});

function ovhAccount(fields: Record<string, unknown> = {}, credentials: Record<string, string> = OVH_KEYS): void {
	red.create({
		id: 'acct',
		type: 'ovh-sms-config',
		endpoint: 'custom',
		customUrl: 'http://127.0.0.1:1/1.0',
		...fields,
		credentials,
	});
}
function tencentAccount(): void {
	red.create({
		id: 'tacct',
		type: 'tencent-sms-config',
		endpoint: 'custom',
		customUrl: 'http://127.0.0.1:1',
		smsSdkAppId: '1400000001',
		credentials: TENCENT_KEYS,
	});
}
const ovhSend = (fields: Record<string, unknown> = {}): FakeNode =>
	red.create({ id: 'send', type: 'ovh-sms-send', account: 'acct', service: 's', message: '', receivers: '', ...fields });

/** OVHcloud's answer to a send: every receiver given is valid unless listed in `invalid`. */
const sendingReport = (request: ApiRequest, invalid: string[] = []) => {
	const receivers = (request.body as { receivers: string[] }).receivers;
	const valid = receivers.filter((r) => !invalid.includes(r));
	return {
		totalCreditsRemoved: valid.length,
		invalidReceivers: invalid,
		ids: valid.map((_, i) => 100 + i),
		validReceivers: valid,
		tag: '',
	};
};

describe('the one input handler (running → result → send → done)', () => {
	test('a send: the results as msg.payload, the action name as msg.topic, statuses sending then sent', async () => {
		ovhAccount();
		const node = ovhSend({ receivers: '+33601020304' });
		const requests = red.stubAccount('acct', (r) => sendingReport(r));
		const { sent, error } = await red.input(node, { payload: 'Hello' });
		expect(error).toBeUndefined();
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /sms/s/jobs']);
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({
			topic: 'message.send',
			payload: [expect.objectContaining({ status: 'queued', to: '+33601020304' })],
		});
		expect(node.statuses.map((s) => s.text)).toEqual(['smskit.status.sending', 'smskit.outcome.queued {"count":1}']);
	});

	test('a national number passes with the account node’s default country', async () => {
		ovhAccount({ defaultCountry: 'fr' });
		const node = ovhSend({ receivers: '06 01 02 03 04' });
		const requests = red.stubAccount('acct', (r) => sendingReport(r));
		const { error } = await red.input(node, { payload: 'Hello' });
		expect(error).toBeUndefined();
		expect((requests[0].body as { receivers: string[] }).receivers).toEqual(['+33601020304']);
	});

	test('msg.payload as a number (an inject timestamp) says what was received (bug 7)', async () => {
		ovhAccount();
		const node = ovhSend({ receivers: '+33601020304' });
		const requests = red.stubAccount('acct', (r) => sendingReport(r));
		const { sent, error } = await red.input(node, { payload: 1764578200000 });
		expect(sent).toEqual([]);
		expect(requests).toEqual([]);
		expect(error).toMatchObject({ code: 'INVALID_INPUT' });
		expect(String(error)).toContain('Message: msg.payload is a number (1764578200000), not text');
		expect(node.statuses.pop()).toEqual({ fill: 'red', shape: 'dot', text: 'INVALID_INPUT' });
	});

	test('the hint is in the message text, never an object cause (bug 7: the sidebar showed "[object Object]")', async () => {
		ovhAccount();
		const node = ovhSend({ receivers: '0601020304' });
		const { error } = await red.input(node, { payload: 'Hi' });
		expect(error).toBeInstanceOf(Error);
		expect(Object.hasOwn(error as object, 'cause')).toBe(false);
		expect(error).toMatchObject({ code: 'INVALID_PHONE_NUMBER', hint: expect.stringContaining('international format') });
		expect(String(error)).toMatch(/^SmsError: OVHcloud: .*\(INVALID_PHONE_NUMBER\) Write phone numbers in international format/);
	});

	test('core texts say "account node", not the n8n credential or a {account} placeholder (bug 9)', async () => {
		ovhAccount({}, { applicationKey: 'ak' });
		const { error } = await red.input(ovhSend({ receivers: '+33601020304' }), { payload: 'Hi' });
		expect(error).toMatchObject({ code: 'MISSING_CREDENTIALS' });
		expect(String(error)).toContain('The OVHcloud account node needs an application key');
		expect(String(error)).not.toMatch(/\{account\}|credential/);
	});

	test('a local bug is INTERNAL_ERROR, not a network failure', async () => {
		ovhAccount();
		const node = ovhSend();
		const requests = red.stubAccount('acct', (r) => sendingReport(r));
		// Something that throws where nothing should: a list of numbers that fails when read.
		const to = new Proxy([], {
			get() {
				throw new TypeError('boom');
			},
		});
		const { error } = await red.input(node, { payload: 'Hi', to });
		expect(requests).toEqual([]);
		expect(error).toMatchObject({ code: 'INTERNAL_ERROR', kind: 'internal' });
		expect(String(error)).toContain('TypeError: boom');
	});

	test('secrets never reach the error', async () => {
		ovhAccount();
		red.stubAccount('acct', () => ({ errorCode: 'X', message: `echo ${OVH_KEYS.applicationSecret}` }), 500);
		const { error } = await red.input(ovhSend({ receivers: '+33601020304' }), { payload: 'Hi' });
		expect(String(error)).not.toContain(OVH_KEYS.applicationSecret);
	});

	test('no account: a plain NO_ACCOUNT per message', async () => {
		const node = red.create({ id: 'send', type: 'ovh-sms-send', account: '', service: 's', receivers: '+33601020304' });
		expect((await red.input(node, { payload: 'Hi' })).error).toMatchObject({ code: 'NO_ACCOUNT' });
	});
});

describe('client nodes dispatch on the module’s action names', () => {
	test('a status node saved with "getOutgoing" runs outgoing.get: one object, its delivery status shown', async () => {
		ovhAccount();
		const node = red.create({
			id: 'st',
			type: 'ovh-sms-status',
			account: 'acct',
			operation: 'getOutgoing',
			service: 's',
			itemId: '',
		});
		const requests = red.stubAccount('acct', () => ({ id: 5, receiver: '+33601020304', deliveryReceipt: 1, ptt: 4 }));
		const { sent } = await red.input(node, { payload: 5 });
		expect(requests.map((r) => r.path)).toEqual(['/sms/s/outgoing/5']);
		expect(sent[0]).toMatchObject({ topic: 'outgoing.get', payload: { status: 'delivered', messageId: '5' } });
		expect(node.statuses.pop()?.text).toBe('delivered');
	});

	test('the editor’s operation lists are the role’s action names, exported as settings', () => {
		const settings = red.types.get('ovh-sms-manage')!.options.settings as Record<string, { value: { actions: string[] } }>;
		expect(settings.ovhSmsManageActions.value.actions).toEqual(
			expect.arrayContaining(['account.getMany', 'template.add', 'sender.getMany']),
		);
		// The same five node types for every registered provider.
		expect([...red.types.keys()].sort()).toEqual(
			NODE_RED_PROVIDERS.flatMap((p) =>
				['config', 'manage', 'receive', 'send', 'status'].map((r) => `${p.module.id}-sms-${r}`),
			).sort(),
		);
	});
});

describe('tencent send (bug 8)', () => {
	const template = (content: string) => ({
		Response: {
			DescribeTemplateStatusSet: [{ TemplateId: 100001, StatusCode: 0, TemplateName: 't', TemplateContent: content }],
			RequestId: 'r1',
		},
	});
	const sendNode = () =>
		red.create({
			id: 'ts',
			type: 'tencent-sms-send',
			account: 'tacct',
			templateId: '100001',
			phoneNumbers: '+33601020304, +33601020305',
		});

	test('template parameters that do not match the template reach a Catch node, nothing sent', async () => {
		tencentAccount();
		const node = sendNode();
		const requests = red.stubAccount('tacct', () => template('Code {1}, valid {2} minutes'));
		const { sent, error } = await red.input(node, { templateParams: ['1234'] });
		expect(sent).toEqual([]);
		expect(error).toMatchObject({ code: 'INVALID_INPUT' });
		expect(String(error)).toContain('takes 2 parameters');
		expect(requests.map((r) => r.headers?.['X-TC-Action'])).not.toContain('SendSms');
	});

	test('every recipient refused: the results are sent, then done(err) for Catch nodes', async () => {
		tencentAccount();
		const node = sendNode();
		red.stubAccount('tacct', (r) =>
			r.headers?.['X-TC-Action'] === 'SendSms'
				? {
						Response: {
							SendStatusSet: ['+33601020304', '+33601020305'].map((PhoneNumber) => ({
								SerialNo: '',
								PhoneNumber,
								Fee: 0,
								Code: 'LimitExceeded.PhoneNumberDailyLimit',
								Message: 'daily limit',
							})),
							RequestId: 'r2',
						},
					}
				: template('Code {1}'),
		);
		const { sent, error } = await red.input(node, { templateParams: ['1234'] });
		expect(sent).toHaveLength(1);
		expect((sent[0].payload as Array<{ status: string }>).map((r) => r.status)).toEqual(['rejected', 'rejected']);
		expect(error).toMatchObject({ code: 'NOTHING_SENT' });
		expect(String(error)).toContain('LimitExceeded.PhoneNumberDailyLimit');
		expect(node.statuses.pop()).toEqual({ fill: 'red', shape: 'dot', text: 'NOTHING_SENT' });
	});
});

describe('receive nodes', () => {
	/** The webhook token of the nodes below (providers that do not sign their pushes need one). */
	const credentials = { token: 'tok-1' };
	/** Calls the node's route like Express would, with the token, the body already parsed by a middleware. */
	async function push(path: string, method: 'get' | 'post', request: { query?: Record<string, unknown>; body?: unknown }) {
		const route = red.routes.find((r) => r.path === path && r.method === method);
		if (!route) throw new Error(`no ${method} route ${path}`);
		const reply: { status?: number; body?: string } = {};
		await new Promise<void>((resolve) => {
			const res = {
				status: (s: number) => ((reply.status = s), res),
				type: () => res,
				send: (b: string) => ((reply.body = b), resolve()),
			};
			const handler = route.handlers[route.handlers.length - 2] as unknown as (req: unknown, res: unknown) => void;
			handler(
				{ method: method.toUpperCase(), query: { token: 'tok-1', ...request.query }, _body: true, body: request.body },
				res,
			);
		});
		await new Promise((resolve) => setImmediate(resolve));
		return reply;
	}

	test('webhook: the normalised event, topic <id>/incoming, a repeated push makes no second message, no key in the payload', async () => {
		const node = red.create({
			id: 'r1',
			type: 'ovh-sms-receive',
			mode: 'webhook',
			event: 'both',
			service: 'sms-a',
			path: '',
			credentials,
		});
		const form = 'id=77&message=Yes&senderid=0033601020304&tag=rdv';
		expect(await push('/smskit/ovh/r1', 'post', { body: form })).toEqual({ status: 200, body: 'OK' });
		expect(await push('/smskit/ovh/r1', 'post', { body: form })).toEqual({ status: 200, body: 'OK' });
		expect(node.sent).toEqual([
			{
				topic: 'ovh/incoming',
				payload: expect.objectContaining({
					provider: 'ovh',
					event: 'incoming',
					id: '77',
					from: '+33601020304',
					account: 'sms-a',
				}),
			},
		]);
		expect(Object.keys((node.sent[0] as { payload: object }).payload).sort()).toEqual(INCOMING_KEYS);
		// A delivery report: GET with the query; junk is refused with the provider's answer.
		await push('/smskit/ovh/r1', 'get', { query: { id: '12', ptt: '4', dlr: '1' } });
		expect(node.sent[1]).toMatchObject({ topic: 'ovh/delivery', payload: { status: 'delivered', messageId: '12' } });
		expect((await push('/smskit/ovh/r1', 'get', { query: { hello: 'world' } })).status).toBe(400);
		expect(node.sent).toHaveLength(2);
	});

	test('poll and webhook emit the same shape (bug 10)', async () => {
		tencentAccount();
		const hook = red.create({
			id: 'hook',
			type: 'tencent-sms-receive',
			mode: 'webhook',
			event: 'auto',
			account: 'tacct',
			path: '/t',
			credentials,
		});
		const reply = { extend: '', mobile: '601020304', nationcode: '33', sign: 'SMSKit', text: 'YES', time: 1718000000 };
		expect((await push('/t', 'post', { body: reply })).status).toBe(200);

		const poller = red.create({
			id: 'poll',
			type: 'tencent-sms-receive',
			mode: 'poll',
			event: 'reply',
			account: 'tacct',
			interval: '60',
		});
		red.stubAccount('tacct', (r) =>
			r.headers?.['X-TC-Action'] === 'PullSmsReplyStatus'
				? {
						Response: {
							PullSmsReplyStatusSet: [
								{
									ExtendCode: '',
									CountryCode: '33',
									PhoneNumber: '+33601020304',
									SignName: 'SMSKit',
									ReplyContent: 'YES',
									ReplyTime: 1718000000,
								},
							],
							RequestId: 'r',
						},
					}
				: { Response: { PullSmsSendStatusSet: [], RequestId: 'r' } },
		);
		await new Promise((resolve) => setTimeout(resolve, 50));
		for (const handler of poller.handlers.close ?? []) (handler as unknown as () => void)();
		const [pushed] = hook.sent as Array<{ topic: string; payload: Record<string, unknown> }>;
		const [polled] = poller.sent as Array<{ topic: string; payload: Record<string, unknown> }>;
		expect(polled.topic).toBe(pushed.topic);
		expect(polled.topic).toBe('tencent/incoming');
		const withoutRaw = (payload: Record<string, unknown>) =>
			Object.fromEntries(Object.entries(payload).filter(([k]) => k !== 'raw'));
		expect(withoutRaw(polled.payload)).toEqual(withoutRaw(pushed.payload));
		expect(polled.payload).toMatchObject({
			from: '+33601020304',
			text: 'YES',
			receivedAt: '2024-06-10T06:13:20.000Z',
			account: '1400000001',
		});
	});
});
