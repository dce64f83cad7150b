import { NodeApiError, NodeOperationError, type INodeType } from 'n8n-workflow';
import { provider as ovh } from '../../core/providers/ovh';
import { provider as tencent } from '../../core/providers/tencent';
import { ovhOperations } from '../../nodes/OvhSms/actions/router';
import { OvhSms } from '../../nodes/OvhSms/OvhSms.node';
import { OvhSmsPollingTrigger } from '../../nodes/OvhSms/OvhSmsPollingTrigger.node';
import { OvhSmsTrigger } from '../../nodes/OvhSms/OvhSmsTrigger.node';
import { tencentOperations } from '../../nodes/TencentSms/actions/router';
import { TencentSms } from '../../nodes/TencentSms/TencentSms.node';
import { TencentSmsPollingTrigger } from '../../nodes/TencentSms/TencentSmsPollingTrigger.node';
import { TencentSmsTrigger } from '../../nodes/TencentSms/TencentSmsTrigger.node';
import pkg from '../../package.json';
import { fakeContext, type Parameters } from './fake';
import { closedPort, useSandbox } from './helpers';

const SERVICE = { __rl: true, mode: 'name', value: 'sms-sandbox-1' };
const send = (receivers: unknown): Parameters => ({
	resource: 'message',
	operation: 'send',
	service: SERVICE,
	receivers,
	message: 'Hello World!',
	senderType: 'default',
	options: { tag: 'unit' },
});

/** Resource.operation pairs the node offers, read from its description. */
function offered(node: INodeType): string[] {
	const props = node.description.properties;
	return props
		.filter((p) => p.name === 'operation')
		.flatMap((p) => {
			const resource = (p.displayOptions?.show?.resource as string[])[0];
			return (p.options as Array<{ value: string }>).map((o) => `${resource}.${o.value}`);
		})
		.sort();
}

describe('n8n action nodes: one vocabulary with the modules', () => {
	it.each([
		['OVHcloud', new OvhSms(), ovhOperations, ovh.actions],
		['Tencent', new TencentSms(), tencentOperations, tencent.actions],
	] as const)('%s: every resource/operation is an action of the module, and the reverse', (_n, node, operations, actions) => {
		expect(offered(node)).toEqual(Object.keys(actions).sort());
		expect(Object.keys(operations).sort()).toEqual(Object.keys(actions).sort());
	});

	it.each([
		['OVHcloud', new OvhSms()],
		['Tencent Cloud SMS', new TencentSms()],
	] as const)(
		'%s: every operation has a description, and its action (the node name on the canvas) says the provider',
		(name, node) => {
			for (const prop of node.description.properties.filter((p) => p.name === 'operation')) {
				for (const option of prop.options as Array<{ action: string; description?: string }>) {
					expect(option.description).toEqual(expect.any(String));
					expect(option.action).toContain(name);
				}
			}
		},
	);

	const all: INodeType[] = [
		new OvhSms(),
		new OvhSmsTrigger(),
		new OvhSmsPollingTrigger(),
		new TencentSms(),
		new TencentSmsTrigger(),
		new TencentSmsPollingTrigger(),
	];

	it('every node is versioned as a list, so n8n adds versions without breaking saved workflows', () => {
		for (const node of all) expect(node.description).toMatchObject({ version: [1], defaultVersion: 1 });
	});

	it('n8n injects "Custom API Call" (which would send unsigned requests) only when defaultVersion equals version', () => {
		// n8n's LoadNodesAndCredentials.injectCustomApiCallOptions: isLatestVersion = defaultVersion === version.
		for (const node of all) expect(node.description.defaultVersion === node.description.version).toBe(false);
	});

	it('package.json lists every node and its trigger pair', () => {
		expect(pkg.n8n.nodes).toEqual(
			expect.arrayContaining([
				'dist/nodes/OvhSms/OvhSmsTrigger.node.js',
				'dist/nodes/OvhSms/OvhSmsPollingTrigger.node.js',
				'dist/nodes/TencentSms/TencentSmsTrigger.node.js',
				'dist/nodes/TencentSms/TencentSmsPollingTrigger.node.js',
			]),
		);
	});

	it('triggers take every credential type the action node takes; webhook triggers show no poll schedule', () => {
		const names = (n: INodeType) => n.description.credentials?.map((c) => c.name);
		expect(names(new OvhSmsTrigger())).toEqual(names(new OvhSms()));
		expect(names(new OvhSmsPollingTrigger())).toEqual(names(new OvhSms()));
		expect(names(new TencentSmsPollingTrigger())).toEqual(names(new TencentSms()));
		expect(names(new TencentSmsTrigger())).toEqual(names(new TencentSms()));
		expect(new OvhSmsTrigger().description.polling).toBeUndefined();
		expect(new TencentSmsTrigger().description.polling).toBeUndefined();
		expect(new OvhSmsPollingTrigger().description.webhooks).toBeUndefined();
	});
});

describe('n8n OVHcloud SMS node, against the sandbox', () => {
	const env = useSandbox();
	const node = new OvhSms();
	const run = (parameters: Parameters | ((i: number) => Parameters), extra: Partial<Parameters> = {}) => {
		const ctx = fakeContext({ parameters, credentials: { ovhApi: env.ovhApi }, ...extra });
		return { ctx, result: node.execute!.call(ctx.execute) as Promise<Array<Array<{ json: Record<string, unknown> }>>> };
	};

	it('sends to three receivers: one item per recipient, the job credits counted once', async () => {
		const [[...items]] = await run(send('+33601020304, +33601020305, 0033601020306')).result;
		expect(items.map((i) => [i.json.to, i.json.status, (i as { pairedItem?: unknown }).pairedItem])).toEqual([
			['+33601020304', 'queued', { item: 0 }],
			['+33601020305', 'queued', { item: 0 }],
			['+33601020306', 'queued', { item: 0 }],
		]);
		expect(items.map((i) => i.json.totalCreditsRemoved)).toEqual([expect.any(Number), undefined, undefined]);
		const total = items.reduce((sum, i) => sum + Number(i.json.credits), 0);
		expect(total).toBeCloseTo(Number(items[0].json.totalCreditsRemoved));
	});

	const jobs = async () =>
		((await env.control('/_sandbox/messages')) as { ovh: Array<{ receivers: string[] }> }).ovh.map((m) => m.receivers);

	it('joins items sending the same message into one job; each result paired to its item', async () => {
		env.sandbox.reset();
		const numbers = ['+33601020304', '+33601020305, +33601020306', '+33601020307'];
		const [items] = await run((i) => send(numbers[i]), { items: [{}, {}, {}] }).result;
		expect(items.map((i) => [i.json.to, i.json.status, (i as { pairedItem?: unknown }).pairedItem])).toEqual([
			['+33601020304', 'queued', { item: 0 }],
			['+33601020305', 'queued', { item: 1 }],
			['+33601020306', 'queued', { item: 1 }],
			['+33601020307', 'queued', { item: 2 }],
		]);
		expect(await jobs()).toEqual([['+33601020304', '+33601020305', '+33601020306', '+33601020307']]);
	});

	it('with Batch Across Items off, runs once per input item', async () => {
		env.sandbox.reset();
		const numbers = ['+33601020304', '+33601020305'];
		const { result } = run((i) => ({ ...send(numbers[i]), options: { tag: 'unit', batchAcrossItems: false } }), {
			items: [{}, {}],
		});
		const [items] = await result;
		expect(items.map((i) => [i.json.to, (i as { pairedItem?: unknown }).pairedItem])).toEqual([
			['+33601020304', { item: 0 }],
			['+33601020305', { item: 1 }],
		]);
		expect(await jobs()).toEqual([['+33601020304'], ['+33601020305']]);
	});

	it('items sending different messages are not joined', async () => {
		env.sandbox.reset();
		const [items] = await run((i) => ({ ...send('+33601020304'), message: `Hello ${i}` }), { items: [{}, {}] }).result;
		expect(items.map((i) => (i as { pairedItem?: unknown }).pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(await jobs()).toHaveLength(2);
	});

	it('continue on fail: every input item gets an item, errors paired to theirs and naming the field as shown', async () => {
		const receivers = ['+33601020304', '+33601020304, +33 12', '+33601020306'];
		// Item 2 asks that an invalid number fail the item (the default rejects that number alone).
		const [items] = await run(
			(i) => ({ ...send(receivers[i]), options: i === 1 ? { tag: 'unit', onInvalidNumber: 'fail' } : { tag: 'unit' } }),
			{ items: [{}, {}, {}], continueOnFail: true },
		).result;
		expect(items.map((i) => [(i as { pairedItem?: { item: number } }).pairedItem?.item, i.json.status ?? i.json.code])).toEqual([
			[0, 'queued'],
			[1, 'INVALID_PHONE_NUMBER'],
			[2, 'queued'],
		]);
		expect(items[1].json).toMatchObject({ kind: 'input', provider: 'ovh', httpStatus: null });
		expect(String(items[1].json.error)).toContain('Receivers, 2nd value: "+33 12" is not a valid phone number');
		expect(String(items[1].json.hint)).toContain('default country on the credential');
	});

	it('an invalid number in a list is its own rejected item, paired to its input item; the valid ones are sent', async () => {
		const [items] = await run(() => send('+33601020304, +33 12'), { items: [{}] }).result;
		expect(
			items.map((i) => [
				i.json.to,
				i.json.status,
				(i.json.error as { code?: string } | null)?.code ?? null,
				(i as { pairedItem?: unknown }).pairedItem,
			]),
		).toEqual([
			['+33601020304', 'queued', null, { item: 0 }],
			['+33 12', 'rejected', 'INVALID_PHONE_NUMBER', { item: 0 }],
		]);
	});

	it('without continue on fail, the first failing item stops the node with its index', async () => {
		const receivers = ['+33601020304', 'nope'];
		const error = await run((i) => send(receivers[i]), { items: [{}, {}] }).result.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
		expect((error as Error).message).toContain('INVALID_PHONE_NUMBER');
	});

	it('national numbers pass with the credential’s Default Country', async () => {
		const ctx = fakeContext({ parameters: send('0601020304'), credentials: { ovhApi: { ...env.ovhApi, defaultCountry: 'FR' } } });
		const [[item]] = await node.execute!.call(ctx.execute);
		expect(item.json).toMatchObject({ to: '+33601020304', status: 'queued' });
	});

	it('bug 3: a date that is not one is INVALID_INPUT naming "Created After", not a connection failure', async () => {
		const params = {
			resource: 'outgoing',
			operation: 'getMany',
			service: SERVICE,
			returnAll: true,
			filters: { from: 'not a date' },
		};
		const error = (await run(params).result.catch((e: unknown) => e)) as Error;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('INVALID_INPUT');
		expect(error.message).toContain('Created After: "not a date" is not a date');
		expect(error.message).not.toMatch(/connection/i);
	});

	it('bug 12: an unknown operation is UNKNOWN_OPERATION, not a TypeError', async () => {
		const error = (await run({ resource: 'message', operation: 'fly' }).result.catch((e: unknown) => e)) as Error;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('UNKNOWN_OPERATION');
		expect(error.message).toContain('message.fly');
	});

	it("a wrong application secret gives OVHcloud's code and hint as an API error, without the secret", async () => {
		const secret = 'wrong-application-secret-1234';
		const ctx = fakeContext({
			parameters: send('+33601020304'),
			credentials: { ovhApi: { ...env.ovhApi, applicationSecret: secret } },
		});
		const error = (await node.execute!.call(ctx.execute).catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('INVALID_SIGNATURE');
		expect(error.description).toContain('application secret');
		expect(JSON.stringify(error)).not.toContain(secret);
	});

	it('a refused connection says nothing was sent, and it is not an internal error', async () => {
		const ctx = fakeContext({
			parameters: send('+33601020304'),
			credentials: { ovhApi: { ...env.ovhApi, customUrl: `http://127.0.0.1:${await closedPort()}/ovh/1.0` } },
			continueOnFail: true,
		});
		const [[item]] = await node.execute!.call(ctx.execute);
		expect(item.json).toMatchObject({ code: 'ECONNREFUSED', kind: 'not_sent' });
		expect(String(item.json.error)).toContain('nothing was sent');
	});

	it('Get Many with a Limit gives the newest records first', async () => {
		const sendCtx = fakeContext({
			parameters: (i) => send(`+3360102030${i + 4}`),
			credentials: { ovhApi: env.ovhApi },
			items: [{}, {}, {}],
		});
		const sent = (await node.execute!.call(sendCtx.execute))[0].map((i) => i.json.messageId);
		const [items] = await run({
			resource: 'outgoing',
			operation: 'getMany',
			service: SERVICE,
			returnAll: false,
			limit: 2,
			filters: {},
		}).result;
		expect(items.map((i) => i.json.messageId)).toEqual([sent[2], sent[1]]);
	});

	it('the credential test names OVHcloud’s code and what to do', async () => {
		const test = node.methods!.credentialTest!.ovhApiTest;
		const fake = {} as never;
		expect(await test.call(fake, { id: '1', name: 'ok', type: 'ovhApi', data: env.ovhApi })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const wrong = await test.call(fake, {
			id: '2',
			name: 'wrong',
			type: 'ovhApi',
			data: { ...env.ovhApi, applicationSecret: 'wrong-application-secret-1234' },
		});
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toContain('INVALID_SIGNATURE');
		expect(wrong.message).toContain('check the application secret');
		expect(wrong.message).not.toContain('wrong-application-secret-1234');
		expect(wrong.message).not.toContain('{account}');
	});
});

describe('n8n Tencent Cloud SMS node, against the sandbox', () => {
	const env = useSandbox();
	const node = new TencentSms();

	it('sends with the credential’s SmsSdkAppId, then a queue pull returns the receipts', async () => {
		const params = {
			resource: 'message',
			operation: 'send',
			phoneNumbers: '+33601020304, +8613800000000',
			templateId: { __rl: true, mode: 'id', value: env.defaults.tencent.templateId },
			templateParams: '1234, 5',
			signName: { __rl: true, mode: 'name', value: 'SMSKit' },
			smsSdkAppId: '',
			options: {},
		};
		const ctx = fakeContext({ parameters: params, credentials: { tencentCloudSmsApi: env.tencentCloudSmsApi } });
		const [sent] = await node.execute!.call(ctx.execute);
		expect(sent.map((i) => i.json.status)).toEqual(['queued', 'queued']);
		const pull = fakeContext({
			parameters: { resource: 'deliveryStatus', operation: 'pull', smsSdkAppId: '', limit: 100 },
			credentials: { tencentCloudSmsApi: env.tencentCloudSmsApi },
		});
		const [receipts] = await node.execute!.call(pull.execute);
		expect(receipts.map((i) => i.json.messageId).sort()).toEqual(sent.map((i) => i.json.messageId).sort());
	});

	it('Return All pages through a list by offset', async () => {
		const ctx = fakeContext({
			parameters: { resource: 'template', operation: 'getMany', international: false, returnAll: true },
			credentials: { tencentCloudSmsApi: env.tencentCloudSmsApi },
		});
		const [items] = await node.execute!.call(ctx.execute);
		expect(items.length).toBeGreaterThan(0);
		expect(ctx.sent.map((s) => JSON.parse(s.body!))).toEqual(
			expect.arrayContaining([expect.objectContaining({ Offset: 0, Limit: 100 })]),
		);
	});

	it('the credential test names Tencent’s code and what to do', async () => {
		const test = node.methods!.credentialTest!.tencentCloudSmsApiTest;
		const fake = {} as never;
		const data = env.tencentCloudSmsApi;
		expect((await test.call(fake, { id: '1', name: 'ok', type: 'tencentCloudSmsApi', data })).status).toBe('OK');
		const wrong = await test.call(fake, {
			id: '2',
			name: 'wrong',
			type: 'tencentCloudSmsApi',
			data: { ...data, secretKey: 'wrongTencentSecretKey0000000000' },
		});
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toContain('AuthFailure.SignatureFailure');
		expect(wrong.message).toContain('Check the SecretKey in the credential');
		expect(wrong.message).not.toContain('wrongTencentSecretKey0000000000');
	});
});
