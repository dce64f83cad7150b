import { startSandbox, type Sandbox } from '../../sandbox/server';
import { v1Call, v3Call, ALIBABA, type AlibabaAnswer } from './alibaba-helpers';
import { httpCall, rawCall, signedCall, type RawResponse } from './helpers';
import { KEYS as SMSMOBILEAPI } from './smsmobileapi-helpers';
import { TENCENT, tencentCall, type TencentAnswer } from './tencent-helpers';

/** `/_sandbox/faults`: every kind against every emulator, over real HTTP, and what each left recorded. */

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});

afterAll(() => sandbox.close());

beforeEach(() => sandbox.reset());

type ProviderId = 'ovh' | 'tencent' | 'alibaba' | 'smsmobileapi';

/** What a client saw, whatever the provider. */
interface Seen {
	status: number;
	header(name: string): string | null;
	text: string;
	json: unknown;
}

const fromRaw = (answer: RawResponse): Seen => ({
	status: answer.status,
	header: (name) => answer.headers.get(name),
	text: answer.text,
	json: answer.json,
});

const fromNode = (answer: TencentAnswer | AlibabaAnswer): Seen => {
	let json: unknown;
	try {
		json = JSON.parse(answer.text);
	} catch {
		json = undefined;
	}
	return {
		status: answer.status,
		header: (name) => {
			const value = answer.headers[name.toLowerCase()];
			return value === undefined ? null : String(value);
		},
		text: answer.text,
		json,
	};
};

interface Adapter {
	/** One message to one number. */
	send(): Promise<Seen>;
	/** A call that sends nothing. */
	other(): Promise<Seen>;
	/** True when the answer is the provider's normal success for that call. */
	succeeded(seen: Seen): boolean;
	/** The provider's error code in an error body. */
	errorCode(seen: Seen): unknown;
}

const TENCENT_SEND = {
	PhoneNumberSet: ['+8613800000001'],
	SmsSdkAppId: TENCENT.smsSdkAppId,
	SignName: TENCENT.signName,
	TemplateId: TENCENT.templateId,
	TemplateParamSet: ['1234', '5'],
};
const ALIBABA_SEND = {
	PhoneNumbers: '13800000001',
	SignName: ALIBABA.signName,
	TemplateCode: 'SMS_900000002',
	TemplateParam: '{"order":"A1"}',
};
const smsMobileApiForm = (params: Record<string, string>) => ({
	method: 'POST',
	body: new URLSearchParams({ apikey: SMSMOBILEAPI.apikey, ...params }).toString(),
	headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
});

const ADAPTERS: Record<ProviderId, Adapter> = {
	ovh: {
		send: async () =>
			fromRaw(
				await signedCall(
					sandbox.urls.ovh,
					{
						method: 'POST',
						path: '/sms/sms-sandbox-1/jobs',
						body: JSON.stringify({ message: 'Hello', receivers: ['+33601020304'], noStopClause: true }),
					},
					httpCall,
				),
			),
		other: async () => fromRaw(await signedCall(sandbox.urls.ovh, { method: 'GET', path: '/sms' }, httpCall)),
		succeeded: (seen) =>
			seen.status === 200 && (Array.isArray(seen.json) || (seen.json as { ids?: unknown[] } | undefined)?.ids?.length === 1),
		errorCode: (seen) => (seen.json as { class?: string }).class,
	},
	tencent: {
		send: async () =>
			fromNode(await tencentCall(sandbox.urls.tencent, { action: 'SendSms', params: TENCENT_SEND, anyBody: true })),
		other: async () =>
			fromNode(
				await tencentCall(sandbox.urls.tencent, {
					action: 'PullSmsSendStatus',
					params: { Limit: 10, SmsSdkAppId: TENCENT.smsSdkAppId },
					anyBody: true,
				}),
			),
		succeeded: (seen) => {
			const response = (seen.json as { Response?: Record<string, unknown> } | undefined)?.Response;
			return seen.status === 200 && response !== undefined && response.Error === undefined;
		},
		errorCode: (seen) => (seen.json as { Response: { Error: { Code: string } } }).Response.Error.Code,
	},
	alibaba: {
		send: async () => fromNode(await v1Call(sandbox.urls.alibaba, { action: 'SendSms', params: ALIBABA_SEND })),
		other: async () => fromNode(await v1Call(sandbox.urls.alibaba, { action: 'QuerySmsSignList' })),
		succeeded: (seen) => seen.status === 200 && (seen.json as { Code?: string } | undefined)?.Code === 'OK',
		errorCode: (seen) => (seen.json as { Code: string }).Code,
	},
	smsmobileapi: {
		send: async () =>
			fromRaw(
				await httpCall(
					`${sandbox.urls.smsmobileapi}/sendsms/`,
					smsMobileApiForm({ recipients: '+15551230001', message: 'Hello' }),
				),
			),
		other: async () => fromRaw(await httpCall(`${sandbox.urls.smsmobileapi}/gateway/mobile/list/?apikey=${SMSMOBILEAPI.apikey}`)),
		succeeded: (seen) => {
			const result = (seen.json as { result?: { error?: unknown } } | undefined)?.result;
			return seen.status === 200 && result !== undefined && (result.error === 0 || result.error === '');
		},
		errorCode: (seen) => (seen.json as { error: string }).error,
	},
};
const PROVIDERS = Object.keys(ADAPTERS) as ProviderId[];

const EXPECTED_CODES: Record<ProviderId, Record<number, string>> = {
	ovh: {
		429: 'Client::TooManyRequests',
		500: 'Server::InternalServerError',
		502: 'Server::BadGateway',
		503: 'Server::ServiceUnavailable',
	},
	tencent: { 429: 'RequestLimitExceeded', 500: 'InternalError', 502: 'InternalError', 503: 'ServiceUnavailable' },
	alibaba: { 429: 'Throttling.User', 500: 'InternalError', 502: 'InternalError', 503: 'ServiceUnavailable' },
	smsmobileapi: { 429: 'too_many_requests', 500: 'internal_error', 502: 'bad_gateway', 503: 'service_unavailable' },
};

async function control(method: string, body?: unknown, origin = sandbox.origin): Promise<RawResponse> {
	return rawCall(`${origin}/_sandbox/faults`, {
		method,
		body: body === undefined ? undefined : JSON.stringify(body),
		headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
	});
}

async function addFault(fault: Record<string, unknown>): Promise<void> {
	const answer = await control('POST', fault);
	if (answer.status !== 200) throw new Error(`POST /_sandbox/faults answered ${answer.status}: ${answer.text}`);
}

async function recorded(provider: ProviderId): Promise<number> {
	const answer = await rawCall(`${sandbox.origin}/_sandbox/messages`);
	return (answer.json as Record<ProviderId, unknown[]>)[provider].length;
}

async function pending(): Promise<{ provider: string; kind: string; count: number }[]> {
	return ((await control('GET')).json as { faults: { provider: string; kind: string; count: number }[] }).faults;
}

/** A dropped connection, as Node's http client reports it. */
const RESET = expect.objectContaining({ message: expect.stringMatching(/socket hang up|ECONNRESET/) });

describe.each(PROVIDERS)('%s', (provider) => {
	const api = ADAPTERS[provider];

	it('answers normally without faults (the baseline the other cases depart from)', async () => {
		expect(api.succeeded(await api.send())).toBe(true);
		expect(api.succeeded(await api.other())).toBe(true);
		expect(await recorded(provider)).toBe(1);
	});

	it('reset-before-accept: the connection drops and nothing is recorded', async () => {
		await addFault({ provider, action: 'send', kind: 'reset-before-accept' });
		await expect(api.send()).rejects.toEqual(RESET);
		expect(await recorded(provider)).toBe(0);
	});

	it('reset-after-accept: the connection drops, but the message was recorded', async () => {
		await addFault({ provider, action: 'send', kind: 'reset-after-accept' });
		await expect(api.send()).rejects.toEqual(RESET);
		expect(await recorded(provider)).toBe(1);
	});

	it.each([429, 500, 502, 503])('status %i before: that status, the provider-shaped error, nothing recorded', async (status) => {
		await addFault({ provider, action: 'send', kind: 'status', status, retryAfter: 7 });
		const seen = await api.send();
		expect(seen.status).toBe(status);
		expect(api.errorCode(seen)).toBe(EXPECTED_CODES[provider][status]);
		expect(seen.header('retry-after')).toBe('7');
		expect(await recorded(provider)).toBe(0);
	});

	it('status after: the message is recorded, the answer replaced (no Retry-After unless asked)', async () => {
		await addFault({ provider, action: 'send', kind: 'status', status: 503, after: true });
		const seen = await api.send();
		expect(seen.status).toBe(503);
		expect(api.errorCode(seen)).toBe(EXPECTED_CODES[provider][503]);
		expect(seen.header('retry-after')).toBeNull();
		expect(await recorded(provider)).toBe(1);
	});

	it('status with echo: the body repeats the request, headers first (what a leaky proxy does)', async () => {
		await addFault({ provider, action: 'send', kind: 'status', status: 500, echo: true });
		const seen = await api.send();
		expect(seen.status).toBe(500);
		expect(seen.text).toMatch(/^Upstream failed for (GET|POST) .*; request headers: .*host: 127\.0\.0\.1/);
		expect(await recorded(provider)).toBe(0);
	});

	it('delay: the normal answer, no sooner than asked', async () => {
		await addFault({ provider, action: 'send', kind: 'delay', ms: 300 });
		const started = performance.now();
		const seen = await api.send();
		expect(performance.now() - started).toBeGreaterThanOrEqual(300);
		expect(api.succeeded(seen)).toBe(true);
		expect(await recorded(provider)).toBe(1);
	});

	it('malformed: HTTP 200 with an HTML page, the message recorded', async () => {
		await addFault({ provider, action: 'send', kind: 'malformed' });
		const seen = await api.send();
		expect(seen.status).toBe(200);
		expect(seen.header('content-type')).toMatch(/^text\/html/);
		expect(seen.text).toMatch(/^<html>/);
		expect(await recorded(provider)).toBe(1);
	});

	it('malformed with body json: HTTP 200 with JSON of no provider shape', async () => {
		await addFault({ provider, action: 'send', kind: 'malformed', body: 'json' });
		const seen = await api.send();
		expect(seen.status).toBe(200);
		expect(seen.json).toEqual({ unexpected: true });
		expect(await recorded(provider)).toBe(1);
	});

	it('action send: another call passes through, the next send is faulted', async () => {
		await addFault({ provider, action: 'send', kind: 'status', status: 500 });
		expect(api.succeeded(await api.other())).toBe(true);
		expect(await pending()).toMatchObject([{ provider, count: 1 }]);
		expect((await api.send()).status).toBe(500);
		expect(await pending()).toEqual([]);
	});

	it('no action: any call of the provider is faulted', async () => {
		await addFault({ provider, kind: 'status', status: 502 });
		expect((await api.other()).status).toBe(502);
		expect(api.succeeded(await api.send())).toBe(true);
	});

	it('count: applies to that many matching requests, then is gone', async () => {
		await addFault({ provider, action: 'send', kind: 'reset-before-accept', count: 2 });
		await expect(api.send()).rejects.toEqual(RESET);
		expect(await pending()).toMatchObject([{ count: 1 }]);
		await expect(api.send()).rejects.toEqual(RESET);
		expect(await pending()).toEqual([]);
		expect(api.succeeded(await api.send())).toBe(true);
		expect(await recorded(provider)).toBe(1);
	});
});

describe('which requests a fault applies to', () => {
	it("applies only to the named provider's requests, oldest fault first", async () => {
		await addFault({ provider: 'tencent', kind: 'status', status: 500 });
		await addFault({ provider: 'tencent', kind: 'status', status: 503 });
		expect(ADAPTERS.ovh.succeeded(await ADAPTERS.ovh.send())).toBe(true);
		expect((await ADAPTERS.tencent.other()).status).toBe(500);
		expect((await ADAPTERS.tencent.other()).status).toBe(503);
	});

	it('never touches the control API, even with a fault on every call', async () => {
		await addFault({ provider: 'smsmobileapi', kind: 'reset-before-accept' });
		await addFault({ provider: 'tencent', kind: 'reset-before-accept' });
		expect((await rawCall(`${sandbox.origin}/_sandbox/messages`)).status).toBe(200);
		const tencentOrigin = new URL(sandbox.urls.tencent).origin;
		expect((await control('GET', undefined, tencentOrigin)).status).toBe(200);
		expect(await pending()).toHaveLength(2);
	});

	it('counts /sendsms without its trailing slash as a SMSMobileAPI send', async () => {
		await addFault({ provider: 'smsmobileapi', action: 'send', kind: 'status', status: 429 });
		const answer = await httpCall(
			`${sandbox.urls.smsmobileapi}/sendsms`,
			smsMobileApiForm({ recipients: '+15551230001', message: 'Hi' }),
		);
		expect(answer.status).toBe(429);
	});

	it('reads the Alibaba action from x-acs-action (V3), and answers XML to a V1 call that asked no Format', async () => {
		await addFault({ provider: 'alibaba', action: 'send', kind: 'status', status: 503, count: 2 });
		const v3 = await v3Call(sandbox.urls.alibaba, { action: 'SendSms', query: ALIBABA_SEND });
		expect(v3.status).toBe(503);
		expect(v3.json).toMatchObject({ Code: 'ServiceUnavailable', HostId: expect.any(String), Recommend: expect.any(String) });
		const xml = await v1Call(sandbox.urls.alibaba, { action: 'SendSms', params: ALIBABA_SEND, format: null });
		expect(xml.status).toBe(503);
		expect(xml.headers['content-type']).toBe('text/xml;charset=utf-8');
		expect(xml.text).toContain('<Error>');
		expect(xml.text).toContain('<Code>ServiceUnavailable</Code>');
	});

	it('treats the international Alibaba API (2018-05-01) sends as sends', async () => {
		await addFault({ provider: 'alibaba', action: 'send', kind: 'status', status: 500 });
		const globe = () =>
			v1Call(sandbox.urls.alibaba, {
				action: 'SendMessageToGlobe',
				version: '2018-05-01',
				params: { To: '6591234567', Message: 'Hi' },
			});
		expect((await globe()).status).toBe(500);
		expect((await globe()).json).toMatchObject({ ResponseCode: 'OK' });
	});

	it('applies on the TLS listener too', async () => {
		await addFault({ provider: 'smsmobileapi', kind: 'status', status: 503 });
		const { request } = await import('node:https');
		const status = await new Promise<number>((resolve, reject) => {
			const req = request(`${sandbox.tlsUrls.smsmobileapi}/gateway/mobile/list/?apikey=${SMSMOBILEAPI.apikey}`, {
				ca: sandbox.ca,
				agent: false,
			});
			req.on('response', (res) => {
				res.resume();
				resolve(res.statusCode ?? 0);
			});
			req.on('error', reject);
			req.end();
		});
		expect(status).toBe(503);
	});
});

describe('the control route', () => {
	it('lists pending faults with their defaults', async () => {
		await addFault({ provider: 'ovh', kind: 'delay', ms: 10 });
		await addFault({ provider: 'alibaba', action: 'send', kind: 'status', status: 429, retryAfter: 3, count: 4 });
		expect(await pending()).toEqual([
			{ id: expect.any(Number), provider: 'ovh', action: null, kind: 'delay', count: 1, ms: 10 },
			{
				id: expect.any(Number),
				provider: 'alibaba',
				action: 'send',
				kind: 'status',
				count: 4,
				status: 429,
				after: false,
				echo: false,
				retryAfter: 3,
			},
		]);
	});

	it('answers on each provider port as on the main one', async () => {
		for (const port of [sandbox.ports.tencent, sandbox.ports.alibaba]) {
			const origin = `http://127.0.0.1:${port}`;
			expect((await control('POST', { provider: 'ovh', kind: 'malformed' }, origin)).status).toBe(200);
		}
		expect(await pending()).toHaveLength(2);
		expect((await control('DELETE', undefined, `http://127.0.0.1:${sandbox.ports.alibaba}`)).json).toEqual({ cleared: 2 });
		expect(await pending()).toEqual([]);
	});

	it('DELETE clears every fault', async () => {
		await addFault({ provider: 'ovh', action: 'send', kind: 'reset-before-accept', count: 5 });
		expect((await control('DELETE')).json).toEqual({ cleared: 1 });
		expect(ADAPTERS.ovh.succeeded(await ADAPTERS.ovh.send())).toBe(true);
	});

	it('POST /_sandbox/reset and sandbox.reset() clear them too', async () => {
		await addFault({ provider: 'tencent', action: 'send', kind: 'reset-before-accept' });
		await rawCall(`${sandbox.origin}/_sandbox/reset`, { method: 'POST', body: '{}' });
		expect(await pending()).toEqual([]);
		await addFault({ provider: 'tencent', action: 'send', kind: 'reset-before-accept' });
		sandbox.reset();
		expect(await pending()).toEqual([]);
		expect(ADAPTERS.tencent.succeeded(await ADAPTERS.tencent.send())).toBe(true);
	});

	it.each([
		['not JSON', '{', /JSON/],
		['not an object', [1], /JSON object/],
		[
			'an unknown provider',
			{ provider: 'twilio', kind: 'delay', ms: 1 },
			/provider must be one of ovh, tencent, alibaba, smsmobileapi/,
		],
		['another action', { provider: 'ovh', action: 'list', kind: 'malformed' }, /action must be "send"/],
		['an unknown kind', { provider: 'ovh', kind: 'timeout' }, /kind must be one of/],
		['count 0', { provider: 'ovh', kind: 'malformed', count: 0 }, /count must be an integer/],
		['a status not offered', { provider: 'ovh', kind: 'status', status: 404 }, /status must be one of 429, 500, 502, 503/],
		['after not a boolean', { provider: 'ovh', kind: 'status', status: 500, after: 'yes' }, /after must be a boolean/],
		['a negative retryAfter', { provider: 'ovh', kind: 'status', status: 429, retryAfter: -1 }, /retryAfter/],
		['a delay without ms', { provider: 'ovh', kind: 'delay' }, /ms must be an integer/],
		['a field of another kind', { provider: 'ovh', kind: 'malformed', ms: 5 }, /malformed faults take no ms/],
		['another malformed body', { provider: 'ovh', kind: 'malformed', body: 'xml' }, /body must be/],
	])('refuses %s with 400 and says why', async (_name, body, message) => {
		const answer = await rawCall(`${sandbox.origin}/_sandbox/faults`, {
			method: 'POST',
			body: typeof body === 'string' ? body : JSON.stringify(body),
		});
		expect(answer.status).toBe(400);
		expect((answer.json as { error: string }).error).toMatch(message);
		expect(await pending()).toEqual([]);
	});
});
