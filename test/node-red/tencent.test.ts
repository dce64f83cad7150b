import { Readable } from 'node:stream';
import type { NodeMessageInFlow } from 'node-red';
import { SmsError } from '../../core';
import { manageInput, runManage, type TencentSmsManageDef } from '../../node-red/nodes/tencent-sms-manage/tencent-sms-manage';
import { parseCallback, readJsonBody, RecentKeys, MAX_CALLBACK_BYTES } from '../../node-red/nodes/tencent-sms-receive/callbacks';
import { webhookPath } from '../../node-red/nodes/tencent-sms-receive/tencent-sms-receive';
import { sendInput, type TencentSmsSendDef } from '../../node-red/nodes/tencent-sms-send/tencent-sms-send';
import { templateTexts } from '../../node-red/nodes/tencent-sms-send/template-texts';
import { runStatus, statusInput, type TencentSmsStatusDef } from '../../node-red/nodes/tencent-sms-status/tencent-sms-status';
import { noAccount } from '../../node-red/shared/account';
import type { OperationRunner } from '../../node-red/shared/runner';

const msg = (props: Record<string, unknown>) => ({ _msgid: 'm1', ...props }) as NodeMessageInFlow;
const node = { id: 'n1', type: 't', name: '', z: 'tab', account: 'acct' };

/** A runner that records what each operation was asked and answers from a table. */
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

describe('tencent-sms-send input', () => {
	const def: TencentSmsSendDef = {
		...node,
		type: 'tencent-sms-send',
		smsSdkAppId: '',
		signName: '',
		templateId: '',
		templateParams: '',
		phoneNumbers: '',
		extendCode: '',
		sessionContext: '',
		senderId: '',
	};

	test('every empty field is read from msg, the SDK AppID last from the account', () => {
		expect(
			sendInput(
				def,
				msg({
					to: ['+33601020304'],
					templateId: 100001,
					templateParams: ['1234', 5],
					signName: 'SMSKit',
					extendCode: '12',
					sessionContext: 'order-1',
					senderId: 'Kit',
					templateContent: 'Code {1}',
				}),
				'1400000001',
			),
		).toEqual({
			smsSdkAppId: '1400000001',
			signName: 'SMSKit',
			templateId: 100001,
			templateParams: ['1234', 5],
			phoneNumbers: ['+33601020304'],
			extendCode: '12',
			sessionContext: 'order-1',
			senderId: 'Kit',
			templateContent: 'Code {1}',
		});
	});

	test('msg.phoneNumbers when msg.to is not set; msg.smsSdkAppId before the account', () => {
		expect(sendInput(def, msg({ phoneNumbers: '+33601020304', smsSdkAppId: '1400000002' }), '1400000001')).toMatchObject({
			phoneNumbers: '+33601020304',
			smsSdkAppId: '1400000002',
		});
	});

	test('the node fields win', () => {
		const fixed = { ...def, smsSdkAppId: '1400000009', templateId: '7', templateParams: '1, 2', phoneNumbers: '+33601020304' };
		expect(sendInput(fixed, msg({ templateId: 8, templateParams: ['x'], to: '+33699999999' }), '1400000001')).toMatchObject({
			smsSdkAppId: '1400000009',
			templateId: '7',
			templateParams: '1, 2',
			phoneNumbers: '+33601020304',
		});
	});

	test('nothing set: empty values the core names plainly', () => {
		expect(sendInput(def, msg({ payload: 1718000000000 }))).toMatchObject({ smsSdkAppId: '', templateId: '', phoneNumbers: [] });
	});
});

describe('template text lookup', () => {
	const template = { TemplateId: 100001, TemplateContent: 'Your code is {1}.', StatusCode: 0, status: 'approved' };

	test('asked once per template; the international list first for numbers outside mainland China', async () => {
		const runner = fakeRunner((_, input) => (input.international === 0 ? [template] : []));
		const texts = templateTexts();
		expect(await texts(runner, '100001', false)).toBe('Your code is {1}.');
		expect(await texts(runner, '100001', false)).toBe('Your code is {1}.');
		expect(runner.calls).toEqual([
			{ op: 'template.getMany', input: { international: 1, ids: ['100001'] } },
			{ op: 'template.getMany', input: { international: 0, ids: ['100001'] } },
		]);
	});

	test('a failed lookup gives undefined, never an error, and is tried again after ten minutes', async () => {
		let now = 0;
		const runner = fakeRunner(() => {
			throw new SmsError({ provider: 'tencent', code: 'AuthFailure.UnauthorizedOperation', message: 'no' });
		});
		const texts = templateTexts(() => now);
		expect(await texts(runner, '100001', true)).toBeUndefined();
		expect(await texts(runner, '100001', true)).toBeUndefined();
		expect(runner.calls).toHaveLength(1);
		now = 10 * 60_000 + 1;
		await texts(runner, '100001', true);
		expect(runner.calls).toHaveLength(2);
	});
});

describe('tencent-sms-status input', () => {
	const def: TencentSmsStatusDef = {
		...node,
		type: 'tencent-sms-status',
		operation: 'pullStatus',
		smsSdkAppId: '',
		phoneNumber: '',
		beginTime: '',
		endTime: '',
		limit: '',
		offset: '',
	};

	test('queue pulls need the SDK AppID and a limit only', () => {
		expect(statusInput(def, msg({ phoneNumber: '+33601020304' }), '1400000001')).toEqual({
			smsSdkAppId: '1400000001',
			limit: undefined,
		});
		expect(statusInput({ ...def, limit: '10' }, msg({}), '1')).toEqual({ smsSdkAppId: '1', limit: 10 });
	});

	test('by number: the number, the range and the paging, from the node or msg', () => {
		expect(
			statusInput(
				{ ...def, operation: 'pullRepliesByPhone', beginTime: '1718000000' },
				msg({ to: '+33601020304', endTime: '2024-06-11T00:00:00Z', offset: 5 }),
				'1400000001',
			),
		).toEqual({
			smsSdkAppId: '1400000001',
			limit: undefined,
			phoneNumber: '+33601020304',
			beginTime: 1718000000,
			endTime: '2024-06-11T00:00:00Z',
			offset: 5,
		});
	});

	test('each operation runs its core action; an unknown one is refused', async () => {
		const runner = fakeRunner(() => []);
		for (const op of ['pullStatus', 'pullStatusByPhone', 'pullReplies', 'pullRepliesByPhone']) await runStatus(runner, op, {});
		expect(runner.calls.map((c) => (c as { op: string }).op)).toEqual([
			'status.pull',
			'status.pullByPhoneNumber',
			'reply.pull',
			'reply.pullByPhoneNumber',
		]);
		await expect(runStatus(runner, 'nope', {})).rejects.toMatchObject({ code: 'INVALID_INPUT' });
	});
});

describe('tencent-sms-manage input', () => {
	const def: TencentSmsManageDef = {
		...node,
		type: 'tencent-sms-manage',
		resource: 'template',
		operation: 'add',
		itemId: '',
		itemName: '',
		content: '',
		smsType: '',
		international: false,
		remark: '',
		smsSdkAppId: '',
		beginTime: '',
		endTime: '',
	};

	test('template add: msg.payload gives the parameters, node fields win', () => {
		const payload = { name: 'From msg', content: 'Code {1}', smsType: 3, international: 1, remark: 'r' };
		expect(manageInput(def, msg({ payload }))).toEqual(payload);
		expect(manageInput({ ...def, itemName: 'From node', smsType: '2', international: true }, msg({ payload }))).toEqual({
			...payload,
			name: 'From node',
			smsType: 2,
			international: 1,
		});
	});

	test('international defaults to 0; the id goes to templateId or signId', () => {
		expect(manageInput({ ...def, operation: 'modify', itemId: '100003' }, msg({ payload: {} }))).toMatchObject({
			templateId: '100003',
			international: 0,
		});
		expect(manageInput({ ...def, resource: 'sign', operation: 'delete' }, msg({ payload: { signId: 4 } }))).toEqual({
			signId: 4,
		});
	});

	test('sign add: the sign text from the node, the rest (proof image, …) from msg.payload', () => {
		const payload = { signType: 0, documentType: 1, signPurpose: 0, proofImage: 'aGVsbG8=' };
		expect(manageInput({ ...def, resource: 'sign', itemName: 'SMSKit' }, msg({ payload }))).toEqual({
			...payload,
			signName: 'SMSKit',
			international: 0,
		});
	});

	test('list: ids from "1, 2" or msg.payload.ids', () => {
		expect(manageInput({ ...def, operation: 'list', itemId: '100001, 100002' }, msg({}))).toEqual({
			international: 0,
			ids: ['100001', '100002'],
		});
		expect(manageInput({ ...def, operation: 'list' }, msg({ payload: { ids: [1], limit: 5 } }))).toEqual({
			international: 0,
			ids: [1],
			limit: 5,
		});
	});

	test('statistics: SDK AppID from the node, msg.payload, msg, then the account', () => {
		const stats = { ...def, resource: 'statistics', operation: 'send', beginTime: '2024060100' };
		expect(manageInput(stats, msg({ payload: { endTime: '2024060123' } }), '1400000001')).toEqual({
			smsSdkAppId: '1400000001',
			beginTime: '2024060100',
			endTime: '2024060123',
		});
		expect(manageInput(stats, msg({ smsSdkAppId: '1400000002' }), '1400000001').smsSdkAppId).toBe('1400000002');
	});

	test('lists give an array, the others one object; an unknown operation is refused', async () => {
		const runner = fakeRunner((name) =>
			name === 'template.getMany' ? [{ TemplateId: 1 }, { TemplateId: 2 }] : [{ TemplateId: 9 }],
		);
		expect(await runManage(runner, 'template.list', {})).toHaveLength(2);
		expect(await runManage(runner, 'template.add', {})).toEqual({ TemplateId: 9 });
		await expect(runManage(runner, 'template.toString', {})).rejects.toMatchObject({ code: 'INVALID_INPUT' });
	});
});

describe('tencent-sms-receive callbacks', () => {
	const reply = { extend: '', mobile: '13800000000', nationcode: '86', sign: 'SMSKit', text: 'YES', time: 1718000000 };
	const receipt = {
		user_receive_time: '2024-06-10 14:13:20',
		nationcode: '86',
		mobile: '13800000000',
		report_status: 'SUCCESS',
		errmsg: 'DELIVRD',
		description: 'ok',
		sid: '2019:1',
	};

	test('auto: an object is a reply, an array a batch of receipts', () => {
		expect(parseCallback(reply, 'auto')).toEqual([
			{ topic: 'tencent/reply', payload: expect.objectContaining({ from: '+8613800000000', text: 'YES' }) },
		]);
		const receipts = parseCallback([receipt, { ...receipt, sid: '2019:2', report_status: 'FAIL' }], 'auto');
		expect(receipts.map((r) => [r.topic, (r.payload as { status: string }).status])).toEqual([
			['tencent/status', 'delivered'],
			['tencent/status', 'failed'],
		]);
	});

	test('a fixed event refuses the other shape, and junk is INVALID_CALLBACK', () => {
		expect(() => parseCallback([receipt], 'reply')).toThrow(expect.objectContaining({ code: 'INVALID_CALLBACK' }));
		expect(() => parseCallback(reply, 'status')).toThrow(expect.objectContaining({ code: 'INVALID_CALLBACK' }));
		expect(() => parseCallback({ hello: 1 }, 'auto')).toThrow(expect.objectContaining({ code: 'INVALID_CALLBACK' }));
	});

	test('recent keys: a repeat is not new, and only the last ones are kept', () => {
		const keys = new RecentKeys(2);
		expect([keys.add('a'), keys.add('a'), keys.add('b'), keys.add('c'), keys.add('a')]).toEqual([true, false, true, true, true]);
		expect(keys.size).toBe(2);
	});

	test('the body is read from the request, or taken from a parser in front of the route', async () => {
		const stream = (text: string) => Object.assign(Readable.from([Buffer.from(text)]), { headers: {} }) as never;
		await expect(readJsonBody(stream('{"a":1}'))).resolves.toEqual({ a: 1 });
		await expect(readJsonBody(stream('not json'))).rejects.toMatchObject({ code: 'INVALID_CALLBACK' });
		await expect(readJsonBody(stream(''))).rejects.toMatchObject({ code: 'INVALID_CALLBACK' });
		await expect(readJsonBody(stream('x'.repeat(MAX_CALLBACK_BYTES + 1)))).rejects.toMatchObject({ code: 'INVALID_CALLBACK' });
		await expect(readJsonBody({ _body: true, body: [1] } as never)).resolves.toEqual([1]);
		await expect(readJsonBody({ _body: true, body: '{"b":2}' } as never)).resolves.toEqual({ b: 2 });
	});

	test('the route: the node path, or one made from its id', () => {
		expect(webhookPath({ id: 'abc', path: '' })).toBe('/smskit/tencent/abc');
		expect(webhookPath({ id: 'abc', path: 'hooks/sms' })).toBe('/hooks/sms');
	});
});

test('a node without an account fails plainly, naming the provider', () => {
	expect(noAccount('tencent')).toMatchObject({
		code: 'NO_ACCOUNT',
		message: 'This node has no Tencent Cloud SMS account.',
		hint: 'Open the node, choose or add a Tencent Cloud SMS account, and deploy.',
	});
	expect(noAccount('ovh').hint).toBe('Open the node, choose or add an OVHcloud account, and deploy.');
});
