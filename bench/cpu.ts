/**
 * CPU per call of our core against the official SDKs, in this process (`process.cpuUsage`), while the stub
 * server the SDKs talk to runs in a child process, so its share is never counted.
 *
 * - oursUs: `runOperation` of SendSms (OVHcloud: POST /jobs) through the provider's session (signing) and a no-op
 *   transport answering a canned success body: validate, build, sign, parse.
 * - oursHttpUs: the same through a plain Node http(s) keep-alive transport to the stub, for a like-for-like figure.
 * - sdkUs: the official SDK making the same call against the stub (keep-alive as the SDK allows).
 * - bulkPerRecipientUs: the editors' `message.send` action with 1000 recipients (numbers checked, split in the
 *   provider's batches, one canned answer per request), divided by 1000.
 */
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import * as https from 'node:https';
import { createRequire } from 'node:module';
import type { ApiResponse, ProviderModule, Transport, WireRequest } from '../core';
import { providerModule, runAction, runOperation } from '../core';
import { forgetCheckedNumbers } from '../core/phone';
import { alibabaSession, sendSms as alibabaSendSms } from '../core/providers/alibaba';
import { ovhSession, sendMessage as ovhSendMessage } from '../core/providers/ovh';
import { sendSms as tencentSendSms, tencentSession } from '../core/providers/tencent';
import { createCertificate } from '../sandbox/tls';

export const CPU_PROVIDERS = ['tencent', 'alibaba', 'ovh'] as const;
export type CpuProvider = (typeof CPU_PROVIDERS)[number];

export interface CpuFigures {
	oursUs: number;
	sdkUs: number;
	oursHttpUs: number;
	bulkPerRecipientUs: number;
	/** ours ÷ SDK, and bulk per recipient ÷ SDK per request. */
	ratio: number;
	bulkRatio: number;
}

const KEYS = {
	tencent: { secretId: 'AKIDbenchSecretId000000000000000000', secretKey: 'benchSecretKey00000000000000000000' },
	alibaba: { accessKeyId: 'LTAIbenchAccessKey0000', accessKeySecret: 'benchAccessKeySecret0000000000' },
	ovh: {
		applicationKey: 'benchAppKey00000',
		applicationSecret: 'benchAppSecret0000000000000000',
		consumerKey: 'benchConsumerKey00000000000000',
	},
};

const tencentStatus = (i: number) => ({
	SerialNo: `2433:${1000 + i}`,
	PhoneNumber: `+861380000${String(i).padStart(4, '0')}`,
	Fee: 1,
	SessionContext: '',
	Code: 'Ok',
	Message: 'send success',
	IsoCode: 'CN',
});
const tencentBody = (n: number) =>
	JSON.stringify({
		Response: {
			SendStatusSet: Array.from({ length: n }, (_, i) => tencentStatus(i)),
			RequestId: 'a0b1c2d3-e4f5-4a6b-8c7d-8e9f0a1b2c3d',
		},
	});
const ALIBABA_BODY = JSON.stringify({
	Message: 'OK',
	RequestId: 'A0B1C2D3-E4F5-4A6B-8C7D-8E9F0A1B2C3D',
	Code: 'OK',
	BizId: '900619746936498440^0',
});
const ovhReceivers = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `+336${String(10000000 + from + i)}`);
const ovhBody = (n: number, from = 0) =>
	JSON.stringify({
		totalCreditsRemoved: n,
		invalidReceivers: [],
		ids: Array.from({ length: n }, (_, i) => 1000 + from + i),
		validReceivers: ovhReceivers(n, from),
		tag: 'bench',
	});

/** The stub the SDKs (and oursHttp) call: canned answers at once, over http and https; run as a child process. */
export async function runStub(): Promise<void> {
	const cert = await createCertificate();
	const single = { tencent: tencentBody(1), alibaba: ALIBABA_BODY, ovh: ovhBody(1) };
	const handler: http.RequestListener = (req, res) => {
		req.resume();
		req.on('end', () => {
			let body: string;
			if (req.headers['x-tc-action']) body = single.tencent;
			else if (req.headers['x-acs-action']) body = single.alibaba;
			else if (req.url?.endsWith('/auth/time')) body = String(Math.floor(Date.now() / 1000));
			else body = single.ovh;
			res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
			res.end(body);
		});
	};
	const plain = http.createServer({ keepAliveTimeout: 60_000 }, handler);
	const tls = https.createServer({ key: cert.key, cert: cert.cert, keepAliveTimeout: 60_000 }, handler);
	await Promise.all([plain, tls].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))));
	const port = (s: http.Server) => (s.address() as { port: number }).port;
	process.stdout.write(`${JSON.stringify({ http: port(plain), https: port(tls), ca: cert.cert })}\n`);
}

interface Stub {
	http: number;
	https: number;
	ca: string;
	close(): void;
}

async function startStub(self: string[]): Promise<Stub> {
	const child = spawn(process.execPath, [...self, '--stub'], { stdio: ['ignore', 'pipe', 'inherit'] });
	const line = await new Promise<string>((resolve, reject) => {
		let out = '';
		child.stdout!.on('data', (d: Buffer) => {
			out += d;
			if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
		});
		child.once('exit', (code) => reject(new Error(`stub exited (${code})`)));
	});
	return { ...(JSON.parse(line) as Omit<Stub, 'close'>), close: () => child.kill() };
}

/** µs of this process's CPU (user + system) per call, over `iterations` sequential calls after a warm-up. */
async function cpuPerCall(call: () => Promise<unknown>, iterations: number): Promise<number> {
	for (let i = 0; i < Math.max(20, iterations / 10); i++) await call();
	const start = process.cpuUsage();
	for (let i = 0; i < iterations; i++) await call();
	const used = process.cpuUsage(start);
	return Math.round(((used.user + used.system) / iterations) * 10) / 10;
}

const canned =
	(body: string | ((wire: WireRequest) => string)): Transport =>
	async (wire) => ({
		status: 200,
		headers: { 'content-type': 'application/json' },
		body: JSON.parse(typeof body === 'string' ? body : body(wire)),
	});

/** A plain keep-alive Node transport, like the Node-RED adapter's (node-red/shared/transport.ts). */
function nodeTransport(ca: string): Transport {
	const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true, ca }) };
	return (wire) =>
		new Promise<ApiResponse>((resolve, reject) => {
			const url = new URL(wire.url);
			const lib = url.protocol === 'https:' ? https : http;
			const req = lib.request(
				url,
				{ method: wire.method, headers: wire.headers, agent: agents[url.protocol as 'http:'] },
				(res) => {
					let text = '';
					res.setEncoding('utf8');
					res.on('data', (d: string) => (text += d));
					res.on('end', () =>
						resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, body: JSON.parse(text) }),
					);
				},
			);
			req.on('error', reject);
			req.end(wire.body);
		});
}

const now = () => Date.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function ours(provider: CpuProvider, transport: Transport, baseUrl: string): () => Promise<unknown> {
	const module = providerModule(provider) as ProviderModule;
	const toError = module.connection.toError;
	if (provider === 'tencent') {
		const send = tencentSession(
			{ ...KEYS.tencent, region: 'ap-guangzhou', endpoint: 'custom', customUrl: baseUrl },
			transport,
			now,
		);
		const input = {
			smsSdkAppId: '1400000001',
			signName: 'SMSKit',
			templateId: '100001',
			templateParams: ['123456', '5'],
			phoneNumbers: ['+8613800000001'],
		};
		return () => runOperation(tencentSendSms, input, { send, sleep, toError });
	}
	if (provider === 'alibaba') {
		const send = alibabaSession({ ...KEYS.alibaba, endpoint: 'custom', customUrl: baseUrl }, transport, now);
		const input = {
			phoneNumbers: ['+8613800000001'],
			signName: 'SMSKit',
			templateCode: 'SMS_900000002',
			templateParams: { order: 'A42' },
		};
		return () => runOperation(alibabaSendSms, input, { send, sleep, toError });
	}
	const send = ovhSession({ ...KEYS.ovh, endpoint: 'custom', customUrl: `${baseUrl}/1.0` }, transport, now);
	const input = { service: 'sms-sandbox-1', message: 'Hello World!', receivers: ['+33601020304'], tag: 'bench' };
	return () => runOperation(ovhSendMessage, input, { send, sleep, toError });
}

/** The official SDK's call, the same message, against the stub. */
function sdk(provider: CpuProvider, stub: Stub): () => Promise<unknown> {
	const load = createRequire(__filename);
	if (provider === 'tencent') {
		const { sms } = load('tencentcloud-sdk-nodejs-sms') as typeof import('tencentcloud-sdk-nodejs-sms');
		const client = new sms.v20210111.Client({
			credential: KEYS.tencent,
			region: 'ap-guangzhou',
			profile: {
				httpProfile: { endpoint: `127.0.0.1:${stub.http}`, protocol: 'http://', agent: new http.Agent({ keepAlive: true }) },
			},
		});
		const request = {
			PhoneNumberSet: ['+8613800000001'],
			SmsSdkAppId: '1400000001',
			SignName: 'SMSKit',
			TemplateId: '100001',
			TemplateParamSet: ['123456', '5'],
		};
		return () => client.SendSms(request);
	}
	if (provider === 'alibaba') {
		const Dysmsapi = (load('@alicloud/dysmsapi20170525') as { default: typeof import('@alicloud/dysmsapi20170525').default })
			.default;
		const $Dysmsapi = load('@alicloud/dysmsapi20170525') as typeof import('@alicloud/dysmsapi20170525');
		const $OpenApi = load('@alicloud/openapi-core/dist/utils') as typeof import('@alicloud/openapi-core/dist/utils');
		const client = new Dysmsapi(new $OpenApi.Config({ ...KEYS.alibaba, endpoint: `127.0.0.1:${stub.http}`, protocol: 'http' }));
		return () =>
			client.sendSms(
				new $Dysmsapi.SendSmsRequest({
					phoneNumbers: '13800000001',
					signName: 'SMSKit',
					templateCode: 'SMS_900000002',
					templateParam: '{"order":"A42"}',
				}),
			);
	}
	const createClient = load('ovh') as (o: object) => { requestPromised(m: string, p: string, b?: object): Promise<unknown> };
	https.globalAgent.options.ca = stub.ca;
	const client = createClient({
		...{ appKey: KEYS.ovh.applicationKey, appSecret: KEYS.ovh.applicationSecret, consumerKey: KEYS.ovh.consumerKey },
		host: '127.0.0.1',
		port: stub.https,
		basePath: '/1.0',
	});
	return () =>
		client.requestPromised('POST', '/sms/sms-sandbox-1/jobs', {
			message: 'Hello World!',
			receivers: ['+33601020304'],
			tag: 'bench',
		});
}

/** The editors' message.send with 1000 recipients, one canned answer per request. */
function bulk(provider: CpuProvider): () => Promise<unknown> {
	const module = providerModule(provider) as ProviderModule;
	const deps = (
		send: Transport,
		session: (c: never, t: Transport, n: () => number) => (r: never) => Promise<ApiResponse>,
		creds: object,
	) => ({
		send: session(creds as never, send, now),
		sleep,
		now,
		cache: new Map<string, unknown>(),
	});
	if (provider === 'tencent') {
		const numbers = Array.from({ length: 1000 }, (_, i) => `+861380000${String(i).padStart(4, '0')}`);
		const body200 = tencentBody(200);
		const d = deps(canned(body200), tencentSession as never, {
			...KEYS.tencent,
			region: 'ap-guangzhou',
			endpoint: 'custom',
			customUrl: 'http://127.0.0.1:1',
		});
		const input = {
			smsSdkAppId: '1400000001',
			signName: 'SMSKit',
			templateId: '100001',
			templateParams: ['123456', '5'],
			phoneNumbers: numbers,
			templateContent: 'Your SMS Kit code is {1}, valid for {2} minutes.',
		};
		return () => runAction(module, 'message.send', { ...input, cache: undefined }, { ...d, cache: new Map() });
	}
	if (provider === 'alibaba') {
		const numbers = Array.from({ length: 1000 }, (_, i) => `+861380000${String(i).padStart(4, '0')}`);
		const d = deps(canned(ALIBABA_BODY), alibabaSession as never, {
			...KEYS.alibaba,
			endpoint: 'custom',
			customUrl: 'http://127.0.0.1:1',
		});
		const input = {
			phoneNumbers: numbers,
			signName: 'SMSKit',
			templateCode: 'SMS_900000002',
			templateParams: { order: 'A42' },
			templateContent: 'Your order ${order} has shipped.',
		};
		return () => runAction(module, 'message.send', input, { ...d, cache: new Map() });
	}
	// Jobs of 500 receivers, sent in order: the first and the second half's answers in turn.
	const halves = [ovhBody(500), ovhBody(500, 500)];
	let job = 0;
	const transport: Transport = async (wire) =>
		wire.url.endsWith('/auth/time')
			? { status: 200, headers: {}, body: Math.floor(Date.now() / 1000) }
			: { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.parse(halves[job++ % 2]) };
	const d = deps(transport, ovhSession as never, { ...KEYS.ovh, endpoint: 'custom', customUrl: 'http://127.0.0.1:1/1.0' });
	const input = { service: 'sms-sandbox-1', message: 'Hello World!', receivers: ovhReceivers(1000), tag: 'bench' };
	return () => runAction(module, 'message.send', input, d);
}

/** A measurement of calls that fail measures nothing: each path must give `n` queued results first. */
async function expectQueued(provider: string, results: unknown, n: number): Promise<void> {
	const list = results as Array<{ status?: string; error?: unknown }>;
	const queued = Array.isArray(list) ? list.filter((r) => r.status === 'queued').length : 0;
	if (queued !== n)
		throw new Error(`${provider}: expected ${n} queued results, got ${queued}: ${JSON.stringify(list).slice(0, 300)}`);
}

export async function measureCpu(self: string[], iterations: number): Promise<Record<CpuProvider, CpuFigures>> {
	const stub = await startStub(self);
	try {
		const out = {} as Record<CpuProvider, CpuFigures>;
		const bodies = { tencent: tencentBody(1), alibaba: ALIBABA_BODY, ovh: ovhBody(1) };
		for (const provider of CPU_PROVIDERS) {
			const body = bodies[provider];
			const noop: Transport =
				provider === 'ovh'
					? async (wire) =>
							wire.url.endsWith('/auth/time')
								? { status: 200, headers: {}, body: Math.floor(Date.now() / 1000) }
								: canned(body)(wire)
					: canned(body);
			// Every call checks its numbers as new ones (core/phone.ts remembers the numbers it read, which a bench
			// repeating the same numbers would otherwise measure instead).
			const fresh =
				<T>(call: () => Promise<T>) =>
				() => {
					forgetCheckedNumbers();
					return call();
				};
			const oursUs = await cpuPerCall(fresh(ours(provider, noop, 'http://127.0.0.1:1')), iterations);
			const base = provider === 'ovh' ? `https://127.0.0.1:${stub.https}` : `http://127.0.0.1:${stub.http}`;
			const oursHttpUs = await cpuPerCall(fresh(ours(provider, nodeTransport(stub.ca), base)), Math.ceil(iterations / 4));
			const sdkUs = await cpuPerCall(sdk(provider, stub), Math.ceil(iterations / 4));
			const bulkCall = fresh(bulk(provider));
			await expectQueued(provider, await bulkCall(), 1000);
			await expectQueued(provider, await ours(provider, noop, 'http://127.0.0.1:1')(), 1);
			const bulkUs = await cpuPerCall(bulkCall, Math.max(5, Math.ceil(iterations / 200)));
			const bulkPerRecipientUs = Math.round((bulkUs / 1000) * 100) / 100;
			out[provider] = {
				oursUs,
				sdkUs,
				oursHttpUs,
				bulkPerRecipientUs,
				ratio: Math.round((oursUs / sdkUs) * 1000) / 1000,
				bulkRatio: Math.round((bulkPerRecipientUs / sdkUs) * 1000) / 1000,
			};
		}
		return out;
	} finally {
		stub.close();
		delete https.globalAgent.options.ca;
	}
}

/** Only our per-request call, `iterations` times (for `node --cpu-prof`: `npm run bench -- --profile tencent`). */
export async function profileOurs(provider: CpuProvider, iterations: number): Promise<number> {
	const body = { tencent: tencentBody(1), alibaba: ALIBABA_BODY, ovh: ovhBody(1) }[provider];
	const noop: Transport =
		provider === 'ovh'
			? async (wire) =>
					wire.url.endsWith('/auth/time') ? { status: 200, headers: {}, body: Math.floor(Date.now() / 1000) } : canned(body)(wire)
			: canned(body);
	return cpuPerCall(ours(provider, noop, 'http://127.0.0.1:1'), iterations);
}
