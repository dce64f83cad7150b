import { startSandbox, type Sandbox } from '../../sandbox/server';
import { N8n, itemsOf, type ExecutionResult } from './helpers/n8n';
import { workflow } from './helpers/workflows';

/** The real n8n loads the packed package and runs OVHcloud workflows against the sandbox over HTTP. */
describe('n8n 2.x × OVHcloud SMS (sandbox)', () => {
	const n8n = new N8n('ovh');
	let sandbox: Sandbox;
	const WRONG_SECRET = 'wrong-application-secret-1234';

	const sms = (parameters: Record<string, unknown>, credential = 'ovhSandbox000001', continueOnFail = false) => ({
		type: '@smskit/n8n-nodes-sms.ovhSms',
		parameters,
		credentials: { ovhApi: { id: credential, name: credential } },
		continueOnFail,
	});
	const send = (receivers: string) => ({
		resource: 'message',
		operation: 'send',
		service: { __rl: true, mode: 'name', value: 'sms-sandbox-1' },
		receivers,
		message: 'Hello World!',
		senderType: 'default',
		options: { tag: 'e2e', priority: 'high' },
	});

	async function received(): Promise<Array<{ receivers: string[]; message: string; tag: string | null; ids: number[] }>> {
		const res = await fetch(`http://127.0.0.1:${sandbox.port}/_sandbox/messages`);
		return ((await res.json()) as { ovh: [] }).ovh;
	}

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		n8n.install();
		const defaults = (
			(await (await fetch(`http://127.0.0.1:${sandbox.port}/_sandbox/credentials`)).json()) as { ovh: Record<string, string> }
		).ovh;
		const data = { endpoint: 'custom', customUrl: sandbox.urls.ovh, ...defaults };
		await n8n.importCredentials([
			{ id: 'ovhSandbox000001', name: 'ovhSandbox000001', type: 'ovhApi', data },
			{ id: 'ovhWrongSecret01', name: 'ovhWrongSecret01', type: 'ovhApi', data: { ...data, applicationSecret: WRONG_SECRET } },
		]);
		await n8n.importWorkflows([
			workflow('wfSendThree00001', sms(send('+33601020304, +33601020305, 0033601020306'))),
			workflow('wfServices000001', sms({ resource: 'account', operation: 'getMany' })),
			workflow('wfWrongSecret001', sms(send('+33601020304'), 'ovhWrongSecret01')),
			workflow('wfWrongSecretCf1', sms(send('={{ $json.to }}'), 'ovhWrongSecret01', true), [
				{ to: '+33601020304' },
				{ to: '+33601020305' },
			]),
			workflow('wfMixedItems0001', sms(send('={{ $json.to }}'), undefined, true), [
				{ to: '+33601020304' },
				{ to: '+33 12' },
				{ to: '+33601020306' },
			]),
		]);
	});

	afterAll(async () => {
		await sandbox?.close();
	});

	beforeEach(() => sandbox.reset());

	it('sends "Hello World!" to three receivers: one job, one output item per receiver', async () => {
		const result = await n8n.execute('wfSendThree00001');
		expect(result.success).toBe(true);
		const jobs = await received();
		expect(jobs).toHaveLength(1);
		expect(jobs[0]).toMatchObject({
			message: 'Hello World!',
			receivers: ['+33601020304', '+33601020305', '+33601020306'],
			tag: 'e2e',
		});

		const items = itemsOf(result, 'SMS');
		expect(items.map((i) => i.json.to)).toEqual(['+33601020304', '+33601020305', '+33601020306']);
		expect(items.map((i) => i.json.messageId)).toEqual(jobs[0].ids.map(String));
		for (const item of items) {
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toMatchObject({
				provider: 'ovh',
				status: 'queued',
				encoding: 'GSM-7',
				segments: 1,
				service: 'sms-sandbox-1',
			});
		}
	});

	it('lists the SMS services of the account', async () => {
		const result = await n8n.execute('wfServices000001');
		expect(itemsOf(result, 'SMS').map((i) => i.json.service)).toEqual(['sms-sandbox-1', 'sms-sandbox-2']);
	});

	it("fails with OVH's code and message on a wrong application secret, and never shows the secret", async () => {
		const result: ExecutionResult = await n8n.execute('wfWrongSecret001');
		expect(result.success).toBe(false);
		const error = result.resultData.error!;
		expect(error.message).toContain('INVALID_SIGNATURE');
		expect(error.message).toContain('Invalid signature');
		expect(error.context).toMatchObject({ itemIndex: 0 });
		expect(result.output).not.toContain(WRONG_SECRET);
		expect(await received()).toHaveLength(0);
	});

	it('with continue-on-fail, every input item gets an output item carrying the error', async () => {
		const result = await n8n.execute('wfWrongSecretCf1');
		const items = itemsOf(result, 'SMS');
		expect(items).toHaveLength(2);
		expect(items.map((i) => [i.json.code, i.pairedItem?.item])).toEqual([
			['INVALID_SIGNATURE', 0],
			['INVALID_SIGNATURE', 1],
		]);
		expect(result.output).not.toContain(WRONG_SECRET);
	});

	it('an invalid phone number fails its own item; the other items still go, joined in one job', async () => {
		const result = await n8n.execute('wfMixedItems0001');
		const items = itemsOf(result, 'SMS');
		expect(items.map((i) => [i.pairedItem?.item, i.json.status ?? i.json.code])).toEqual([
			[0, 'queued'],
			[1, 'INVALID_PHONE_NUMBER'],
			[2, 'queued'],
		]);
		expect(String(items[1].json.error)).toContain('"+33 12" is not a valid phone number');
		expect((await received()).map((job) => job.receivers)).toEqual([['+33601020304', '+33601020306']]);
	});
});
