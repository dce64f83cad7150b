import type { ICredentialDataDecryptedObject, IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { SmsMobileApi as SmsMobileApiCredential } from '../../credentials/SmsMobileApi.credentials';
import { SmsMobileApiOAuth2Api } from '../../credentials/SmsMobileApiOAuth2Api.credentials';
import { provider as smsmobileapi } from '../../core/providers/smsmobileapi';
import { webhookSignature } from '../../core/providers/smsmobileapi/sign';
import { SmsMobileApi } from '../../nodes/SmsMobileApi/SmsMobileApi.node';
import { SmsMobileApiPollingTrigger } from '../../nodes/SmsMobileApi/SmsMobileApiPollingTrigger.node';
import { SmsMobileApiTrigger } from '../../nodes/SmsMobileApi/SmsMobileApiTrigger.node';
import { smsMobileApiOperations } from '../../nodes/SmsMobileApi/actions/router';
import { searchDevices } from '../../nodes/SmsMobileApi/methods/listSearch';
import pkg from '../../package.json';
import { fakeContext, type FakeOptions, type Parameters } from './fake';
import { closedPort, useSandbox } from './helpers';
import { webhookContext } from './webhook-context';

interface Defaults {
	apikey: string;
	clientId: string;
	clientSecret: string;
	webhookSecret: string;
}

type Item = { json: Record<string, unknown>; pairedItem?: unknown };

const WRONG_KEY = '0123456789abcdef0123456789abcdef0123456789abcdef';

function useSmsMobileApi() {
	const env = useSandbox();
	const ctx = env as typeof env & {
		keys: Defaults;
		apiKey: ICredentialDataDecryptedObject;
		oAuth2: ICredentialDataDecryptedObject;
	};
	beforeAll(() => {
		ctx.keys = (env.defaults as unknown as { smsmobileapi: Defaults }).smsmobileapi;
		const customUrl = (env.sandbox.urls as Record<string, string>).smsmobileapi;
		ctx.apiKey = { endpoint: 'custom', customUrl, apiKey: ctx.keys.apikey };
		ctx.oAuth2 = {
			grantType: 'clientCredentials',
			endpoint: 'custom',
			customUrl,
			// n8n resolves the hidden Access Token URL's expression from the base URL; the fake takes it resolved.
			accessTokenUrl: `${customUrl}/oauth2/token`,
			clientId: ctx.keys.clientId,
			clientSecret: ctx.keys.clientSecret,
		};
	});
	return ctx;
}

describe('n8n SMSMobileAPI nodes: description', () => {
	const node = new SmsMobileApi();
	const trigger = new SmsMobileApiTrigger();
	const polling = new SmsMobileApiPollingTrigger();

	it('every resource/operation is an action of the module, and the reverse; each names the provider', () => {
		const ops = node.description.properties.filter((p) => p.name === 'operation');
		const offered = ops.flatMap((p) =>
			(p.options as Array<{ value: string }>).map((o) => `${(p.displayOptions?.show?.resource as string[])[0]}.${o.value}`),
		);
		expect(offered.sort()).toEqual(Object.keys(smsmobileapi.actions).sort());
		expect(Object.keys(smsMobileApiOperations).sort()).toEqual(Object.keys(smsmobileapi.actions).sort());
		for (const prop of ops)
			for (const o of prop.options as Array<{ action: string; description: string }>) {
				expect(o.action).toMatch(/ with SMSMobileAPI$/);
				expect(o.description).toEqual(expect.any(String));
			}
		const received = ops.find((p) => (p.displayOptions?.show?.resource as string[])[0] === 'received')!;
		const del = (received.options as Array<{ value: string; description: string }>).find((o) => o.value === 'delete')!;
		expect(del.description).toMatch(/UNVERIFIED/);
	});

	it('names, versions, credentials and the package list', () => {
		expect(node.description).toMatchObject({ name: 'smsMobileApi', version: [1], defaults: { name: 'SMSMobileAPI' } });
		expect(trigger.description).toMatchObject({ name: 'smsMobileApiTrigger', version: [1] });
		expect(polling.description).toMatchObject({ name: 'smsMobileApiPollingTrigger', version: [1], polling: true });
		expect(node.description.credentials!.map((c) => c.name)).toEqual(['smsMobileApi', 'smsMobileApiOAuth2Api']);
		expect(trigger.description.credentials!.map((c) => c.name)).toEqual(['smsMobileApi', 'smsMobileApiOAuth2Api']);
		for (const file of ['SmsMobileApi', 'SmsMobileApiTrigger', 'SmsMobileApiPollingTrigger'])
			expect(pkg.n8n.nodes).toContain(`dist/nodes/SmsMobileApi/${file}.node.js`);
		for (const file of ['SmsMobileApi', 'SmsMobileApiOAuth2Api'])
			expect(pkg.n8n.credentials).toContain(`dist/credentials/${file}.credentials.js`);
	});

	it('the trigger: events from the module, a password Webhook Secret in both credentials, Check Signature on by default saying the risk', () => {
		const props = trigger.description.properties;
		const event = props.find((p) => p.name === 'event') as INodeProperties;
		expect((event.options as Array<{ value: string }>).map((o) => o.value)).toEqual(['incoming', 'delivery']);
		// Kept hidden only for workflows saved when the secret was a node field.
		expect(props.find((p) => p.name === 'webhookSecret')).toMatchObject({ type: 'hidden' });
		for (const credential of [new SmsMobileApiCredential(), new SmsMobileApiOAuth2Api()])
			expect(credential.properties.find((p) => p.name === 'webhookSecret')).toMatchObject({
				type: 'string',
				typeOptions: { password: true },
			});
		const check = props.find((p) => p.name === 'checkSignature')!;
		expect(check).toMatchObject({ type: 'boolean', default: true });
		expect(check.description).toMatch(/anyone who knows the URL/);
	});

	it('the credentials: API key as a password, base URL default or custom with a placeholder; OAuth2 client credentials', () => {
		const key = new SmsMobileApiCredential();
		expect(key.name).toBe('smsMobileApi');
		expect(key.properties.find((p) => p.name === 'apiKey')).toMatchObject({ typeOptions: { password: true } });
		expect(key.properties.find((p) => p.name === 'customUrl')).toMatchObject({ default: '', placeholder: expect.any(String) });
		expect(key.properties.find((p) => p.name === 'defaultCountry')).toBeDefined();
		const oauth = new SmsMobileApiOAuth2Api();
		expect(oauth).toMatchObject({ name: 'smsMobileApiOAuth2Api', extends: ['oAuth2Api'] });
		expect(oauth.properties.find((p) => p.name === 'grantType')).toMatchObject({ default: 'clientCredentials' });
		expect(String(oauth.properties.find((p) => p.name === 'accessTokenUrl')!.default)).toMatch(/\/oauth2\/token/);
		// n8n tests OAuth2 credentials only with their own request (it ignores testedBy for them).
		expect(oauth.test.request).toMatchObject({ url: '/gateway/mobile/list/', method: 'GET' });
		expect(oauth.test.rules!.map((r) => (r.properties as { value: number }).value)).toEqual([401, 403]);
	});

	it('authenticate puts the key in the form body of a POST and the query of a GET', async () => {
		const key = new SmsMobileApiCredential();
		const post = await key.authenticate(
			{ apiKey: 'k1' },
			{ method: 'POST', url: 'http://x/sendsms/', body: 'recipients=%2B33601020304&message=hi' },
		);
		expect(post.url).toBe('http://x/sendsms/');
		expect(new URLSearchParams(post.body as string).get('apikey')).toBe('k1');
		expect(new URLSearchParams(post.body as string).get('message')).toBe('hi');
		const get = await key.authenticate({ apiKey: 'k1' }, { method: 'GET', url: 'http://x/getsms/?onlyunread=yes' });
		expect(get.url).toBe('http://x/getsms/?onlyunread=yes&apikey=k1');
	});
});

describe('n8n SMSMobileAPI node against the sandbox', () => {
	const env = useSmsMobileApi();
	const run = async (parameters: Parameters, extra: Partial<FakeOptions> = {}, credential?: ICredentialDataDecryptedObject) => {
		const oauth = parameters.authentication === 'oAuth2';
		const ctx = fakeContext({
			parameters,
			credentials: { [oauth ? 'smsMobileApiOAuth2Api' : 'smsMobileApi']: credential ?? (oauth ? env.oAuth2 : env.apiKey) },
			...extra,
		});
		const out = (await new SmsMobileApi().execute.call(ctx.execute)) as unknown as Item[][];
		return { items: out[0], ctx };
	};
	const send = (recipients: string, extra: Parameters = {}): Parameters => ({
		resource: 'message',
		operation: 'send',
		recipients,
		message: 'Hello from SMS Kit',
		device: { __rl: true, mode: 'list', value: '' },
		options: {},
		...extra,
	});

	it('Send SMS to three numbers: three requests, the key in the body only, one item each paired to the item', async () => {
		const { items, ctx } = await run(send('+33601020304, +33601020305,+33601020306'));
		expect(items).toHaveLength(3);
		expect(items.map((i) => i.json.to)).toEqual(['+33601020304', '+33601020305', '+33601020306']);
		expect(items.every((i) => i.json.status === 'queued' && typeof i.json.guid === 'string')).toBe(true);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		expect(ctx.sent).toHaveLength(3);
		for (const s of ctx.sent) {
			expect(s.url).not.toContain(env.keys.apikey);
			expect(new URLSearchParams(s.body).get('apikey')).toBe(env.keys.apikey);
		}
		expect((await env.control('/_sandbox/messages')).smsmobileapi).toHaveLength(3);
	});

	it('Send WhatsApp with a media URL, on a phone picked from the list', async () => {
		const ctx = fakeContext({ parameters: {}, credentials: { smsMobileApi: env.apiKey } });
		const phones = await searchDevices.call(ctx.execute as never);
		expect(phones.results.map((r) => r.value)).toContain('sandbox-phone-1');
		const { items, ctx: sent } = await run(
			send('+33601020304', {
				operation: 'sendWhatsApp',
				mediaUrl: 'https://example.com/a.jpg',
				device: { __rl: true, mode: 'list', value: 'sandbox-phone-1' },
			}),
		);
		expect(items[0].json).toMatchObject({ channel: 'whatsapp', status: 'queued' });
		const body = new URLSearchParams(sent.sent[0].body);
		expect([body.get('waonly'), body.get('url_media'), body.get('sIdentifiant')]).toEqual([
			'yes',
			'https://example.com/a.jpg',
			'sandbox-phone-1',
		]);
	});

	it('Sent Log shows sent and failed after the phone decides; Resend queues the failed one again', async () => {
		const { items } = await run(send('+33601020304, +33601020305'));
		const [a, b] = items.map((i) => String(i.json.guid));
		await env.control(`/_sandbox/smsmobileapi/messages/${a}/status`, 'POST', { status: 'sent' });
		await env.control(`/_sandbox/smsmobileapi/messages/${b}/status`, 'POST', { status: 'failed', error: 'No signal' });
		const log = (await run({ resource: 'sentLog', operation: 'getMany', filters: {} })).items;
		const status = Object.fromEntries(log.map((i) => [i.json.guid, [i.json.status, i.json.sentLogStatus]]));
		expect(status).toEqual({ [a]: ['sent', 'sent'], [b]: ['failed', 'failed'] });
		const only = (await run({ resource: 'sentLog', operation: 'getMany', filters: { guid: b } })).items;
		expect(only.map((i) => i.json.guid)).toEqual([b]);
		const resent = await run({ resource: 'message', operation: 'resend', guid: b, channel: 'sms' });
		expect(resent.items[0].json).toMatchObject({ guid: b, resent: true });
		const again = (await run({ resource: 'sentLog', operation: 'getMany', filters: { guid: b } })).items;
		expect(again[0].json.status).toBe('pending');
	});

	it('Received, Device and WhatsApp operations', async () => {
		await env.control('/_sandbox/smsmobileapi/incoming', 'POST', { number: '+33601020399', message: 'STOP' });
		const received = (await run({ resource: 'received', operation: 'getMany', filters: {} })).items;
		expect(received.map((i) => [i.json.number, i.json.message])).toEqual([['+33601020399', 'STOP']]);
		const deleted = await run({ resource: 'received', operation: 'delete', guid: String(received[0].json.guid) });
		expect(deleted.items[0].json).toMatchObject({ deleted: true });
		const devices = (await run({ resource: 'device', operation: 'getMany' })).items;
		expect(devices.length).toBeGreaterThan(0);
		const check = (await run({ resource: 'whatsapp', operation: 'checkNumber', number: '+33601020304' })).items;
		expect(check[0].json.number).toBe('+33601020304');
	});

	it('an offline phone fails the message, said in the sent log', async () => {
		const { items } = await run(send('+33601020304', { device: { __rl: true, mode: 'id', value: 'sandbox-phone-offline' } }));
		const log = (await run({ resource: 'sentLog', operation: 'getMany', filters: { guid: String(items[0].json.guid) } })).items;
		expect(log[0].json.status).toBe('failed');
		expect(String(log[0].json.description)).toMatch(/offline/i);
	});

	it('OAuth2: a token from /oauth2/token, and a 401 on an expired token fetches a new one once', async () => {
		const oauth = { ...env.oAuth2 };
		const first = await run({ authentication: 'oAuth2', resource: 'device', operation: 'getMany' }, {}, oauth);
		expect(first.items.length).toBeGreaterThan(0);
		const token = (oauth.oauthTokenData as IDataObject).access_token;
		await env.control('/_sandbox/smsmobileapi/tokens/expire', 'POST');
		const second = await run({ authentication: 'oAuth2', resource: 'device', operation: 'getMany' }, {}, oauth);
		expect(second.items.length).toBeGreaterThan(0);
		expect((oauth.oauthTokenData as IDataObject).access_token).not.toBe(token);
	});

	it('429 waits as Retry-After says, then succeeds', async () => {
		await env.control('/_sandbox/smsmobileapi/rate-limit', 'PUT', { on: true, retryAfter: 1 });
		setTimeout(() => void env.control('/_sandbox/smsmobileapi/rate-limit', 'PUT', { on: false }), 300);
		const started = Date.now();
		const { items } = await run({ resource: 'device', operation: 'getMany' });
		expect(items.length).toBeGreaterThan(0);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
	});

	it('an invalid key: a plain error with the hint, and the key nowhere in the error or its JSON', async () => {
		const wrong = { ...env.apiKey, apiKey: WRONG_KEY };
		const error = (await run({ resource: 'device', operation: 'getMany' }, {}, wrong).catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('403');
		expect(error.description).toMatch(/API key is invalid/);
		expect(JSON.stringify({ ...error, message: error.message, description: error.description })).not.toContain(WRONG_KEY);
		const item = (await run({ resource: 'device', operation: 'getMany' }, { continueOnFail: true }, wrong)).items[0];
		expect(item.json).toMatchObject({ httpStatus: 403 });
		expect(JSON.stringify(item)).not.toContain(WRONG_KEY);
	});

	it('a refused connection on a GET (the key in its URL): the error does not show the key', async () => {
		const port = await closedPort();
		const down = { ...env.apiKey, apiKey: WRONG_KEY, customUrl: `http://127.0.0.1:${port}/smsmobileapi` };
		const error = (await run({ resource: 'device', operation: 'getMany' }, {}, down).catch((e: unknown) => e)) as Error;
		expect(error.message).toMatch(/ECONNREFUSED|connect/i);
		expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(WRONG_KEY);
	});

	it('credential tests: OK with the key or the client, the code and what to do when refused', async () => {
		const test = new SmsMobileApi().methods.credentialTest.smsMobileApiTest;
		const call = (data: ICredentialDataDecryptedObject) => test.call({} as never, { id: '1', name: 'c', type: 't', data });
		expect(await call(env.apiKey)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(await call(env.oAuth2)).toEqual({ status: 'OK', message: 'Connection successful!' });
		const refused = await call({ ...env.apiKey, apiKey: WRONG_KEY });
		expect(refused.status).toBe('Error');
		expect(refused.message).toMatch(/invalid_apikey/);
		expect(refused.message).toMatch(/copy it again/);
		expect(refused.message).not.toContain(WRONG_KEY);
		const badClient = await call({ ...env.oAuth2, clientSecret: 'f'.repeat(64) });
		expect(badClient).toMatchObject({ status: 'Error', message: expect.stringMatching(/OAuth2/) });
		expect(badClient.message).not.toContain('f'.repeat(64));
	});
});

describe('n8n SMSMobileAPI triggers', () => {
	const env = useSmsMobileApi();
	const SECRET = 'whsec_test';

	function push(event: object, { secret = SECRET, at = Date.now() } = {}) {
		const raw = Buffer.from(JSON.stringify(event));
		const timestamp = String(Math.floor(at / 1000));
		return {
			method: 'POST',
			body: JSON.parse(raw.toString()) as unknown,
			rawBody: raw,
			headers: {
				'content-type': 'application/json',
				'x-smsmobileapi-timestamp': timestamp,
				'x-smsmobileapi-signature': webhookSignature(secret, timestamp, raw),
			},
		};
	}
	const received = (id: string, text = 'STOP') => ({
		id,
		type: 'sms.received',
		api_version: '2026-09-22',
		occurred_at: new Date().toISOString(),
		data: { guid: `g-${id}`, from: '+33601020399', message: text, received_at: new Date().toISOString() },
	});

	async function hit(
		request: NonNullable<FakeOptions['request']>,
		{ webhookSecret, ...parameters }: Parameters,
		staticData: IDataObject = {},
	) {
		const ctx = webhookContext({
			parameters: { event: 'incoming', ...parameters },
			credentials: { smsMobileApi: { webhookSecret: (webhookSecret as string | undefined) ?? '' } },
			staticData,
			request,
		});
		const out = await new SmsMobileApiTrigger().webhook.call(ctx.webhook);
		return { out, response: ctx.response };
	}

	it('a signed push starts the workflow once: the same event id again is answered 202 and starts nothing', async () => {
		const staticData: IDataObject = {};
		const first = await hit(push(received('e1')), { webhookSecret: SECRET, checkSignature: true }, staticData);
		expect(first.response.status).toBe(202);
		const items = first.out.workflowData![0];
		expect(items.map((i) => i.json)).toEqual([
			expect.objectContaining({ provider: 'smsmobileapi', event: 'incoming', from: '+33601020399', text: 'STOP', id: 'g-e1' }),
		]);
		const again = await hit(push(received('e1')), { webhookSecret: SECRET, checkSignature: true }, staticData);
		expect(again.response.status).toBe(202);
		expect(again.out.workflowData).toBeUndefined();
	});

	it('a wrong signature or a stale timestamp: 401, nothing started; no secret: 500', async () => {
		const forged = await hit(push(received('e2'), { secret: 'other' }), { webhookSecret: SECRET, checkSignature: true });
		expect([forged.response.status, forged.out.workflowData]).toEqual([401, undefined]);
		const stale = await hit(push(received('e3'), { at: Date.now() - 600_000 }), { webhookSecret: SECRET, checkSignature: true });
		expect([stale.response.status, stale.out.workflowData]).toEqual([401, undefined]);
		expect(String(stale.response.body)).toMatch(/STALE_WEBHOOK/);
		const none = await hit(push(received('e4')), { webhookSecret: '', checkSignature: true });
		expect([none.response.status, none.out.workflowData]).toEqual([500, undefined]);
	});

	it('with Check Signature off, the unsigned legacy payload is read', async () => {
		const legacy = { guid: 'L1', message: 'STOP please', number: '+33601020398', time_received: '2026-12-01 10:00:00' };
		const raw = Buffer.from(JSON.stringify(legacy));
		const request = { method: 'POST', body: legacy as unknown, rawBody: raw, headers: { 'content-type': 'application/json' } };
		const off = await hit(request, { checkSignature: false });
		expect(off.response.status).toBe(202);
		expect(off.out.workflowData![0][0].json).toMatchObject({ from: '+33601020398', text: 'STOP please', id: 'L1' });
		const on = await hit(request, { webhookSecret: SECRET, checkSignature: true });
		expect(on.response.status).toBe(401);
	});

	it('the delivery event filter: a sms.failed push goes to a Delivery trigger, not to an Incoming one', async () => {
		const failed = {
			id: 'd1',
			type: 'sms.failed',
			occurred_at: new Date().toISOString(),
			data: { guid: 'm1', to: '+33601020304', error: 'offline' },
		};
		const delivery = await hit(push(failed), { event: 'delivery', webhookSecret: SECRET, checkSignature: true });
		expect(delivery.out.workflowData![0][0].json).toMatchObject({ event: 'delivery', status: 'failed', messageId: 'm1' });
		const incoming = await hit(push({ ...failed, id: 'd2' }), { webhookSecret: SECRET, checkSignature: true });
		expect(incoming.out.workflowData).toBeUndefined();
	});

	it('polling: an injected SMS once, its cursor in static data, nothing again on the next poll', async () => {
		const staticData: IDataObject = {};
		const ctx = () =>
			fakeContext({
				parameters: { event: 'incoming', device: { __rl: true, mode: 'list', value: '' } },
				credentials: { smsMobileApi: env.apiKey },
				staticData,
			}).poll;
		const trigger = new SmsMobileApiPollingTrigger();
		expect(await trigger.poll.call(ctx())).toBeNull();
		await env.control('/_sandbox/smsmobileapi/incoming', 'POST', { number: '+33601020397', message: 'STOP now' });
		const first = await trigger.poll.call(ctx());
		expect(first![0].map((i) => i.json)).toEqual([
			expect.objectContaining({ provider: 'smsmobileapi', event: 'incoming', from: '+33601020397', text: 'STOP now' }),
		]);
		expect(staticData.poll).toMatchObject({ event: 'incoming' });
		expect(await trigger.poll.call(ctx())).toBeNull();
	});
});
