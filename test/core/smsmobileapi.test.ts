/** The SMSMobileAPI module over a scripted transport: OAuth2 tokens, one request per recipient, signed webhooks, polling. */
import type { WireRequest } from '../../core/http';
import { provider, sentStatus, smsmobileapiSession, webhookSignature } from '../../core/providers/smsmobileapi';
import { actionContext, runAction, type RunDeps } from '../../core/run';

const ok = (result: object) => ({ status: 200, headers: {}, body: { result: { error: 0, ...result } } });

function session(
	answer: (wire: WireRequest) => { status: number; headers: Record<string, string>; body: unknown },
	settings: object = { apiKey: 'k'.repeat(48) },
) {
	const wires: WireRequest[] = [];
	const send = provider.connection.session(
		provider.connection.credentials({ endpoint: 'custom', customUrl: 'http://sandbox', ...settings }),
		async (wire) => {
			wires.push(wire);
			return answer(wire);
		},
	);
	const sleeps: number[] = [];
	const run: RunDeps = {
		send,
		sleep: async (ms) => void sleeps.push(ms),
		now: () => Date.parse('2026-12-01T08:00:00Z'),
		cache: new Map(),
	};
	return { run, wires, sleeps };
}

describe('SMSMobileAPI sending', () => {
	it('sends one request per recipient, the key in the form body (never in the URL)', async () => {
		const { run, wires } = session(() => ok({ sent: '1', id: `id-${wires.length}` }));
		const results = await runAction(provider, 'message.send', { recipients: '+33601020304, +33601020305', message: 'Hi' }, run);
		expect(results).toMatchObject([
			{ status: 'queued', to: '+33601020304', messageId: 'id-1', channel: 'sms', encoding: 'GSM-7', segments: 1 },
			{ to: '+33601020305', messageId: 'id-2' },
		]);
		expect(wires.map((w) => [w.method, w.url])).toEqual([
			['POST', 'http://sandbox/sendsms/'],
			['POST', 'http://sandbox/sendsms/'],
		]);
		expect(new URLSearchParams(wires[0].body).get('apikey')).toBe('k'.repeat(48));
	});

	it('marks WhatsApp with waonly=yes and a media URL', async () => {
		const { run, wires } = session(() => ok({ sent: '1', id: 'w1' }));
		await runAction(
			provider,
			'message.sendWhatsApp',
			{ recipients: '+33601020304', message: '*Hi*', mediaUrl: 'https://example.com/a.pdf' },
			run,
		);
		const form = new URLSearchParams(wires[0].body);
		expect([form.get('waonly'), form.get('url_media'), form.get('sendsms')]).toEqual(['yes', 'https://example.com/a.pdf', null]);
	});

	it('reads an HTTP 200 with a non-empty result.error as an error, with what to do', async () => {
		const { run } = session(() => ({
			status: 200,
			headers: {},
			body: { result: { error: 'phone offline', message: 'The phone is not connected' } },
		}));
		const error = await runAction(provider, 'message.send', { recipients: '+33601020304', message: 'Hi' }, run).catch((e) => e);
		expect(error).toMatchObject({ httpStatus: 200, kind: 'provider' });
		expect(error.hint).toMatch(/Open the SMSMobileAPI app/);
	});

	it('waits as long as Retry-After says on 429, then sends', async () => {
		let calls = 0;
		const { run, sleeps } = session(() =>
			++calls === 1
				? { status: 429, headers: { 'retry-after': '3' }, body: { error: 'rate_limited', message: 'Too many requests' } }
				: ok({ id: 'x' }),
		);
		await runAction(provider, 'message.send', { recipients: '+33601020304', message: 'Hi' }, run);
		expect(sleeps).toEqual([3000]);
	});

	it('keeps the API key out of errors', async () => {
		const key = 'a1'.repeat(24);
		const { run } = session(
			() => ({ status: 403, headers: {}, body: { error: 'invalid_key', message: `Key ${key} is invalid` } }),
			{ apiKey: key },
		);
		const error = await runAction(provider, 'device.getMany', {}, { ...run, secrets: [key] }).catch((e) => e);
		expect(error.code).toBe('invalid_key');
		expect(JSON.stringify({ ...error.toJSON(), d: error.describe() })).not.toContain(key);
	});
});

describe('SMSMobileAPI delete', () => {
	it('refuses a delete without a filter, which would empty the log, unless asked to delete them all', async () => {
		const { run, wires } = session(() => ok({}));
		const error = await runAction(provider, 'received.delete', {}, run).catch((e) => e);
		expect(error).toMatchObject({ code: 'INVALID_INPUT' });
		expect(error.message).toMatch(/would delete every received SMS; nothing was deleted/);
		expect(wires).toHaveLength(0);
		await runAction(provider, 'received.delete', { all: true }, run);
		await runAction(provider, 'received.delete', { guid: 'g1' }, run);
		expect(wires.map((w) => new URL(w.url).pathname)).toEqual(['/deletesms/', '/deletesms/']);
	});
});

describe('SMSMobileAPI OAuth2', () => {
	it('fetches a token once, and again when a call answers 401, sending the refused call again', async () => {
		let tokens = 0;
		let expired = false;
		const wires: WireRequest[] = [];
		const send = smsmobileapiSession(
			{ authentication: 'oAuth2', clientId: 'c', clientSecret: 's', endpoint: 'custom', customUrl: 'http://sandbox' },
			async (wire) => {
				wires.push(wire);
				if (wire.url.endsWith('/oauth2/token')) return { status: 200, headers: {}, body: { access_token: `t${++tokens}` } };
				if (expired && wire.headers.Authorization === 't1'.replace(/^/, 'Bearer ')) return { status: 401, headers: {}, body: {} };
				return ok({ sms: [] });
			},
		);
		await send({ method: 'GET', path: '/getsms/' });
		await send({ method: 'GET', path: '/getsms/' });
		expired = true;
		const answer = await send({ method: 'GET', path: '/getsms/' });
		expect(answer.status).toBe(200);
		expect(tokens).toBe(2);
		expect(wires.filter((w) => w.url.endsWith('/getsms/')).map((w) => w.headers.Authorization)).toEqual([
			'Bearer t1',
			'Bearer t1',
			'Bearer t1',
			'Bearer t2',
		]);
		expect(new URLSearchParams(wires[0].body).get('grant_type')).toBe('client_credentials');
	});
});

describe('SMSMobileAPI sent log', () => {
	it.each([
		[{ send_from_mobile: '1', send_from_mobile_erreur: '', error_api: '0' }, 'sent'],
		[{ send_from_mobile: '0', send_from_mobile_erreur: '', error_api: '' }, 'queued'],
		[{ send_from_mobile: '0', send_from_mobile_erreur: 'SIM error', error_api: '' }, 'failed'],
		[{ error_api: 'blocked' }, 'failed'],
	])('%j → %s', (row, status) => {
		expect(sentStatus(row)).toBe(status);
	});
});

describe('SMSMobileAPI webhooks', () => {
	const secret = 'whsec_test_123';
	const now = Date.parse('2026-12-01T08:00:00Z');
	const event = (type: string, data: object, id = 'e7c1c0de-0000-4000-8000-000000000001') =>
		JSON.stringify({
			id,
			type,
			api_version: '2026-09-22',
			created_at: '2026-12-01T08:00:01Z',
			occurred_at: '2026-12-01T08:00:00Z',
			data,
		});
	const signed = (raw: string, ts = Math.floor(now / 1000)) => ({
		method: 'POST',
		query: {},
		body: JSON.parse(raw),
		rawBody: Buffer.from(raw),
		headers: { 'x-smsmobileapi-timestamp': String(ts), 'x-smsmobileapi-signature': webhookSignature(secret, ts, raw) },
	});

	it('reads a signed sms.received as the normalised incoming event, keyed by the event id', () => {
		const raw = event('sms.received', {
			guid: 'SMS-1',
			from: '+15551234567',
			message: 'STOP',
			received_at: '2026-12-01T07:59:59Z',
			alias: 'Taylor',
			device_id: 'p1',
		});
		const [item] = provider.inbound.parse(signed(raw), { secret, now });
		expect(item.key).toBe('smsmobileapi:event:e7c1c0de-0000-4000-8000-000000000001');
		expect(item.payload).toMatchObject({
			provider: 'smsmobileapi',
			event: 'incoming',
			id: 'SMS-1',
			from: '+15551234567',
			text: 'STOP',
			receivedAt: '2026-12-01T07:59:59.000Z',
		});
	});

	it('reads sms.sent and sms.failed as delivery events', () => {
		const [sent] = provider.inbound.parse(signed(event('sms.sent', { guid: 'g1', to: '+33601020304' })), { secret, now });
		expect(sent.payload).toMatchObject({ event: 'delivery', status: 'sent', messageId: 'g1' });
		const [failedItem] = provider.inbound.parse(signed(event('sms.failed', { guid: 'g2' }, 'e2')), { secret, now });
		expect(failedItem.payload).toMatchObject({ status: 'failed', messageId: 'g2' });
	});

	it.each([
		[
			'a wrong secret',
			(raw: string) => ({
				...signed(raw),
				headers: { ...signed(raw).headers, 'x-smsmobileapi-signature': webhookSignature('other', Math.floor(now / 1000), raw) },
			}),
			'INVALID_SIGNATURE',
			401,
		],
		['a stale timestamp', (raw: string) => signed(raw, Math.floor(now / 1000) - 301), 'STALE_WEBHOOK', 401],
		[
			'a body changed after signing',
			(raw: string) => ({ ...signed(raw), rawBody: Buffer.from(raw.replace('STOP', 'GO')) }),
			'INVALID_SIGNATURE',
			401,
		],
		['no signature', (raw: string) => ({ ...signed(raw), headers: {} }), 'INVALID_SIGNATURE', 401],
	])('refuses %s, answering 401', (_what, forge, code, status) => {
		const raw = event('sms.received', { guid: 'SMS-1', from: '+15551234567', message: 'STOP' });
		let error: unknown;
		try {
			provider.inbound.parse(forge(raw), { secret, now });
		} catch (e) {
			error = e;
		}
		expect(error).toMatchObject({ code });
		expect(provider.inbound.answer(error as never).status).toBe(status);
	});

	it('refuses to read anything without a secret, and reads the legacy payload only with checking off', () => {
		const legacy = {
			method: 'POST',
			query: {},
			body: {
				date: '2025-01-20',
				hour: '10:15:00',
				time_received: '2025-01-20 10:14:50',
				message: 'Hello',
				number: '+123456789',
				guid: 'abcde12345',
			},
		};
		expect(() => provider.inbound.parse(legacy, { now })).toThrow(expect.objectContaining({ code: 'WEBHOOK_SECRET_MISSING' }));
		expect(() => provider.inbound.parse(legacy, { secret, now })).toThrow(expect.objectContaining({ code: 'INVALID_SIGNATURE' }));
		const [item] = provider.inbound.parse(legacy, { now, verify: false });
		expect(item).toMatchObject({
			key: 'smsmobileapi:sms:abcde12345',
			payload: { from: '+123456789', text: 'Hello', receivedAt: '2025-01-20T10:14:50.000Z' },
		});
	});
});

describe('SMSMobileAPI polling', () => {
	it('emits each received SMS once across polls and a restart', async () => {
		let now = Date.parse('2026-12-01T08:00:00Z');
		const inbox: Array<Record<string, unknown>> = [];
		const { run } = session((w) => {
			const after = Number(new URL(w.url).searchParams.get('after_timestamp_unix') ?? 0);
			return ok({ error: '', sms: inbox.filter((m) => Number(m.timestamp_unix) > after) });
		});
		const ctx = () => actionContext(provider, { ...run, now: () => now });
		const options = { event: 'incoming' as const, account: '', lookbackMs: 0 };
		let step = await provider.poll.step(ctx(), options, undefined);
		expect(step.items).toHaveLength(0);
		inbox.push({ id: 1, guid: 'g1', message: 'one', number: '+15551234567', timestamp_unix: now / 1000 + 5 });
		now += 60_000;
		step = await provider.poll.step(ctx(), options, JSON.parse(JSON.stringify(step.state)));
		expect(step.items.map((i) => (i.payload as { text: string }).text)).toEqual(['one']);
		inbox.push({ id: 2, guid: 'g2', message: 'two', number: '+15551234567', timestamp_unix: now / 1000 + 5 });
		now += 60_000;
		step = await provider.poll.step(ctx(), options, JSON.parse(JSON.stringify(step.state)));
		expect(step.items.map((i) => (i.payload as { text: string }).text)).toEqual(['two']);
		step = await provider.poll.step(ctx(), options, step.state);
		expect(step.items).toHaveLength(0);
	});
});
