import type { NodeMessageInFlow } from 'node-red';
import { Readable } from 'node:stream';
import { providerModule, type WireRequest } from '../../core';
import { nextSteps, requestConsumerKey } from '../../node-red/nodes/ovh-sms-config/consumer-key-route';
import { ovhManage } from '../../node-red/nodes/ovh-sms-manage/fields';
import { ovhStatus, targets } from '../../node-red/nodes/ovh-sms-status/fields';
import type { Account } from '../../node-red/shared/account';
import { actionOf } from '../../node-red/shared/client';
import { eventOf, webhookPath } from '../../node-red/shared/receive';
import { callbackUrl, MAX_CALLBACK_BYTES, readBody } from '../../node-red/shared/webhook';

const ovh = providerModule('ovh') as never as Account['module'];
const msg = (props: Record<string, unknown>) => ({ _msgid: 'm1', ...props }) as NodeMessageInFlow;
const account = { settings: {} } as Account;

describe('ovh status: the module’s action names, and the ones saved by earlier versions', () => {
	const sendResults = [
		{ status: 'queued', to: '+33601020304', messageId: '11', service: 'sms-a' },
		{ status: 'rejected', to: '+33612', messageId: null, service: 'sms-a' },
		{ status: 'queued', to: '+33601020305', messageId: '12', service: 'sms-a' },
	];

	test('every action offered is one of the module’s; old operation names are mapped', () => {
		for (const role of [ovhStatus, ovhManage]) {
			for (const name of Object.keys(role.actions)) expect(Object.keys(ovh.actions)).toContain(name);
			for (const name of Object.values(role.renamed ?? {})) expect(Object.keys(role.actions)).toContain(name);
		}
		expect(actionOf(ovhStatus, { operation: 'getOutgoing' })).toBe('outgoing.get');
		expect(actionOf(ovhStatus, { operation: 'listJobs' })).toBe('job.getMany');
		expect(actionOf(ovhStatus, { operation: 'outgoing.hlr' })).toBe('outgoing.hlr');
		expect(actionOf(ovhStatus, {})).toBe('outgoing.get');
		expect(actionOf(ovhManage, { operation: 'listSenders' })).toBe('sender.getMany');
	});

	test('the id: the node field, else msg.messageId, else an id payload', () => {
		expect(targets({ itemId: '7', service: 's' }, msg({ messageId: 8, payload: 9 }))).toEqual({ service: 's', id: '7' });
		expect(targets({ itemId: '' }, msg({ messageId: 8, payload: 9, service: 'm' }))).toEqual({ service: 'm', id: 8 });
		expect(targets({}, msg({ payload: '9' }))).toEqual({ service: '', id: '9' });
	});

	test('send results as the payload: one run per queued receiver, each with its service unless one is set', () => {
		expect(targets({}, msg({ payload: sendResults }))).toEqual([
			{ service: 'sms-a', id: '11' },
			{ service: 'sms-a', id: '12' },
		]);
		expect((targets({ service: 'sms-b' }, msg({ payload: sendResults })) as Array<{ service: string }>)[0].service).toBe('sms-b');
	});

	test('list filters from the node or msg; since and until are the creation date range; details read at most 100', () => {
		expect(
			ovhStatus.input(
				'outgoing.getMany',
				{ service: 'sms-a', tag: 'node-tag', since: '2026-11-01T00:00:00Z' },
				msg({ tag: 'msg-tag', receiver: '+33601020304', until: 1718000000000, deliveryReceipt: '1', to: ['ignored'] }),
				account,
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
			details: false,
			limit: undefined,
		});
		expect(ovhStatus.input('job.getMany', { service: 's', details: true }, msg({}), account)).toEqual({
			service: 's',
			details: true,
			limit: 100,
		});
		expect(ovhStatus.input('job.getMany', { service: 's' }, msg({ details: true, limit: 5 }), account)).toMatchObject({
			limit: 5,
		});
	});
});

describe('ovh manage (accounts, templates, senders)', () => {
	const def = { service: '', templateName: '', activity: '', message: '', description: '', reason: '', details: false };
	const input = (action: string, fields: Record<string, unknown>, props: Record<string, unknown>) =>
		ovhManage.input(action, { ...def, ...fields }, msg(props), account);

	test('add: msg.payload gives the parameters, node fields win, the service from the node, msg or payload', () => {
		const payload = { name: 'otp', activity: 'authentification', message: 'Code: %s', description: 'd', reason: 'r' };
		expect(input('template.add', {}, { payload, service: 'sms-a' })).toEqual({ service: 'sms-a', ...payload });
		expect(
			input('template.add', { templateName: 'fixed', activity: 'alerting' }, { payload: { ...payload, service: 'p' } }),
		).toEqual({
			...payload,
			service: 'p',
			name: 'fixed',
			activity: 'alerting',
		});
	});

	test('get, delete and relaunch take the name from a string payload; lists the service and details; accounts nothing', () => {
		expect(input('template.get', { service: 's' }, { payload: 'otp' })).toEqual({ service: 's', name: 'otp' });
		expect(input('template.delete', {}, { payload: { name: 'x' }, service: 's' })).toEqual({ service: 's', name: 'x' });
		expect(input('template.relaunch', { description: 'again' }, { payload: { name: 'x', message: 'm' } })).toEqual({
			service: '',
			name: 'x',
			description: 'again',
			message: 'm',
		});
		expect(input('template.getMany', {}, { payload: 1718000000000, service: 's' })).toEqual({ service: 's', details: false });
		expect(input('sender.getMany', { details: true }, { service: 's' })).toEqual({ service: 's', details: true });
		expect(input('account.getMany', {}, { service: 's' })).toEqual({});
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
			nextSteps: nextSteps('https://eu.api.ovh.com/auth/?credentialToken=t'),
			service: 'sms-a',
		});
	});

	test('the next steps are in Node-RED words (bug 9: they said "credential (n8n) or account node (Node-RED)")', () => {
		const steps = nextSteps('https://x/auth');
		expect(steps).toContain('https://x/auth');
		expect(steps).toContain('account node');
		expect(steps).not.toMatch(/n8n|credential \(/);
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

describe('ovh receive', () => {
	test('the route: the node path, or one made from its id', () => {
		expect(webhookPath(ovh, { id: 'abc', path: '' })).toBe('/smskit/ovh/abc');
		expect(webhookPath(ovh, { id: 'abc', path: 'hooks/ovh' })).toBe('/hooks/ovh');
	});

	test('events: incoming, delivery or both; the name saved by earlier versions ("report") still works', () => {
		expect([eventOf({ event: 'incoming' }), eventOf({ event: 'delivery' }), eventOf({ event: 'both' })]).toEqual([
			'incoming',
			'delivery',
			'both',
		]);
		expect([eventOf({ event: 'report' }), eventOf({}), eventOf({ event: 'auto' })]).toEqual(['delivery', 'both', 'both']);
		expect([eventOf({ event: 'reply' }), eventOf({ event: 'status' })]).toEqual(['incoming', 'delivery']);
	});

	test('the URL OVHcloud calls: the public base and the path; anything but http(s) is refused', () => {
		const url = 'https://nodered.example.com/smskit/ovh/n1';
		expect(callbackUrl(ovh, 'https://nodered.example.com/', '/smskit/ovh/n1')).toBe(url);
		expect(callbackUrl(ovh, ' http://10.0.0.1:1880/api ', '/x')).toBe('http://10.0.0.1:1880/api/x');
		expect(() => callbackUrl(ovh, '', '/x')).toThrow(expect.objectContaining({ code: 'INVALID_PUBLIC_URL' }));
		expect(() => callbackUrl(ovh, 'ftp://host', '/x')).toThrow(expect.objectContaining({ code: 'INVALID_PUBLIC_URL' }));
	});

	test('the body is read up to a limit, or taken from a parser in front of the route (the one body reader)', async () => {
		const stream = (text: string) => Object.assign(Readable.from([Buffer.from(text)]), { headers: {} }) as never;
		await expect(readBody(stream('id=1'), MAX_CALLBACK_BYTES)).resolves.toEqual(Buffer.from('id=1'));
		await expect(readBody(stream('x'.repeat(MAX_CALLBACK_BYTES + 1)), MAX_CALLBACK_BYTES)).rejects.toThrow(/larger than/);
		await expect(readBody({ _body: true, body: { id: '1' } } as never, 10)).resolves.toEqual({ id: '1' });
	});
});
