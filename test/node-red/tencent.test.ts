import type { NodeMessageInFlow } from 'node-red';
import { providerModule } from '../../core';
import { tencentManage } from '../../node-red/nodes/tencent-sms-manage/fields';
import { tencentSendInput } from '../../node-red/nodes/tencent-sms-send/fields';
import { tencentStatus } from '../../node-red/nodes/tencent-sms-status/fields';
import { noAccount, type Account } from '../../node-red/shared/account';
import { actionOf } from '../../node-red/shared/client';
import { webhookPath } from '../../node-red/shared/receive';

const tencent = providerModule('tencent') as never as Account['module'];
const msg = (props: Record<string, unknown>) => ({ _msgid: 'm1', ...props }) as NodeMessageInFlow;
const withAppId = (smsSdkAppId = '') => ({ settings: { smsSdkAppId } }) as unknown as Account;

describe('tencent send input', () => {
	const def = {
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
			tencentSendInput(
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
		expect(tencentSendInput(def, msg({ phoneNumbers: '+33601020304', smsSdkAppId: '1400000002' }), '1400000001')).toMatchObject({
			phoneNumbers: '+33601020304',
			smsSdkAppId: '1400000002',
		});
	});

	test('the node fields win', () => {
		const fixed = { ...def, smsSdkAppId: '1400000009', templateId: '7', templateParams: '1, 2', phoneNumbers: '+33601020304' };
		expect(
			tencentSendInput(fixed, msg({ templateId: 8, templateParams: ['x'], to: '+33699999999' }), '1400000001'),
		).toMatchObject({
			smsSdkAppId: '1400000009',
			templateId: '7',
			templateParams: '1, 2',
			phoneNumbers: '+33601020304',
		});
	});

	test('nothing set: empty values the core names plainly', () => {
		expect(tencentSendInput(def, msg({ payload: 1718000000000 }))).toMatchObject({
			smsSdkAppId: '',
			templateId: '',
			phoneNumbers: [],
		});
	});
});

describe('tencent status input', () => {
	const def = { smsSdkAppId: '', phoneNumber: '', beginTime: '', endTime: '', limit: '', offset: '' };

	test('the module’s action names; the ones saved by earlier versions are mapped', () => {
		for (const name of Object.keys(tencentStatus.actions)) expect(Object.keys(tencent.actions)).toContain(name);
		expect(actionOf(tencentStatus, { operation: 'pullStatus' })).toBe('deliveryStatus.pull');
		expect(actionOf(tencentStatus, { operation: 'pullRepliesByPhone' })).toBe('reply.pullByPhoneNumber');
		expect(actionOf(tencentStatus, {})).toBe('deliveryStatus.pull');
	});

	test('queue pulls need the SDK AppID and a limit only', () => {
		expect(
			tencentStatus.input('deliveryStatus.pull', def, msg({ phoneNumber: '+33601020304' }), withAppId('1400000001')),
		).toEqual({
			smsSdkAppId: '1400000001',
			limit: undefined,
		});
		expect(tencentStatus.input('reply.pull', { ...def, limit: '10' }, msg({}), withAppId('1'))).toEqual({
			smsSdkAppId: '1',
			limit: 10,
		});
	});

	test('by number: the number, the range and the paging, from the node or msg', () => {
		expect(
			tencentStatus.input(
				'reply.pullByPhoneNumber',
				{ ...def, beginTime: '1718000000' },
				msg({ to: '+33601020304', endTime: '2024-06-11T00:00:00Z', offset: 5 }),
				withAppId('1400000001'),
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
});

describe('tencent manage input', () => {
	const def = {
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
	const input = (action: string, fields: Record<string, unknown>, props: Record<string, unknown>, appId?: string) =>
		tencentManage.input(action, { ...def, ...fields }, msg(props), withAppId(appId)) as Record<string, unknown>;

	test('action names; a node saved with a resource and an operation runs the same action', () => {
		for (const name of Object.keys(tencentManage.actions)) expect(Object.keys(tencent.actions)).toContain(name);
		expect(actionOf(tencentManage, { resource: 'template', operation: 'list' })).toBe('template.getMany');
		expect(actionOf(tencentManage, { resource: 'sign', operation: 'add' })).toBe('sign.add');
		expect(actionOf(tencentManage, { resource: 'statistics', operation: 'send' })).toBe('statistics.sendStatus');
		expect(actionOf(tencentManage, { resource: 'statistics', operation: 'statistics.packages' })).toBe('statistics.packages');
		expect(actionOf(tencentManage, {})).toBe('template.getMany');
	});

	test('template add: msg.payload gives the parameters, node fields win', () => {
		const payload = { name: 'From msg', content: 'Code {1}', smsType: 3, international: 1, remark: 'r' };
		expect(input('template.add', {}, { payload })).toEqual(payload);
		expect(input('template.add', { itemName: 'From node', smsType: '2', international: true }, { payload })).toEqual({
			...payload,
			name: 'From node',
			smsType: 2,
			international: 1,
		});
	});

	test('international defaults to 0; the id goes to templateId or signId', () => {
		expect(input('template.modify', { itemId: '100003' }, { payload: {} })).toMatchObject({
			templateId: '100003',
			international: 0,
		});
		expect(input('sign.delete', {}, { payload: { signId: 4 } })).toEqual({ signId: 4 });
	});

	test('sign add: the sign text from the node, the rest (proof image, …) from msg.payload', () => {
		const payload = { signType: 0, documentType: 1, signPurpose: 0, proofImage: 'aGVsbG8=' };
		expect(input('sign.add', { itemName: 'SMSKit' }, { payload })).toEqual({ ...payload, signName: 'SMSKit', international: 0 });
	});

	test('lists: ids from "1, 2" or msg.payload.ids', () => {
		expect(input('template.getMany', { itemId: '100001, 100002' }, {})).toEqual({ international: 0, ids: ['100001', '100002'] });
		expect(input('sign.getMany', {}, { payload: { ids: [1], limit: 5 } })).toEqual({ international: 0, ids: [1], limit: 5 });
	});

	test('statistics: SDK AppID from the node, msg.payload, msg, then the account', () => {
		expect(
			input('statistics.sendStatus', { beginTime: '2024060100' }, { payload: { endTime: '2024060123' } }, '1400000001'),
		).toEqual({
			smsSdkAppId: '1400000001',
			beginTime: '2024060100',
			endTime: '2024060123',
		});
		expect(input('statistics.sendStatus', {}, { smsSdkAppId: '1400000002' }, '1400000001').smsSdkAppId).toBe('1400000002');
	});
});

test('the webhook route: the node path, or one made from its id', () => {
	expect(webhookPath(tencent, { id: 'abc', path: '' })).toBe('/smskit/tencent/abc');
	expect(webhookPath(tencent, { id: 'abc', path: 'hooks/sms' })).toBe('/hooks/sms');
});

test('a node without an account fails plainly, naming the provider', () => {
	expect(noAccount(tencent)).toMatchObject({
		code: 'NO_ACCOUNT',
		message: 'This node has no Tencent Cloud SMS account.',
		hint: 'Open the node, choose or add a Tencent Cloud SMS account, and deploy.',
	});
	expect(noAccount(providerModule('ovh') as never).hint).toBe('Open the node, choose or add an OVHcloud account, and deploy.');
});
