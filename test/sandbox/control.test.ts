import { DEFAULT, originOf, rawCall, signedCall, useSandbox } from './helpers';

/** The `/_sandbox` control API. */

const sandbox = useSandbox();
let origin: string;

beforeAll(() => {
	origin = originOf(sandbox.urls.ovh);
});

const post = (path: string, body: unknown) => rawCall(`${origin}${path}`, { method: 'POST', body: JSON.stringify(body) });
const EXTRA = { applicationKey: 'extra-ak', applicationSecret: 'extra-as', consumerKey: 'extra-ck' };

it('gives base URLs per provider on both listeners, Tencent and Alibaba on ports of their own', () => {
	expect(sandbox.urls.ovh).toBe(`http://127.0.0.1:${sandbox.port}/ovh/1.0`);
	expect(sandbox.tlsUrls.ovh).toBe(`https://127.0.0.1:${sandbox.tlsPort}/ovh/1.0`);
	expect(sandbox.urls.tencent).toBe(`http://127.0.0.1:${sandbox.ports.tencent}`);
	expect(sandbox.urls.alibaba).toBe(`http://127.0.0.1:${sandbox.ports.alibaba}`);
	expect(sandbox.ports).toEqual({
		ovh: sandbox.port,
		tencent: sandbox.ports.tencent,
		alibaba: sandbox.ports.alibaba,
		smsmobileapi: sandbox.port,
	});
	expect(sandbox.origin).toBe(`http://127.0.0.1:${sandbox.port}`);
	expect(Object.keys(sandbox.urls)).toEqual(['ovh', 'tencent', 'alibaba', 'smsmobileapi']);
	expect(sandbox.urls.smsmobileapi).toBe(`http://127.0.0.1:${sandbox.port}/smsmobileapi`);
	expect(Object.keys(sandbox.tlsUrls)).toEqual(['ovh', 'smsmobileapi']);
	expect(new Set([sandbox.port, sandbox.tlsPort, sandbox.ports.tencent, sandbox.ports.alibaba]).size).toBe(4);
});

it('keeps the control API off the Tencent port, and the Tencent API off the shared one', async () => {
	const onTencent = await rawCall(`${sandbox.urls.tencent}/_sandbox/credentials`);
	expect(onTencent.status).toBe(200);
	expect(onTencent.json).toMatchObject({ Response: { Error: { Code: 'AuthFailure.InvalidAuthorization' } } });
	expect((await rawCall(`${origin}/`, { method: 'POST', body: '{}' })).status).toBe(404);
});

it('shows the default credentials', async () => {
	const response = await rawCall(`${origin}/_sandbox/credentials`);
	expect(response.json).toEqual({
		ovh: {
			applicationKey: 'sandbox-ovh-application-key',
			applicationSecret: 'sandbox-ovh-application-secret',
			consumerKey: 'sandbox-ovh-consumer-key',
		},
		tencent: {
			secretId: 'AKIDsandboxTencentSecretId00000000',
			secretKey: 'sandboxTencentSecretKey000000000',
			smsSdkAppId: '1400000001',
			signName: 'SMSKit',
			templateId: '100001',
		},
		alibaba: {
			accessKeyId: 'LTAI5tSMSKitSandbox00001',
			accessKeySecret: 'sandboxAlibabaAccessKeySecret0',
			signName: 'SMSKit',
			templateCode: 'SMS_900000001',
		},
		smsmobileapi: {
			apikey: '1480d3559d502947c8baac11e33714bee7b1100d534ee4ae',
			clientId: 'b86274cdeae9472722dc0d6d95964570',
			clientSecret: 'f8e054414f0514a04ff784ab5784d9a4d55eec382b3425167ae7b0b59b188f22',
			webhookSecret: 'whsec_sandbox_smsmobileapi_0001',
		},
	});
});

it('adds credentials, which a reset removes', async () => {
	expect((await signedCall(sandbox.urls.ovh, { method: 'GET', path: '/sms', keys: EXTRA })).status).toBe(403);
	expect((await post('/_sandbox/credentials', { ovh: EXTRA })).json).toEqual({ ok: true });
	expect((await signedCall(sandbox.urls.ovh, { method: 'GET', path: '/sms', keys: EXTRA })).status).toBe(200);

	expect((await post('/_sandbox/reset', {})).json).toEqual({ ok: true });
	expect((await signedCall(sandbox.urls.ovh, { method: 'GET', path: '/sms', keys: EXTRA })).status).toBe(403);
});

it('adds credentials limited by access rules', async () => {
	await post('/_sandbox/credentials', { ovh: [{ ...EXTRA, accessRules: [{ method: 'GET', path: '/sms' }] }] });
	expect((await signedCall(sandbox.urls.ovh, { method: 'GET', path: '/sms', keys: EXTRA })).status).toBe(200);
	const denied = await signedCall(sandbox.urls.ovh, { method: 'GET', path: '/sms/sms-sandbox-1', keys: EXTRA });
	expect(denied.json).toMatchObject({ errorCode: 'NOT_GRANTED_CALL' });
});

it.each([
	['not JSON', '{'],
	['an unknown provider', JSON.stringify({ nope: {} })],
	['a missing secret', JSON.stringify({ ovh: { applicationKey: 'a', consumerKey: 'c' } })],
	['bad access rules', JSON.stringify({ ovh: { ...EXTRA, accessRules: [{ method: 'GET' }] } })],
	['a known application key with another secret', JSON.stringify({ ovh: { ...DEFAULT, applicationSecret: 'other' } })],
])('refuses credentials with %s', async (_case, body) => {
	const response = await rawCall(`${origin}/_sandbox/credentials`, { method: 'POST', body });
	expect(response.status).toBe(400);
	expect(response.json).toEqual({ error: expect.any(String) });
});

it('lists received messages in order, and forgets them and restores credits on reset', async () => {
	const send = (message: string) =>
		signedCall(sandbox.urls.ovh, {
			method: 'POST',
			path: '/sms/sms-sandbox-1/jobs',
			body: JSON.stringify({ message, receivers: ['+33601020304', 'oops'], validityPeriod: 2880, senderForResponse: true }),
		});
	await send('first');
	await send('second');
	const messages = (await rawCall(`${origin}/_sandbox/messages`)).json as { ovh: Record<string, unknown>[] };
	expect(messages.ovh.map((m) => m.message)).toEqual(['first', 'second']);
	expect(messages.ovh[0]).toMatchObject({
		service: 'sms-sandbox-1',
		receivers: ['+33601020304'],
		invalidReceivers: ['oops'],
		sender: null,
		senderForResponse: true,
		validityPeriod: 2880,
	});

	await post('/_sandbox/reset', {});
	expect((await rawCall(`${origin}/_sandbox/messages`)).json).toEqual({ ovh: [], tencent: [], alibaba: [], smsmobileapi: [] });
	const account = await signedCall(sandbox.urls.ovh, { method: 'GET', path: '/sms/sms-sandbox-1' });
	expect(account.json).toMatchObject({ creditsLeft: 1000 });
});

it('gives the TLS base URLs and the CA', async () => {
	const response = await rawCall(`${origin}/_sandbox/tls`);
	expect(response.json).toEqual({ ovh: sandbox.tlsUrls.ovh, smsmobileapi: sandbox.tlsUrls.smsmobileapi, ca: sandbox.ca });
	expect(sandbox.ca).toMatch(/^-----BEGIN CERTIFICATE-----/);
});

it('serves the control API on the TLS listener too', async () => {
	const https = await import('node:https');
	const body = await new Promise<string>((resolve, reject) => {
		https
			.get(`${originOf(sandbox.tlsUrls.ovh)}/_sandbox/credentials`, { ca: sandbox.ca }, (res) => {
				let text = '';
				res.on('data', (chunk: Buffer) => (text += chunk.toString()));
				res.on('end', () => resolve(text));
			})
			.on('error', reject);
	});
	expect(JSON.parse(body)).toHaveProperty('ovh.applicationKey', DEFAULT.applicationKey);
});

it('answers unknown control routes and unknown validation tokens with 404', async () => {
	expect((await rawCall(`${origin}/_sandbox/nothing`)).status).toBe(404);
	expect((await rawCall(`${origin}/_sandbox/ovh/validate?credentialToken=nope`)).status).toBe(404);
});
