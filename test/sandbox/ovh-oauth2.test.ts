import https from 'node:https';
import { OVH_DEFAULT_OAUTH2_CLIENT } from '../../sandbox/providers';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { originOf, rawCall, signedCall } from './helpers';
import { control, nodeOvh300, rejection } from './ovh-clients';

/**
 * OAuth2 client credentials (specs/ovh.md §6, §11). `@ovhcloud/node-ovh` 3.0.0 takes its token
 * URL from the `tokenURL` option (the endpoint table only fills it in when `endpoint` is given),
 * so it fetches its token from the sandbox. Its token client (simple-oauth2 over @hapi/wreck)
 * uses an https agent of its own that ignores `https.globalAgent`'s CA, so the token comes from
 * the plain listener while the API calls go over TLS.
 */

let clock = Date.now();
let sandbox: Sandbox;
let origin: string;

beforeAll(async () => {
	sandbox = await startSandbox({ now: () => clock });
	origin = originOf(sandbox.urls.ovh);
	https.globalAgent.options.ca = sandbox.ca;
});

afterAll(async () => {
	delete https.globalAgent.options.ca;
	await sandbox.close();
});

beforeEach(() => {
	clock = Date.now();
	sandbox.reset();
});

const tokenUrl = () => `${origin}/ovh/auth/oauth2/token`;
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

function requestToken(body: string, headers: Record<string, string> = {}) {
	return rawCall(tokenUrl(), { method: 'POST', body, headers: { ...FORM, ...headers } });
}

async function token(): Promise<string> {
	const { clientId, clientSecret } = OVH_DEFAULT_OAUTH2_CLIENT;
	const response = await requestToken('grant_type=client_credentials&scope=all', {
		Authorization: basic(clientId, clientSecret),
	});
	return (response.json as { access_token: string }).access_token;
}

const bearer = (accessToken: string, path: string, init: { method?: string; body?: string } = {}) =>
	rawCall(`${sandbox.urls.ovh}${path}`, { ...init, headers: { Authorization: `Bearer ${accessToken}` } });

it('documents the default client at GET /_sandbox/ovh/oauth2, apart from /_sandbox/credentials', async () => {
	expect((await control(sandbox, 'GET', '/ovh/oauth2')).json).toEqual({
		tokenUrl: tokenUrl(),
		clientId: 'sandbox-ovh-client-id',
		clientSecret: 'sandbox-ovh-client-secret',
	});
	expect((await control(sandbox, 'GET', '/credentials')).json).toHaveProperty('ovh', {
		applicationKey: 'sandbox-ovh-application-key',
		applicationSecret: 'sandbox-ovh-application-secret',
		consumerKey: 'sandbox-ovh-consumer-key',
	});
});

describe('@ovhcloud/node-ovh 3.0.0 in OAuth2 mode', () => {
	function client(clientSecret: string = OVH_DEFAULT_OAUTH2_CLIENT.clientSecret) {
		const { port, pathname } = new URL(sandbox.tlsUrls.ovh);
		return nodeOvh300({
			clientID: OVH_DEFAULT_OAUTH2_CLIENT.clientId,
			clientSecret,
			tokenURL: `${origin}/ovh/auth/`,
			host: '127.0.0.1',
			port: Number(port),
			basePath: pathname,
		});
	}

	it('fetches a token, then lists, sends (no Content-Type) and reads with the bearer token alone', async () => {
		const ovh = client();
		await expect(ovh.requestPromised('GET', '/sms')).resolves.toEqual(['sms-sandbox-1', 'sms-sandbox-2']);
		const report = (await ovh.requestPromised('POST', '/sms/sms-sandbox-1/jobs', {
			message: 'Sent with OAuth2 ✓',
			receivers: ['+33601020304'],
			sender: 'SMSKit',
			noStopClause: true,
		})) as { ids: number[] };
		await expect(ovh.requestPromised('GET', `/sms/sms-sandbox-1/outgoing/${report.ids[0]}`)).resolves.toMatchObject({
			message: 'Sent with OAuth2 ✓',
		});
		await expect(ovh.requestPromised('PUT', '/sms/sms-sandbox-1', { callBack: 'https://example.com/dlr' })).resolves.toBeNull();
		await expect(ovh.requestPromised('GET', '/auth/details')).resolves.toMatchObject({
			method: 'oauth2_client_credentials',
			allowedRoutes: null,
		});
	});

	it('fails with the token endpoint status on a wrong secret', async () => {
		// node-ovh wraps the token client's failure: {error: {statusCode, error, message: <the body>}}.
		await expect(rejection(client('wrong').requestPromised('GET', '/sms'))).resolves.toMatchObject({
			error: { statusCode: 401, message: { error: 'invalid_client' } },
		});
	});
});

describe('token endpoint (raw HTTP)', () => {
	const { clientId, clientSecret } = OVH_DEFAULT_OAUTH2_CLIENT;

	it('answers a token to Basic authentication', async () => {
		const response = await requestToken('grant_type=client_credentials&scope=all', {
			Authorization: basic(clientId, clientSecret),
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.json).toEqual({
			access_token: expect.stringMatching(/^[A-Za-z0-9]{48}$/),
			token_type: 'Bearer',
			expires_in: 3599,
			scope: 'all',
		});
	});

	it('answers a token to client_id and client_secret in the form, scope defaulting to all', async () => {
		const response = await requestToken(
			`grant_type=client_credentials&client_id=${clientId}&client_secret=${encodeURIComponent(clientSecret)}`,
		);
		expect(response.json).toMatchObject({ token_type: 'Bearer', scope: 'all' });
	});

	it('serves the token endpoint on the TLS listener too', async () => {
		const body = await new Promise<string>((resolve, reject) => {
			const req = https.request(
				`${originOf(sandbox.tlsUrls.ovh)}/ovh/auth/oauth2/token`,
				{ method: 'POST', ca: sandbox.ca, headers: { ...FORM, Authorization: basic(clientId, clientSecret) } },
				(res) => {
					let text = '';
					res.on('data', (chunk: Buffer) => (text += chunk.toString()));
					res.on('end', () => resolve(text));
				},
			);
			req.on('error', reject);
			req.end('grant_type=client_credentials&scope=all');
		});
		expect(JSON.parse(body)).toMatchObject({ token_type: 'Bearer' });
	});

	it.each([
		['no client authentication', 'grant_type=client_credentials', {}, 401, 'invalid_client'],
		['an unknown client', 'grant_type=client_credentials', { Authorization: basic('nobody', 'x') }, 401, 'invalid_client'],
		['a wrong secret', 'grant_type=client_credentials', { Authorization: basic(clientId, 'wrong') }, 401, 'invalid_client'],
		['no grant_type', 'scope=all', { Authorization: basic(clientId, clientSecret) }, 400, 'invalid_request'],
		['another grant', 'grant_type=password', { Authorization: basic(clientId, clientSecret) }, 400, 'unsupported_grant_type'],
		[
			'another scope',
			'grant_type=client_credentials&scope=sms',
			{ Authorization: basic(clientId, clientSecret) },
			400,
			'invalid_scope',
		],
	])('refuses %s', async (_case, body, headers, status, error) => {
		const response = await requestToken(body, headers);
		expect(response.status).toBe(status);
		expect(response.json).toEqual({ error, error_description: expect.any(String) });
	});

	it('names the unknown client as OVH does', async () => {
		const response = await requestToken('grant_type=client_credentials', { Authorization: basic('nobody', 'x') });
		expect(response.json).toEqual({ error: 'invalid_client', error_description: 'ovhcloud oauth2 client does not exists' });
	});

	it('accepts clients added through the control API until the next reset', async () => {
		await control(sandbox, 'POST', '/ovh/oauth2/clients', { clientId: 'ci-client', clientSecret: 'ci-secret' });
		const ok = await requestToken('grant_type=client_credentials', { Authorization: basic('ci-client', 'ci-secret') });
		expect(ok.status).toBe(200);
		sandbox.reset();
		const gone = await requestToken('grant_type=client_credentials', { Authorization: basic('ci-client', 'ci-secret') });
		expect(gone.status).toBe(401);
	});
});

describe('bearer tokens on API calls', () => {
	it('grants every route with no X-Ovh-* header, and parses a body sent without Content-Type', async () => {
		const accessToken = await token();
		expect((await bearer(accessToken, '/sms')).json).toEqual(['sms-sandbox-1', 'sms-sandbox-2']);
		const sent = await bearer(accessToken, '/sms/sms-sandbox-2/jobs', {
			method: 'POST',
			body: JSON.stringify({ message: 'Hi', receivers: ['+33601020304'] }),
		});
		expect(sent.status).toBe(200);
		expect(sent.headers.get('x-ovh-queryid')).toMatch(/^EU\.sandbox\./);
	});

	it('answers an unknown token with 401, and a consumer-key route with 403', async () => {
		const unknown = await bearer('not-a-token', '/sms');
		expect(unknown.status).toBe(401);
		expect(unknown.json).toMatchObject({ class: 'Client::Unauthorized', errorCode: 'INVALID_CREDENTIAL' });
		const current = await bearer(await token(), '/auth/currentCredential');
		expect(current.status).toBe(403);
	});

	it('expires tokens after expires_in seconds of the sandbox clock', async () => {
		const accessToken = await token();
		clock += 3598_000;
		expect((await bearer(accessToken, '/sms')).status).toBe(200);
		clock += 2_000;
		expect((await bearer(accessToken, '/sms')).status).toBe(401);
	});

	it('revokes every token through the control API, and on reset', async () => {
		const first = await token();
		expect((await control(sandbox, 'DELETE', '/ovh/oauth2/tokens')).json).toEqual({ revoked: 1 });
		expect((await bearer(first, '/sms')).status).toBe(401);
		const second = await token();
		sandbox.reset();
		expect((await bearer(second, '/sms')).status).toBe(401);
	});

	it('leaves signed requests working beside OAuth2', async () => {
		await token();
		expect(
			(await signedCall(sandbox.urls.ovh, { method: 'GET', path: '/sms', timestamp: Math.floor(clock / 1000) })).status,
		).toBe(200);
	});
});
