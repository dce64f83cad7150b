import https from 'node:https';
import { createRequire } from 'node:module';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { DEFAULT, rawCall, type Keys } from './helpers';

/**
 * The official node clients drive the sandbox over TLS: if they are satisfied, the verifier
 * reads their signatures (https, no port in the signed URL) as OVH does.
 */

interface ClientOptions {
	appKey: string;
	appSecret: string;
	consumerKey?: string;
	host: string;
	port: number;
	basePath: string;
	debug?: (...args: unknown[]) => void;
}
interface OvhClient {
	requestPromised(method: string, path: string, params?: Record<string, unknown>): Promise<unknown>;
}
type ClientFactory = (options: ClientOptions) => OvhClient;

// Both packages are plain JavaScript without typings, so they are loaded untyped and described above.
const load = createRequire(__filename);
const clients: [string, ClientFactory][] = [
	['ovh 2.0.3', load('ovh') as ClientFactory],
	['@ovhcloud/node-ovh 3.0.0', load('@ovhcloud/node-ovh') as ClientFactory],
];

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
	https.globalAgent.options.ca = sandbox.ca;
});

afterAll(async () => {
	// Delete rather than set undefined: the agent's options override each request's, and core
	// modules are shared by the test files a Jest worker runs.
	delete https.globalAgent.options.ca;
	await sandbox.close();
});

beforeEach(() => sandbox.reset());

/** A rejected client call: the status and message the client reports, and the raw body it logged. */
async function failure(call: Promise<unknown>, bodies: string[]): Promise<{ error: unknown; message: unknown; body: unknown }> {
	const rejection = (await call.then(
		() => {
			throw new Error('expected the call to fail');
		},
		(reason: unknown) => reason,
	)) as { error: unknown; message: unknown };
	return { ...rejection, body: JSON.parse(bodies[bodies.length - 1]) };
}

/** GET over https trusting the sandbox CA (fetch ignores https.globalAgent). */
function httpsGet(url: string): Promise<{ status: number; body: unknown }> {
	return new Promise((resolve, reject) => {
		https
			.get(url, { ca: sandbox.ca }, (res) => {
				let text = '';
				res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
			})
			.on('error', reject);
	});
}

describe.each(clients)('%s over TLS', (_name, createClient) => {
	/** The client's own debug hook hands us each raw response body, to read the errorCode. */
	function client(keys: Partial<Keys> = {}, bodies: string[] = []): OvhClient {
		const { port, pathname } = new URL(sandbox.tlsUrls.ovh);
		return createClient({
			appKey: keys.applicationKey ?? DEFAULT.applicationKey,
			appSecret: keys.applicationSecret ?? DEFAULT.applicationSecret,
			consumerKey: 'consumerKey' in keys ? keys.consumerKey : DEFAULT.consumerKey,
			host: '127.0.0.1',
			port: Number(port),
			basePath: pathname,
			debug: (...args: unknown[]) => {
				if (args[0] === '[OVH] API response to') bodies.push(String(args[args.length - 1]));
			},
		});
	}

	it('lists the services', async () => {
		await expect(client().requestPromised('GET', '/sms')).resolves.toEqual(['sms-sandbox-1', 'sms-sandbox-2']);
	});

	it('gets a service', async () => {
		const account = (await client().requestPromised('GET', '/sms/sms-sandbox-1')) as Record<string, unknown>;
		expect(account).toMatchObject({ name: 'sms-sandbox-1', creditsLeft: 1000, status: 'enable', channel: 'both' });
	});

	it('sends to three receivers, records the message and debits the credits', async () => {
		const ovh = client();
		const report = await ovh.requestPromised('POST', '/sms/{serviceName}/jobs', {
			serviceName: 'sms-sandbox-1',
			message: 'Hello World!',
			receivers: ['+33601020304', '0033601020305', '+447700900123'],
			sender: 'SMSKit',
			noStopClause: true,
			priority: 'high',
			tag: 'welcome',
		});
		expect(report).toEqual({
			totalCreditsRemoved: 3,
			invalidReceivers: [],
			ids: [expect.any(Number), expect.any(Number), expect.any(Number)],
			validReceivers: ['+33601020304', '+33601020305', '+447700900123'],
			tag: 'welcome',
		});

		const { json } = await rawCall(`${new URL(sandbox.urls.ovh).origin}/_sandbox/messages`);
		expect(json).toEqual({
			ovh: [
				{
					service: 'sms-sandbox-1',
					receivers: ['+33601020304', '+33601020305', '+447700900123'],
					invalidReceivers: [],
					message: 'Hello World!',
					sender: 'SMSKit',
					senderForResponse: null,
					noStopClause: true,
					priority: 'high',
					validityPeriod: null,
					tag: 'welcome',
					charset: null,
					class: null,
					coding: null,
					differedPeriod: null,
					ids: (report as { ids: number[] }).ids,
					receivedAt: expect.any(String),
				},
			],
			tencent: [],
			alibaba: [],
			smsmobileapi: [],
		});
		await expect(ovh.requestPromised('GET', '/sms/sms-sandbox-1')).resolves.toMatchObject({ creditsLeft: 997 });

		const ids = (report as { ids: number[] }).ids;
		await expect(
			ovh.requestPromised('GET', '/sms/sms-sandbox-1/outgoing', { receiver: '+33601020305', tag: 'welcome' }),
		).resolves.toEqual([ids[1]]);
		await expect(ovh.requestPromised('GET', `/sms/sms-sandbox-1/outgoing/${ids[1]}`)).resolves.toMatchObject({
			id: ids[1],
			receiver: '+33601020305',
			message: 'Hello World!',
			sender: 'SMSKit',
			ptt: 0,
			deliveryReceipt: 0,
			numberOfSms: 1,
		});
	});

	it('signs non-ASCII messages as \\uXXXX escapes, which the sandbox verifies over the raw bytes', async () => {
		await client().requestPromised('POST', '/sms/sms-sandbox-1/jobs', {
			message: 'Café ☕ déjà vu',
			receivers: ['+33601020304'],
		});
		const { json } = await rawCall(`${new URL(sandbox.urls.ovh).origin}/_sandbox/messages`);
		expect((json as { ovh: { message: string }[] }).ovh[0].message).toBe('Café ☕ déjà vu');
	});

	it('answers a wrong application secret with 400 INVALID_SIGNATURE', async () => {
		const bodies: string[] = [];
		const result = await failure(client({ applicationSecret: 'wrong-secret' }, bodies).requestPromised('GET', '/sms'), bodies);
		expect(result).toMatchObject({
			error: 400,
			message: 'Invalid signature',
			body: { errorCode: 'INVALID_SIGNATURE', class: 'Client::BadRequest' },
		});
	});

	it('answers an unknown application key with 403 INVALID_KEY', async () => {
		const bodies: string[] = [];
		const result = await failure(client({ applicationKey: 'unknown-key' }, bodies).requestPromised('GET', '/sms'), bodies);
		expect(result).toMatchObject({
			error: 403,
			message: 'This application key is invalid',
			body: { errorCode: 'INVALID_KEY', class: 'Client::Forbidden' },
		});
	});

	it('refuses a consumer key until it is validated, then accepts it', async () => {
		const requested = (await client({ consumerKey: undefined }).requestPromised('POST', '/auth/credential', {
			accessRules: [
				{ method: 'GET', path: '/sms' },
				{ method: 'GET', path: '/sms/*' },
			],
			redirection: 'https://example.com/done',
		})) as { validationUrl: string; consumerKey: string; state: string };
		expect(requested).toEqual({
			validationUrl: expect.stringMatching(/\/_sandbox\/ovh\/validate\?credentialToken=[A-Za-z0-9]{64}$/),
			consumerKey: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
			state: 'pendingValidation',
		});

		const bodies: string[] = [];
		const pending = client({ consumerKey: requested.consumerKey }, bodies);
		const result = await failure(pending.requestPromised('GET', '/sms'), bodies);
		expect(result).toMatchObject({
			error: 403,
			message: 'This credential is not valid',
			body: { errorCode: 'INVALID_CREDENTIAL' },
		});

		await expect(httpsGet(requested.validationUrl)).resolves.toEqual({
			status: 200,
			body: { ok: true, state: 'validated', redirection: 'https://example.com/done' },
		});
		await expect(pending.requestPromised('GET', '/sms')).resolves.toEqual(['sms-sandbox-1', 'sms-sandbox-2']);
	});

	it('answers a call outside the consumer key rules with 403 NOT_GRANTED_CALL', async () => {
		const { consumerKey, validationUrl } = (await client({ consumerKey: undefined }).requestPromised('POST', '/auth/credential', {
			accessRules: [{ method: 'GET', path: '/sms' }],
		})) as { validationUrl: string; consumerKey: string };
		await httpsGet(validationUrl);

		const bodies: string[] = [];
		const limited = client({ consumerKey }, bodies);
		await expect(limited.requestPromised('GET', '/sms')).resolves.toHaveLength(2);
		const result = await failure(
			limited.requestPromised('POST', '/sms/sms-sandbox-1/jobs', { message: 'Hi', receivers: ['+33601020304'] }),
			bodies,
		);
		expect(result).toMatchObject({
			error: 403,
			message: 'This call has not been granted',
			body: { errorCode: 'NOT_GRANTED_CALL', class: 'Client::Forbidden' },
		});
		const { json } = await rawCall(`${new URL(sandbox.urls.ovh).origin}/_sandbox/messages`);
		expect(json).toEqual({ ovh: [], tencent: [], alibaba: [], smsmobileapi: [] });
	});

	it('gets a void answer as null', async () => {
		const ovh = client();
		await expect(ovh.requestPromised('PUT', '/sms/sms-sandbox-1', { callBack: 'https://example.com/dlr' })).resolves.toBeNull();
		await expect(ovh.requestPromised('GET', '/sms/sms-sandbox-1')).resolves.toMatchObject({
			callBack: 'https://example.com/dlr',
		});
	});

	it('reports an unknown service as 404', async () => {
		const bodies: string[] = [];
		const result = await failure(client({}, bodies).requestPromised('GET', '/sms/sms-nope-1'), bodies);
		expect(result).toMatchObject({ error: 404, body: { class: 'Client::NotFound', message: 'This service does not exist' } });
	});
});
