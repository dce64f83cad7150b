import { startSandbox, type Sandbox } from '../../sandbox/server';
import { rawCall } from './helpers';
import { api, control, KEYS } from './smsmobileapi-helpers';

/** `POST /oauth2/token`, client credentials (specs §2.2, §0.8), and Bearer tokens on the API. */

let sandbox: Sandbox;
let clock = Date.parse('2026-09-23T12:00:00Z');

beforeAll(async () => {
	sandbox = await startSandbox({ now: () => clock, providers: { smsmobileapi: { tokenLifetimeSeconds: 600 } } });
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.reset();
	clock = Date.parse('2026-09-23T12:00:00Z');
});

const client = { grant_type: 'client_credentials', client_id: KEYS.clientId, client_secret: KEYS.clientSecret };
const token = async (params: Record<string, string> = client, path = '/oauth2/token') =>
	api(sandbox, path, params, { method: 'POST' });
const bearer = (accessToken: string) => ({ Authorization: `Bearer ${accessToken}` });
const send = (accessToken: string) =>
	api(sandbox, '/sendsms', { recipients: '+15551230001', message: 'Hi' }, { method: 'POST', headers: bearer(accessToken) });

it('issues a token for the default client, with or without the trailing slash', async () => {
	for (const path of ['/oauth2/token', '/oauth2/token/']) {
		const answer = await token(client, path);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ access_token: expect.stringMatching(/^[0-9a-f]{64}$/), token_type: 'Bearer', expires_in: 600 });
	}
});

it('accepts HTTP Basic client authentication too', async () => {
	const basic = Buffer.from(`${KEYS.clientId}:${KEYS.clientSecret}`).toString('base64');
	const answer = await api(
		sandbox,
		'/oauth2/token',
		{ grant_type: 'client_credentials' },
		{
			method: 'POST',
			headers: { Authorization: `Basic ${basic}` },
		},
	);
	expect(answer.status).toBe(200);
});

it('sends, reads the log and the inbox with the Bearer token and no apikey', async () => {
	const { access_token: accessToken } = (await token()).json as { access_token: string };
	expect((await send(accessToken)).json).toMatchObject({ result: { error: 0, sent: '1' } });
	const logged = await api(sandbox, '/log/sent/sms/', {}, { headers: bearer(accessToken) });
	expect(logged.json).toMatchObject({ result: { sms: [{ recipients: '+15551230001' }] } });
	expect((await api(sandbox, '/getsms/', {}, { headers: bearer(accessToken) })).status).toBe(200);
});

it.each([
	['an unknown client', { ...client, client_id: '0'.repeat(32) }, 401, 'invalid_client'],
	['a wrong secret', { ...client, client_secret: '0'.repeat(64) }, 401, 'invalid_client'],
	['another grant', { ...client, grant_type: 'password' }, 400, 'unsupported_grant_type'],
	['no grant', { client_id: KEYS.clientId, client_secret: KEYS.clientSecret }, 400, 'missing_parameter'],
	['no client', { grant_type: 'client_credentials' }, 400, 'invalid_request'],
])('refuses %s with {error, message}', async (_, params, status, code) => {
	const answer = await token(params);
	expect(answer.status).toBe(status);
	expect(answer.json).toEqual({ error: code, message: expect.any(String) });
});

it('only takes POST', async () => {
	expect((await rawCall(`${sandbox.urls.smsmobileapi}/oauth2/token?${new URLSearchParams(client)}`)).status).toBe(405);
});

it('answers 401 for an unknown token', async () => {
	const answer = await send('0'.repeat(64));
	expect(answer.status).toBe(401);
	expect(answer.json).toEqual({ error: 'invalid_token', message: 'The access token is unknown' });
	expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
});

it('answers 401 once the token has expired, by the clock or the control API; a new token works', async () => {
	const first = ((await token()).json as { access_token: string }).access_token;
	clock += 600_000;
	const expired = await send(first);
	expect(expired.status).toBe(401);
	expect(expired.json).toEqual({ error: 'invalid_token', message: expect.stringContaining('expired') });

	const second = ((await token()).json as { access_token: string }).access_token;
	expect((await send(second)).status).toBe(200);
	expect((await control(sandbox, 'POST', '/tokens/expire')).json).toEqual({ expired: 2 });
	expect((await send(second)).status).toBe(401);
	const third = ((await token()).json as { access_token: string }).access_token;
	expect((await send(third)).status).toBe(200);
});

it('accepts a client added through the control API until the next reset', async () => {
	const extra = { apikey: 'b'.repeat(48), clientId: 'c'.repeat(32), clientSecret: 'd'.repeat(64) };
	await rawCall(`${sandbox.origin}/_sandbox/credentials`, { method: 'POST', body: JSON.stringify({ smsmobileapi: [extra] }) });
	const params = { grant_type: 'client_credentials', client_id: extra.clientId, client_secret: extra.clientSecret };
	expect((await token(params)).status).toBe(200);
	sandbox.reset();
	expect((await token(params)).status).toBe(401);
});
