import { startSandbox, type Sandbox } from '../../sandbox/server';
import { DEFAULT, originOf, rawCall, signedCall, type Keys } from './helpers';

/** Raw HTTP calls, for what the official clients cannot send: stale clocks, raw UTF-8, odd URLs. */

let clock = Date.now();
let sandbox: Sandbox;
let base: string;

const nowSeconds = () => Math.floor(clock / 1000);
const OTHER: Keys = { applicationKey: 'other-ak', applicationSecret: 'other-as', consumerKey: 'other-ck' };

beforeAll(async () => {
	sandbox = await startSandbox({ now: () => clock, providers: { ovh: { credentials: [OTHER] } } });
	base = sandbox.urls.ovh;
});

afterAll(() => sandbox.close());

beforeEach(() => {
	clock = Date.now();
	sandbox.reset();
});

describe('routing and answers', () => {
	it('serves /auth/time from the sandbox clock as a bare integer', async () => {
		clock = 1_457_018_881_400;
		const response = await rawCall(`${base}/auth/time`);
		expect(response.status).toBe(200);
		expect(response.text).toBe('1457018881');
	});

	it('puts an X-Ovh-QueryID on every answer, errors included', async () => {
		const answers = await Promise.all([
			rawCall(`${base}/auth/time`),
			rawCall(`${base}/sms`),
			rawCall(`${base}/no/such/route`),
			signedCall(base, { method: 'GET', path: '/sms', timestamp: nowSeconds() }),
		]);
		for (const answer of answers) expect(answer.headers.get('x-ovh-queryid')).toMatch(/^EU\.sandbox\./);
		expect(new Set(answers.map((a) => a.headers.get('x-ovh-queryid'))).size).toBe(answers.length);
	});

	it('answers void operations with 200 and a JSON null', async () => {
		const response = await signedCall(base, {
			method: 'PUT',
			path: '/sms/sms-sandbox-1',
			body: '{"callBack":"https://example.com/dlr"}',
			timestamp: nowSeconds(),
		});
		expect(response.status).toBe(200);
		expect(response.text).toBe('null');
		expect(response.headers.get('content-type')).toMatch(/^application\/json/);
	});

	it('answers an unknown service with 404 Client::NotFound', async () => {
		const response = await signedCall(base, { method: 'GET', path: '/sms/sms-zz99999-1', timestamp: nowSeconds() });
		expect(response.status).toBe(404);
		expect(response.json).toMatchObject({ class: 'Client::NotFound', message: 'This service does not exist' });
	});

	it('answers an unknown outgoing id with 404', async () => {
		const response = await signedCall(base, { method: 'GET', path: '/sms/sms-sandbox-1/outgoing/42', timestamp: nowSeconds() });
		expect(response.status).toBe(404);
		expect(response.json).toMatchObject({ class: 'Client::NotFound' });
	});

	it('answers an unknown route with 404, before any authentication', async () => {
		const response = await rawCall(`${base}/telephony`);
		expect(response.status).toBe(404);
		expect(response.json).toMatchObject({ class: 'Client::NotFound' });
		expect((await rawCall(`${originOf(base)}/nothing-here`)).status).toBe(404);
	});

	it('serves /v1 as an alias of /1.0', async () => {
		const v1 = base.replace(/\/1\.0$/, '/v1');
		const response = await signedCall(v1, { method: 'GET', path: '/sms', timestamp: nowSeconds() });
		expect(response.status).toBe(200);
		expect(response.json).toEqual(['sms-sandbox-1', 'sms-sandbox-2']);
	});

	it('lists senders and pending jobs', async () => {
		const senders = await signedCall(base, { method: 'GET', path: '/sms/sms-sandbox-1/senders', timestamp: nowSeconds() });
		expect(senders.json).toEqual(['SMSKit', 'PendingCo']);
		const jobs = await signedCall(base, { method: 'GET', path: '/sms/sms-sandbox-1/jobs', timestamp: nowSeconds() });
		expect(jobs.json).toEqual([]);
	});
});

describe('signature checks (specs/ovh.md §3.9)', () => {
	it('accepts the node-ovh form of the URL (https, no port) on the plain listener', async () => {
		const response = await signedCall(base, {
			method: 'GET',
			path: '/sms',
			timestamp: nowSeconds(),
			signedUrl: `https://127.0.0.1${new URL(base).pathname}/sms`,
		});
		expect(response.status).toBe(200);
	});

	it('rejects a signature over another URL', async () => {
		const response = await signedCall(base, {
			method: 'GET',
			path: '/sms',
			timestamp: nowSeconds(),
			signedUrl: 'https://eu.api.ovh.com/1.0/sms',
		});
		expect(response.status).toBe(400);
		expect(response.json).toMatchObject({ errorCode: 'INVALID_SIGNATURE', message: 'Invalid signature' });
	});

	it('signs the query string as received', async () => {
		const path = '/sms/sms-sandbox-1/outgoing?receiver=%2B33601020304&creationDatetime.from=2024-01-01T00%3A00%3A00%2B01%3A00';
		expect((await signedCall(base, { method: 'GET', path, timestamp: nowSeconds() })).status).toBe(200);
		const tampered = await signedCall(base, {
			method: 'GET',
			path,
			timestamp: nowSeconds(),
			signedUrl: `${base}/sms/sms-sandbox-1/outgoing?receiver=%2B33601020304`,
		});
		expect(tampered.json).toMatchObject({ errorCode: 'INVALID_SIGNATURE' });
	});

	it('refuses a stale or future timestamp with 400, and accepts one inside the window', async () => {
		for (const skew of [-181, 181]) {
			const response = await signedCall(base, { method: 'GET', path: '/sms', timestamp: nowSeconds() + skew });
			expect(response.status).toBe(400);
			expect(response.json).toMatchObject({ class: 'Client::BadRequest', errorCode: 'QUERY_TIME_OUT' });
		}
		for (const skew of [-179, 179]) {
			expect((await signedCall(base, { method: 'GET', path: '/sms', timestamp: nowSeconds() + skew })).status).toBe(200);
		}
	});

	it('follows the sandbox clock, not the host clock', async () => {
		clock = Date.UTC(2016, 2, 3, 15, 28, 1);
		expect((await signedCall(base, { method: 'GET', path: '/sms' })).status).toBe(400);
		expect((await signedCall(base, { method: 'GET', path: '/sms', timestamp: nowSeconds() })).status).toBe(200);
	});

	it('verifies a raw UTF-8 body over its bytes, as go-ovh sends it', async () => {
		const body = '{"message":"Héllo € 🎉","receivers":["+33601020304"],"sender":"SMSKit"}';
		const response = await signedCall(base, { method: 'POST', path: '/sms/sms-sandbox-1/jobs', body, timestamp: nowSeconds() });
		expect(response.status).toBe(200);
		const messages = (await rawCall(`${originOf(base)}/_sandbox/messages`)).json as { ovh: { message: string }[] };
		expect(messages.ovh[0].message).toBe('Héllo € 🎉');
	});

	it('rejects a body altered after signing', async () => {
		const response = await signedCall(base, {
			method: 'POST',
			path: '/sms/sms-sandbox-1/jobs',
			body: '{"message":"Hi" ,"receivers":["+33601020304"]}',
			timestamp: nowSeconds(),
			headers: { 'X-Ovh-Signature': '$1$' + '0'.repeat(40) },
		});
		expect(response.json).toMatchObject({ errorCode: 'INVALID_SIGNATURE' });
	});

	it('checks in the order of §3.9: key, consumer, state, time, signature, rules', async () => {
		const stale = nowSeconds() - 1000;
		const badSignature = { 'X-Ovh-Signature': '$1$bad' };
		const codeOf = async (keys: Keys, timestamp: number, headers: Record<string, string> = {}, path = '/sms') =>
			((await signedCall(base, { method: 'GET', path, keys, timestamp, headers })).json as { errorCode?: string }).errorCode;

		expect(await codeOf({ ...DEFAULT, applicationKey: 'nope' }, stale, badSignature)).toBe('INVALID_KEY');
		expect(await codeOf({ ...DEFAULT, consumerKey: 'nope' }, stale, badSignature)).toBe('NOT_CREDENTIAL');
		// A consumer key of another application does not exist for this one.
		expect(await codeOf({ ...DEFAULT, consumerKey: OTHER.consumerKey }, stale, badSignature)).toBe('NOT_CREDENTIAL');

		const pending = (
			await rawCall(`${base}/auth/credential`, {
				method: 'POST',
				headers: { 'X-Ovh-Application': DEFAULT.applicationKey },
				body: JSON.stringify({ accessRules: [{ method: 'GET', path: '/sms' }] }),
			})
		).json as { consumerKey: string; validationUrl: string };
		const pendingKeys = { ...DEFAULT, consumerKey: pending.consumerKey };
		expect(await codeOf(pendingKeys, stale, badSignature)).toBe('INVALID_CREDENTIAL');

		await rawCall(pending.validationUrl);
		expect(await codeOf(pendingKeys, stale, badSignature)).toBe('QUERY_TIME_OUT');
		expect(await codeOf(pendingKeys, nowSeconds(), badSignature, '/sms/sms-sandbox-1')).toBe('INVALID_SIGNATURE');
		expect(await codeOf(pendingKeys, nowSeconds(), {}, '/sms/sms-sandbox-1')).toBe('NOT_GRANTED_CALL');
		expect(await codeOf(pendingKeys, nowSeconds(), {}, '/sms')).toBeUndefined();
	});

	it('needs the headers themselves', async () => {
		const noHeaders = await rawCall(`${base}/sms`);
		expect(noHeaders.status).toBe(403);
		expect(noHeaders.json).toMatchObject({ errorCode: 'INVALID_KEY' });
		const noConsumer = await rawCall(`${base}/sms`, { headers: { 'X-Ovh-Application': DEFAULT.applicationKey } });
		expect(noConsumer.json).toMatchObject({ errorCode: 'NOT_CREDENTIAL' });
	});

	it('accepts credentials given at start-up', async () => {
		const response = await signedCall(base, { method: 'GET', path: '/sms', keys: OTHER, timestamp: nowSeconds() });
		expect(response.status).toBe(200);
	});
});

describe('consumer keys (specs/ovh.md §5)', () => {
	it('needs a known application key to request one', async () => {
		const response = await rawCall(`${base}/auth/credential`, {
			method: 'POST',
			headers: { 'X-Ovh-Application': 'nope' },
			body: JSON.stringify({ accessRules: [{ method: 'GET', path: '/*' }] }),
		});
		expect(response.status).toBe(403);
		expect(response.json).toMatchObject({ errorCode: 'INVALID_KEY' });
	});

	it('needs access rules', async () => {
		const response = await rawCall(`${base}/auth/credential`, {
			method: 'POST',
			headers: { 'X-Ovh-Application': DEFAULT.applicationKey },
			body: JSON.stringify({ accessRules: [{ method: 'PATCH', path: '/*' }] }),
		});
		expect(response.status).toBe(400);
		expect(response.json).toMatchObject({ class: 'Client::BadRequest' });
	});

	it('describes the current credential and expires it on logout', async () => {
		const current = await signedCall(base, { method: 'GET', path: '/auth/currentCredential', timestamp: nowSeconds() });
		expect(current.json).toMatchObject({
			status: 'validated',
			rules: [
				{ method: 'GET', path: '/*' },
				{ method: 'POST', path: '/*' },
				{ method: 'PUT', path: '/*' },
				{ method: 'DELETE', path: '/*' },
			],
			applicationId: expect.any(Number),
			credentialId: expect.any(Number),
			allowedIPs: null,
			expiration: null,
		});
		expect((await signedCall(base, { method: 'POST', path: '/auth/logout', timestamp: nowSeconds() })).text).toBe('null');
		const after = await signedCall(base, { method: 'GET', path: '/sms', timestamp: nowSeconds() });
		expect(after.json).toMatchObject({ errorCode: 'INVALID_CREDENTIAL' });
	});
});
