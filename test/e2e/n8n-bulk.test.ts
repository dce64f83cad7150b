/**
 * Bulk sends in the real n8n 2.x, the packed package installed as users install it: items whose sends are equal
 * but for their recipients are joined (Batch Across Items, on by default) into requests of the provider's size —
 * OVHcloud jobs of 500 receivers, Tencent SendSms of 200, Alibaba SendSms of 1000 — and each result goes back to
 * its own item. The sandbox sits behind a counting proxy adding 20 ms to every request.
 */
import { providerModule } from '../../core/providers';
import {
	ALIBABA_DEFAULT_CREDENTIALS,
	OVH_DEFAULT_CREDENTIALS,
	startSandbox,
	TENCENT_DEFAULT_CREDENTIALS,
	type Sandbox,
} from '../../sandbox/server';
import { startCountingProxy, type CountingProxy } from './helpers/counting-proxy';
import { N8n, itemsOf, type ExecutionResult } from './helpers/n8n';

const PROVIDERS = ['ovh', 'tencent', 'alibaba'] as const;
type Provider = (typeof PROVIDERS)[number];

/** Recipients per request (OVHcloud receivers per job, Tencent and Alibaba numbers per SendSms). */
const BATCH: Record<Provider, number> = { ovh: 500, tencent: 200, alibaba: 1000 };
/** The API call that sends, as the proxy names it. */
const SEND_ACTION: Record<Provider, string> = {
	ovh: 'POST /ovh/1.0/sms/sms-sandbox-1/jobs',
	tencent: 'SendSms',
	alibaba: 'SendSms',
};

const N = 10_000;
const ALONE_N = 1_000;
/** Distinct French mobiles, +3361 and 7 digits (the 9 digits after +33 a French mobile has). */
const phone = (i: number) => `+3361${String(i).padStart(7, '0')}`;
const PHONES = Array.from({ length: N }, (_, i) => phone(i));
/** The same numbers in the Code node, without shipping 10,000 literals through the workflow file. */
const codeFor = (n: number) =>
	`return Array.from({ length: ${n} }, (_, i) => ({ json: { phone: '+3361' + String(i).padStart(7, '0') } }));`;
const digits = (n: unknown) => String(n).replace(/\D/g, '');

const rl = (mode: string, value: string) => ({ __rl: true, mode, value });

/** The send operation of each provider to `={{ $json.phone }}`, one message or template for every item. */
function sendParameters(provider: Provider, options: Record<string, unknown> = {}): Record<string, unknown> {
	switch (provider) {
		case 'ovh':
			return {
				resource: 'message',
				operation: 'send',
				service: rl('name', 'sms-sandbox-1'),
				receivers: '={{ $json.phone }}',
				message: 'Your parcel is on its way.',
				senderType: 'default',
				options,
			};
		case 'tencent':
			return {
				resource: 'message',
				operation: 'send',
				phoneNumbers: '={{ $json.phone }}',
				templateId: rl('id', TENCENT_DEFAULT_CREDENTIALS.templateId),
				templateParams: '1234, 5',
				signName: rl('name', TENCENT_DEFAULT_CREDENTIALS.signName),
				smsSdkAppId: '',
				options,
			};
		case 'alibaba':
			return {
				resource: 'message',
				operation: 'send',
				phoneNumbers: '={{ $json.phone }}',
				signName: rl('name', ALIBABA_DEFAULT_CREDENTIALS.signName),
				// The approved notification template, `Your order ${order} has shipped.` (no per-minute limit).
				templateCode: rl('code', 'SMS_900000002'),
				paramsMode: 'pairs',
				templateParams: { parameter: [{ name: 'order', value: 'B-10000' }] },
				options,
			};
	}
}

const NODE_TYPES: Record<Provider, string> = { ovh: 'ovhSms', tencent: 'tencentSms', alibaba: 'alibabaSms' };
const CREDENTIAL_TYPES: Record<Provider, string> = {
	ovh: 'ovhApi',
	tencent: 'tencentCloudSmsApi',
	alibaba: 'alibabaCloudSmsApi',
};
/** n8n credential ids are 16 characters; `use` tells the proxied ones from the direct ones. */
const credentialId = (provider: Provider, use: 'proxy' | 'direct') => `bulk${use}${provider}`.padEnd(16, '0').slice(0, 16);

function sendNode(provider: Provider, name: string, use: 'proxy' | 'direct', parameters: Record<string, unknown>, y: number) {
	const id = credentialId(provider, use);
	return {
		id: name,
		name,
		type: `@smskit/n8n-nodes-sms.${NODE_TYPES[provider]}`,
		typeVersion: 1,
		position: [400, y],
		parameters,
		credentials: { [CREDENTIAL_TYPES[provider]]: { id, name: id } },
	};
}

/** Manual trigger → a Code node making `n` items → each send node, side by side (v1 order: topmost first). */
function fanOut(id: string, n: number, sends: object[]) {
	const nodes = [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'phones',
			name: 'Phones',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, 0],
			parameters: { jsCode: codeFor(n) },
		},
		...sends,
	];
	const connections = {
		Start: { main: [[{ node: 'Phones', type: 'main', index: 0 }]] },
		Phones: { main: [sends.map((s) => ({ node: (s as { name: string }).name, type: 'main', index: 0 }))] },
	};
	return { id, name: id, nodes, connections, settings: { executionOrder: 'v1' } };
}

describe('n8n 2.x × bulk: items joined into requests of the provider size', () => {
	const n8n = new N8n('bulk');
	let sandbox: Sandbox;
	let proxy: CountingProxy;

	const control = async (path: string, method = 'GET', body?: unknown) => {
		const response = await fetch(`${sandbox.origin}${path}`, {
			method,
			headers: { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const json = (await response.json()) as Record<string, unknown>;
		if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
		return json;
	};
	/** Each send request the sandbox accepted, as the list of its recipients (digits). */
	async function sendRequests(): Promise<Record<Provider, string[][]>> {
		const messages = (await control('/_sandbox/messages')) as Record<Provider, Array<Record<string, unknown>>>;
		return {
			ovh: messages.ovh.map((m) => (m.receivers as string[]).map(digits)),
			tencent: messages.tencent.map((m) => (m.phoneNumbers as string[]).map(digits)),
			alibaba: messages.alibaba.map((m) => (m.phoneNumbers as string[]).map(digits)),
		};
	}
	/** A fresh sandbox state, with credits for every OVHcloud message of the run (the seeded account has 1000). */
	async function reset() {
		sandbox.reset();
		proxy.reset();
		await control('/_sandbox/ovh/services/sms-sandbox-1/credits', 'PUT', { creditsLeft: 1_000_000 });
	}

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		const urls = sandbox.urls as Record<Provider, string>;
		proxy = await startCountingProxy(urls, 20);
		const data = (url: (p: Provider) => string): Record<Provider, Record<string, string>> => ({
			ovh: { endpoint: 'custom', customUrl: url('ovh'), ...OVH_DEFAULT_CREDENTIALS },
			tencent: {
				endpoint: 'custom',
				customUrl: url('tencent'),
				region: 'ap-guangzhou',
				secretId: TENCENT_DEFAULT_CREDENTIALS.secretId,
				secretKey: TENCENT_DEFAULT_CREDENTIALS.secretKey,
				smsSdkAppId: TENCENT_DEFAULT_CREDENTIALS.smsSdkAppId,
			},
			alibaba: {
				region: 'custom',
				customUrl: url('alibaba'),
				accessKeyId: ALIBABA_DEFAULT_CREDENTIALS.accessKeyId,
				accessKeySecret: ALIBABA_DEFAULT_CREDENTIALS.accessKeySecret,
			},
		});
		const proxied = data((p) => proxy.url(p));
		const direct = data((p) => urls[p]);

		n8n.install();
		await n8n.importCredentials(
			PROVIDERS.flatMap((p) =>
				(['proxy', 'direct'] as const).map((use) => ({
					id: credentialId(p, use),
					name: credentialId(p, use),
					type: CREDENTIAL_TYPES[p],
					data: (use === 'proxy' ? proxied : direct)[p],
				})),
			),
		);
		await n8n.importWorkflows([
			fanOut(
				'wfBulk10kJoined',
				N,
				PROVIDERS.map((p, row) => sendNode(p, p, 'proxy', sendParameters(p), row * 200)),
			),
			// Each item alone, one after the other, straight to the sandbox: its 1000 requests need not keep to
			// Tencent's 20 a second (the sandbox has no rate limit), nor wait 20 ms each behind the proxy.
			fanOut('wfBulkTc1kAlone', ALONE_N, [
				sendNode(
					'tencent',
					'tencent alone',
					'direct',
					{ ...sendParameters('tencent', { batchAcrossItems: false }), requestOptions: { perSecond: 1000 } },
					0,
				),
			]),
		]);
	});

	afterAll(async () => {
		await proxy?.close();
		await sandbox?.close();
	});

	it('10,000 items, one number each: OVHcloud 20 jobs, Tencent 50 SendSms, Alibaba 10 SendSms; each number once, each item its own result', async () => {
		await reset();
		const result: ExecutionResult = await n8n.execute('wfBulk10kJoined');
		console.log(`n8n execute output: ${(result.output.length / 1e6).toFixed(1)} MB`);
		expect(result.resultData.error).toBeUndefined();
		expect(result.success).toBe(true);
		expect(itemsOf(result, 'Phones')).toHaveLength(N);

		const requests = await sendRequests();
		const observed: Record<string, unknown> = {};
		for (const provider of PROVIDERS) {
			const batch = BATCH[provider];
			const sent = requests[provider];
			// Exactly ceil(N / batch) requests, every one full (N is a multiple of each batch size).
			expect({ provider, requests: sent.length }).toEqual({ provider, requests: Math.ceil(N / batch) });
			expect({ provider, sizes: [...new Set(sent.map((r) => r.length))] }).toEqual({ provider, sizes: [batch] });
			// Every number once.
			const all = sent.flat();
			expect(all).toHaveLength(N);
			expect(new Set(all).size).toBe(N);
			expect([...all].sort()).toEqual(PHONES.map(digits).sort());

			// The proxy saw the same sends, and never more in flight than the provider's default pace allows.
			const stats = proxy.stats(provider);
			const sends = stats.requests.filter((r) => r.action === SEND_ACTION[provider]).length;
			expect({ provider, sends }).toEqual({ provider, sends: sent.length });
			const parallel = providerModule(provider).connection.pace.parallel;
			expect(stats.maxInFlight).toBeGreaterThanOrEqual(1);
			expect(stats.maxInFlight).toBeLessThanOrEqual(parallel);
			observed[provider] = {
				sendRequests: sent.length,
				proxiedRequests: stats.requests.length,
				maxInFlight: stats.maxInFlight,
				parallel,
				executionTimeMs: (result.resultData.runData[provider][0] as { executionTime?: number }).executionTime,
			};

			// 10,000 output items: item i's result is to its own number, paired to item i, queued.
			const items = itemsOf(result, provider);
			expect(items).toHaveLength(N);
			const wrong = items
				.map((item, i) => ({ i, to: item.json.to, paired: item.pairedItem?.item, status: item.json.status }))
				.filter(({ i, to, paired, status }) => to !== PHONES[i] || paired !== i || status !== 'queued');
			expect({ provider, wrong: wrong.slice(0, 3), count: wrong.length }).toEqual({ provider, wrong: [], count: 0 });
		}
		console.log(`n8n bulk, ${N} items: ${JSON.stringify(observed)}`);
	});

	it('Tencent with Batch Across Items off: 1,000 items make 1,000 SendSms, each number once, each item its own result', async () => {
		await reset();
		const result = await n8n.execute('wfBulkTc1kAlone');
		expect(result.resultData.error).toBeUndefined();
		expect(result.success).toBe(true);

		const sent = (await sendRequests()).tencent;
		expect(sent).toHaveLength(ALONE_N);
		expect(sent.every((r) => r.length === 1)).toBe(true);
		expect(sent.flat()).toEqual(PHONES.slice(0, ALONE_N).map(digits));

		const items = itemsOf(result, 'tencent alone');
		expect(items).toHaveLength(ALONE_N);
		const wrong = items
			.map((item, i) => ({ i, to: item.json.to, paired: item.pairedItem?.item, status: item.json.status }))
			.filter(({ i, to, paired, status }) => to !== PHONES[i] || paired !== i || status !== 'queued');
		expect({ wrong: wrong.slice(0, 3), count: wrong.length }).toEqual({ wrong: [], count: 0 });
		const run = result.resultData.runData['tencent alone'][0] as { executionTime?: number };
		console.log(
			`n8n Tencent alone, ${ALONE_N} items: ${JSON.stringify({ sendRequests: sent.length, executionTimeMs: run.executionTime })}`,
		);
	});
});
