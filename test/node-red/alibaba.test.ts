/** The Alibaba Cloud SMS nodes: their field mappings, and the nodes on a fake runtime with a scripted Alibaba. */
import type { NodeMessageInFlow } from 'node-red';
import { providerModule, type ApiRequest } from '../../core';
import { alibabaManage } from '../../node-red/nodes/alibaba-sms-manage/fields';
import {
	alibabaBatchInput,
	alibabaInternationalInput,
	alibabaSend,
	alibabaSendInput,
} from '../../node-red/nodes/alibaba-sms-send/fields';
import { alibabaDetailsInput, alibabaStatisticsInput, alibabaStatus } from '../../node-red/nodes/alibaba-sms-status/fields';
import { NODE_RED_PROVIDERS } from '../../node-red/providers';
import type { Account } from '../../node-red/shared/account';
import { actionOf } from '../../node-red/shared/client';
import { eventOf, isWebhookMode, pushedEvents, webhookPath } from '../../node-red/shared/receive';
import { fakeRed, type FakeRed } from './fake-red';

const alibaba = providerModule('alibaba') as never as Account['module'];
const msg = (props: Record<string, unknown>) => ({ _msgid: 'm1', ...props }) as NodeMessageInFlow;
const NOW = Date.parse('2026-12-01T20:00:00Z'); // 2026-12-02 04:00 in China
const SEND_DEF = {
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

describe('alibaba send input', () => {
	test('the three send actions of the module', () => {
		expect(Object.keys(alibabaSend.actions)).toEqual(['message.send', 'message.sendBatch', 'message.sendInternational']);
		for (const name of Object.keys(alibabaSend.actions)) expect(Object.keys(alibaba.actions)).toContain(name);
		expect(actionOf(alibabaSend, {})).toBe('message.send');
	});

	test('send: every empty field is read from msg; template parameters as an object; numbers as text', () => {
		expect(
			alibabaSendInput(
				SEND_DEF,
				msg({
					to: ['13800000000', '+8613900000000'],
					signName: 'SMSKit',
					templateCode: 'SMS_100001',
					templateParams: { code: 1234 },
					outId: 42,
					smsUpExtendCode: 7,
					templateContent: 'Code ${code}',
				}),
			),
		).toEqual({
			phoneNumbers: ['13800000000', '+8613900000000'],
			signName: 'SMSKit',
			templateCode: 'SMS_100001',
			templateParams: { code: 1234 },
			outId: '42',
			smsUpExtendCode: '7',
			templateContent: 'Code ${code}',
		});
	});

	test('send: the node fields win (parameters as the JSON text typed in the node); msg.phoneNumbers after msg.to', () => {
		const def = {
			...SEND_DEF,
			phoneNumbers: '13800000000, 13800000001',
			signName: 'Node',
			templateCode: 'SMS_1',
			templateParams: '{"code":"1"}',
			outId: 'o-1',
		};
		expect(
			alibabaSendInput(def, msg({ to: '13999999999', signName: 'Msg', templateCode: 'SMS_2', templateParams: { code: '2' } })),
		).toMatchObject({
			phoneNumbers: '13800000000, 13800000001',
			signName: 'Node',
			templateCode: 'SMS_1',
			templateParams: '{"code":"1"}',
			outId: 'o-1',
		});
		expect(alibabaSendInput(SEND_DEF, msg({ phoneNumbers: '13800000000' })).phoneNumbers).toBe('13800000000');
	});

	test('send: nothing set gives empty values the core names plainly; an inject timestamp is not a parameter', () => {
		expect(alibabaSendInput(SEND_DEF, msg({ payload: 1718000000000 }))).toEqual({
			phoneNumbers: [],
			signName: '',
			templateCode: '',
			templateParams: undefined,
			outId: undefined,
			smsUpExtendCode: undefined,
			templateContent: undefined,
		});
	});

	test('batch: msg.payload is the list; the node’s sign and parameters are the defaults; bare numbers are recipients', () => {
		const def = { ...SEND_DEF, signName: 'SMSKit', templateCode: 'SMS_100001', templateParams: '{"code":"0000"}' };
		const payload = [
			{ to: '13800000000', templateParams: { code: '1111' } },
			{ to: '13800000001', signName: 'Other', smsUpExtendCode: 12 },
			'13800000002',
		];
		expect(alibabaBatchInput(def, msg({ payload, outId: 'batch-1' }))).toEqual({
			recipients: [
				{ to: '13800000000', signName: 'SMSKit', templateParams: { code: '1111' }, smsUpExtendCode: undefined },
				{ to: '13800000001', signName: 'Other', templateParams: '{"code":"0000"}', smsUpExtendCode: '12' },
				{ to: '13800000002', signName: 'SMSKit', templateParams: '{"code":"0000"}' },
			],
			templateCode: 'SMS_100001',
			outId: 'batch-1',
			templateContent: undefined,
		});
	});

	test('batch: msg.recipients when msg.payload is not a list; neither is INVALID_INPUT saying what msg.payload is', () => {
		const recipients = [{ to: '13800000000' }];
		expect(alibabaBatchInput(SEND_DEF, msg({ payload: 'go', recipients, signName: 'S' })).recipients).toEqual([
			{ to: '13800000000', signName: 'S', templateParams: undefined, smsUpExtendCode: undefined },
		]);
		expect(() => alibabaBatchInput(SEND_DEF, msg({ payload: { to: '13800000000' } }))).toThrow(
			expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('msg.payload is an object') }),
		);
		expect(() => alibabaBatchInput(SEND_DEF, msg({}))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
	});

	test('international: the text from the node or msg.payload; sender, type, task and validity', () => {
		expect(
			alibabaInternationalInput(
				SEND_DEF,
				msg({ to: '+33601020304', payload: 'Hello', from: 'Kit', messageType: 'OTP', taskId: 9, validityPeriod: '600' }),
			),
		).toEqual({ to: '+33601020304', message: 'Hello', from: 'Kit', type: 'OTP', taskId: '9', validityPeriod: 600 });
		expect(
			alibabaInternationalInput({ ...SEND_DEF, message: 'Fixed', messageType: 'MKT' }, msg({ payload: 'x', messageType: 'OTP' })),
		).toMatchObject({ message: 'Fixed', type: 'MKT' });
		expect(() => alibabaInternationalInput(SEND_DEF, msg({ payload: 1718000000000 }))).toThrow(
			expect.objectContaining({ code: 'INVALID_INPUT' }),
		);
	});

	test('the role picks the mapping by operation', () => {
		const batch = alibabaSend.input('message.sendBatch', SEND_DEF, msg({ payload: ['13800000000'] }), {} as Account);
		expect(batch).toHaveProperty('recipients');
		const intl = alibabaSend.input('message.sendInternational', SEND_DEF, msg({ payload: 'Hi' }), {} as Account);
		expect(intl).toHaveProperty('message', 'Hi');
		expect(alibabaSend.input('message.send', SEND_DEF, msg({}), {} as Account)).toHaveProperty('phoneNumbers');
	});
});

describe('alibaba status input', () => {
	const def = {
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

	test('the module’s action names', () => {
		expect(Object.keys(alibabaStatus.actions)).toEqual(['deliveryStatus.getMany', 'statistics.get']);
		for (const name of Object.keys(alibabaStatus.actions)) expect(Object.keys(alibaba.actions)).toContain(name);
		expect(actionOf(alibabaStatus, {})).toBe('deliveryStatus.getMany');
	});

	test('delivery status: the number (as given: the core reads 11 digits), the day (today by default), the BizId, paging', () => {
		expect(alibabaDetailsInput(def, msg({ to: '13800000000', messageId: 'biz-1' }), () => NOW)).toEqual({
			phoneNumber: '13800000000',
			sendDate: NOW,
			bizId: 'biz-1',
			limit: undefined,
			returnAll: undefined,
		});
		expect(
			alibabaDetailsInput(
				{ ...def, phoneNumber: '+33601020304', sendDate: '20261201', limit: '10', returnAll: true },
				msg({ to: '13800000000', sendDate: '20261130' }),
			),
		).toMatchObject({ phoneNumber: '+33601020304', sendDate: '20261201', limit: 10, returnAll: true });
	});

	test('delivery status: one send result in msg.payload is enough (after a split node)', () => {
		const result = { provider: 'alibaba', status: 'queued', to: '+8613800000000', messageId: 'biz-9' };
		expect(alibabaDetailsInput(def, msg({ payload: result }), () => NOW)).toMatchObject({
			phoneNumber: '+8613800000000',
			bizId: 'biz-9',
		});
		expect(alibabaDetailsInput(def, msg({ payload: result, bizId: 'biz-1' }), () => NOW).bizId).toBe('biz-1');
	});

	test('statistics: both days today when empty; filters from the node or msg', () => {
		expect(alibabaStatisticsInput(def, msg({}), () => NOW)).toEqual({
			international: undefined,
			startDate: NOW,
			endDate: NOW,
			signName: undefined,
			templateType: undefined,
			pageIndex: undefined,
			pageSize: undefined,
		});
		expect(
			alibabaStatisticsInput(
				{ ...def, startDate: '20261101', templateType: '0', international: true, limit: '20' },
				msg({ endDate: '2026-11-30', signName: 'SMSKit', pageIndex: 2 }),
				() => NOW,
			),
		).toEqual({
			international: true,
			startDate: '20261101',
			endDate: '2026-11-30',
			signName: 'SMSKit',
			templateType: 0,
			pageIndex: 2,
			pageSize: 20,
		});
	});
});

describe('alibaba manage input', () => {
	const def = {
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
	const input = (action: string, fields: Record<string, unknown>, payload?: unknown) =>
		alibabaManage.input(action, { ...def, ...fields }, msg({ payload }), {} as Account) as Record<string, unknown>;

	test('template.* and sign.*, every one an action of the module; lists answer a list, the others one object', () => {
		expect(Object.keys(alibabaManage.actions).sort()).toEqual(
			['create', 'update', 'get', 'getMany', 'delete'].flatMap((op) => [`template.${op}`, `sign.${op}`]).sort(),
		);
		for (const name of Object.keys(alibabaManage.actions)) expect(Object.keys(alibaba.actions)).toContain(name);
		expect(alibabaManage.actions['template.getMany']).toEqual({});
		expect(alibabaManage.actions['sign.get']).toEqual({ one: true });
		expect(actionOf(alibabaManage, {})).toBe('template.getMany');
	});

	test('template create: msg.payload gives the parameters (also those without a field), node fields win, numbers as numbers', () => {
		const payload = { templateName: 'From msg', templateContent: 'Code ${code}', templateType: '0', templateRule: '{}' };
		expect(input('template.create', { templateName: 'Node', relatedSignName: 'SMSKit' }, payload)).toEqual({
			templateName: 'Node',
			templateContent: 'Code ${code}',
			templateType: 0,
			relatedSignName: 'SMSKit',
			templateRule: '{}',
		});
		expect(input('template.create', { templateType: '1' }, { templateType: 2 }).templateType).toBe(1);
	});

	test('required text left empty is "" (the core names it); the code from the node or msg.payload', () => {
		expect(input('template.get', {})).toEqual({ templateCode: '' });
		expect(input('template.delete', {}, { templateCode: 'SMS_1' })).toEqual({ templateCode: 'SMS_1' });
		expect(input('template.update', { templateCode: 'SMS_2' }, { templateCode: 'SMS_1' })).toMatchObject({
			templateCode: 'SMS_2',
			templateName: '',
			templateContent: '',
		});
		expect(input('template.getMany', { templateCode: 'ignored' }, { pageIndex: 2 })).toEqual({ pageIndex: 2 });
	});

	test('signs: the name, source and qualification', () => {
		expect(input('sign.create', { signName: 'SMSKit', signSource: '0', qualificationId: '123' }, { remark: 'r' })).toEqual({
			signName: 'SMSKit',
			signSource: 0,
			qualificationId: 123,
			remark: 'r',
		});
		expect(input('sign.get', {}, { signName: 'SMSKit' })).toEqual({ signName: 'SMSKit' });
		expect(input('sign.delete', {})).toEqual({ signName: '' });
	});
});

describe('alibaba receive (no poll step)', () => {
	test('webhook whatever was saved; events incoming, delivery, review or all of them', () => {
		expect(alibaba.poll).toBeUndefined();
		expect(isWebhookMode(alibaba, { mode: 'poll' })).toBe(true);
		expect(isWebhookMode(providerModule('tencent') as never, { mode: 'poll' })).toBe(false);
		expect(pushedEvents(alibaba)).toEqual(['incoming', 'delivery', 'review']);
		expect(['incoming', 'delivery', 'review', 'both', ''].map((event) => eventOf({ event }, alibaba))).toEqual([
			'incoming',
			'delivery',
			'review',
			'both',
			'both',
		]);
		// A module that does not push reviews: a saved "review" falls back to every event.
		expect(eventOf({ event: 'review' }, providerModule('tencent') as never)).toBe('both');
		expect(webhookPath(alibaba, { id: 'n1', path: '' })).toBe('/smskit/alibaba/n1');
	});

	test('the Node-RED registry has the Alibaba entry', () => {
		expect(NODE_RED_PROVIDERS.map((p) => p.module.id)).toContain('alibaba');
	});
});

describe('alibaba nodes on a fake runtime', () => {
	const KEYS = { accessKeyId: 'LTAI-test', accessKeySecret: 'alibaba-secret-1' };
	let red: FakeRed;
	beforeEach(() => {
		red = fakeRed();
	});

	const account = (fields: Record<string, unknown> = {}) =>
		red.create({
			id: 'acct',
			type: 'alibaba-sms-config',
			endpoint: 'custom',
			customUrl: 'http://127.0.0.1:1',
			...fields,
			credentials: KEYS,
		});
	const nodeRoutes = () => red.routes.filter((r) => !r.method.startsWith('admin')).map((r) => `${r.method} ${r.path}`);
	/** Calls a receive node's route like Express would, with its token, the body already parsed by a middleware. */
	async function pushTo(path: string, body: unknown): Promise<{ status?: number; body?: string }> {
		const route = red.routes.find((r) => r.path === path && r.method === 'post');
		if (!route) throw new Error(`no route ${path}`);
		const reply: { status?: number; body?: string } = {};
		await new Promise<void>((resolve) => {
			const res = {
				status: (s: number) => ((reply.status = s), res),
				type: () => res,
				send: (b: string) => ((reply.body = b), resolve()),
			};
			const handler = route.handlers[route.handlers.length - 2] as unknown as (req: unknown, res: unknown) => void;
			handler({ method: 'POST', query: { token: 'tok-1' }, _body: true, body }, res);
		});
		await new Promise((resolve) => setImmediate(resolve));
		return reply;
	}
	const action = (r: ApiRequest) => r.headers?.['x-acs-action'];
	const template = {
		Code: 'OK',
		RequestId: 't',
		TemplateCode: 'SMS_100001',
		TemplateContent: 'Your code is ${code}.',
		TemplateStatus: '1',
	};

	test('the five types register, the account exports the regions, the clients their actions', () => {
		for (const kind of ['config', 'send', 'status', 'manage', 'receive']) expect(red.types.has(`alibaba-sms-${kind}`)).toBe(true);
		const settings = red.types.get('alibaba-sms-config')!.options.settings as Record<string, { value: unknown }>;
		expect(settings.alibabaSmsConfigEndpoints.value).toHaveProperty(['cn-hangzhou']);
		expect(settings.alibabaSmsConfigEndpoints.value).toHaveProperty(['ap-southeast-1']);
		expect(red.types.get('alibaba-sms-config')!.options.credentials).toEqual({
			accessKeyId: { type: 'text' },
			accessKeySecret: { type: 'password' },
			securityToken: { type: 'password' },
		});
		const actions = red.types.get('alibaba-sms-send')!.options.settings as Record<string, { value: { actions: string[] } }>;
		expect(actions.alibabaSmsSendActions.value.actions).toEqual([
			'message.send',
			'message.sendBatch',
			'message.sendInternational',
		]);
	});

	test('a send: the template read once, the results out with msg.topic, sent status', async () => {
		account();
		const node = red.create({
			id: 'send',
			type: 'alibaba-sms-send',
			account: 'acct',
			operation: 'message.send',
			...SEND_DEF,
			signName: 'SMSKit',
			templateCode: 'SMS_100001',
		});
		const requests = red.stubAccount('acct', (r) =>
			action(r) === 'GetSmsTemplate' ? template : { Code: 'OK', Message: 'OK', RequestId: 'r1', BizId: 'biz-1' },
		);
		const { sent, error } = await red.input(node, { to: '13800000000, 13800000001', templateParams: { code: '1234' } });
		expect(error).toBeUndefined();
		expect(requests.map(action)).toEqual(['GetSmsTemplate', 'SendSms']);
		expect(requests[1].query).toMatchObject({
			PhoneNumbers: '13800000000,13800000001',
			SignName: 'SMSKit',
			TemplateCode: 'SMS_100001',
			TemplateParam: '{"code":"1234"}',
		});
		expect(sent[0].topic).toBe('message.send');
		expect(sent[0].payload).toEqual([
			expect.objectContaining({ status: 'queued', to: '+8613800000000', messageId: 'biz-1', segments: 1 }),
			expect.objectContaining({ status: 'queued', to: '+8613800000001', messageId: 'biz-1' }),
		]);
		expect(node.statuses.pop()).toEqual({ fill: 'green', shape: 'dot', text: 'smskit.outcome.queued {"count":2}' });
	});

	test('a missing template parameter fails before the send, an Alibaba code reaches done(err) with its hint', async () => {
		account();
		const node = red.create({
			id: 'send',
			type: 'alibaba-sms-send',
			account: 'acct',
			...SEND_DEF,
			signName: 'SMSKit',
			templateCode: 'SMS_100001',
		});
		let answer: unknown = template;
		const requests = red.stubAccount('acct', () => answer);
		const missing = await red.input(node, { to: '13800000000' });
		expect(missing.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('${code}') });
		expect(requests.map(action)).toEqual(['GetSmsTemplate']);

		answer = { Code: 'isv.AMOUNT_NOT_ENOUGH', Message: 'account balance is not enough', RequestId: 'r2' };
		const poor = await red.input(node, { to: '13800000000', templateParams: { code: '1' } });
		expect(poor.sent).toEqual([]);
		expect(poor.error).toMatchObject({ code: 'isv.AMOUNT_NOT_ENOUGH', provider: 'alibaba' });
		expect(String((poor.error as Error).message)).toMatch(/Top up/);
		expect(String((poor.error as Error).message)).not.toContain(KEYS.accessKeySecret);
		expect(node.statuses.pop()).toEqual({ fill: 'red', shape: 'dot', text: 'isv.AMOUNT_NOT_ENOUGH' });
	});

	test('a batch send: SendBatchSms with the JSON lists in the form body, in the recipients’ order', async () => {
		account();
		const node = red.create({
			id: 'batch',
			type: 'alibaba-sms-send',
			account: 'acct',
			operation: 'message.sendBatch',
			...SEND_DEF,
			signName: 'SMSKit',
			templateCode: 'SMS_100001',
		});
		const requests = red.stubAccount('acct', (r) =>
			action(r) === 'GetSmsTemplate' ? template : { Code: 'OK', Message: 'OK', RequestId: 'r1', BizId: 'biz-2' },
		);
		const payload = [
			{ to: '13800000000', templateParams: { code: '1111' } },
			{ to: '13800000001', signName: 'Other', templateParams: { code: '2222' } },
		];
		const { sent, error } = await red.input(node, { payload });
		expect(error).toBeUndefined();
		expect(requests.map(action)).toEqual(['GetSmsTemplate', 'SendBatchSms']);
		expect(requests[1].body).toEqual({
			PhoneNumberJson: '["13800000000","13800000001"]',
			SignNameJson: '["SMSKit","Other"]',
			TemplateParamJson: '[{"code":"1111"},{"code":"2222"}]',
		});
		expect(sent[0].topic).toBe('message.sendBatch');
		expect((sent[0].payload as Array<{ to: string }>).map((r) => r.to)).toEqual(['+8613800000000', '+8613800000001']);
	});

	test('the receive node: webhook even when saved as poll, one message per pushed item, repeats dropped, the answer Alibaba wants', async () => {
		const node = red.create({
			id: 'rcv',
			type: 'alibaba-sms-receive',
			mode: 'poll',
			event: 'both',
			path: '/ali',
			credentials: { token: 'tok-1' },
		});
		expect(nodeRoutes()).toEqual(['post /ali']);
		const push = (body: unknown) => pushTo('/ali', body);
		const report = {
			phone_number: '13800000000',
			send_time: '2026-12-01 10:00:00',
			report_time: '2026-12-01 10:00:05',
			success: true,
			err_code: 'DELIVERED',
			err_msg: '用户接收成功',
			sms_size: '1',
			biz_id: 'biz-1',
			out_id: 'o-1',
		};
		const up = {
			phone_number: '13800000000',
			content: 'TD',
			send_time: '2026-12-01 10:01:00',
			dest_code: '1234',
			sequence_id: 77,
		};
		const review = { template_code: 'SMS_9', template_name: 'n', template_status: 'approved', reason: '', orderId: 5 };
		expect(await push([report, up])).toEqual({ status: 200, body: '{"code":0,"msg":"接收成功"}' });
		expect(await push([report])).toMatchObject({ status: 200 });
		expect(await push(review)).toMatchObject({ status: 200 });
		expect((node.sent as Array<{ topic: string }>).map((m) => m.topic)).toEqual([
			'alibaba/delivery',
			'alibaba/incoming',
			'alibaba/review',
		]);
		expect(node.sent[0]).toMatchObject({
			payload: { status: 'delivered', to: '+8613800000000', messageId: 'biz-1', account: '' },
		});
		expect((await push({ hello: 'world' })).status).toBe(400);
		expect(node.sent).toHaveLength(3);
		expect(node.errors).toEqual([]);
	});

	test('a receive node for one event refuses the other kinds', async () => {
		const node = red.create({
			id: 'rcv',
			type: 'alibaba-sms-receive',
			event: 'review',
			path: '',
			credentials: { token: 'tok-1' },
		});
		expect(nodeRoutes()).toEqual(['post /smskit/alibaba/rcv']);
		expect(node.statuses[0]).toMatchObject({ fill: 'green', shape: 'ring', text: '/smskit/alibaba/rcv' });
		const up = [{ phone_number: '13800000000', content: 'TD', send_time: '2026-12-01 10:01:00', sequence_id: '1' }];
		const refused = await pushTo('/smskit/alibaba/rcv', up);
		expect(refused.status).toBe(400);
		expect(JSON.parse(refused.body!)).toMatchObject({ code: 400, msg: expect.stringContaining('receives review ones') });
		expect(node.sent).toEqual([]);
		const review = { template_code: 'SMS_9', template_status: 'rejected', reason: 'unclear' };
		expect((await pushTo('/smskit/alibaba/rcv', review)).status).toBe(200);
		expect(node.sent).toEqual([
			{ topic: 'alibaba/review', payload: expect.objectContaining({ event: 'review', id: 'SMS_9', status: 'rejected' }) },
		]);
	});
});
