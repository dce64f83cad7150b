import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { webhookSignature } from '../../sandbox/providers/smsmobileapi';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { rawCall } from './helpers';
import { control, KEYS, Receiver, sendOne } from './smsmobileapi-helpers';

/**
 * The V2 webhook (specs §6): the sandbox's signer against the known-answer vector, then what the
 * sandbox pushes run through a receiver written from the vendor's documented checks.
 */

interface Vector {
	id: string;
	inputs: { headers: Record<string, string>; body: string; bodyBytes: number; timestamp: string; secret: string };
	expected: { signature: string };
}
const vector = (
	JSON.parse(readFileSync(join(__dirname, '../vectors/vectors.json'), 'utf8')) as { vectors: Vector[] }
).vectors.find((v) => v.id === 'smsmobileapi-webhook-v2-sms-received') as Vector;

interface Attempt {
	id: number;
	variant: string;
	eventId: string | null;
	type: string;
	headers: Record<string, string>;
	body: string;
	state: string;
	httpStatus: number | null;
}

let sandbox: Sandbox;
let receiver: Receiver;

beforeAll(async () => {
	sandbox = await startSandbox();
	receiver = new Receiver(KEYS.webhookSecret);
	await receiver.start();
});
afterAll(async () => {
	await receiver.stop();
	await sandbox.close();
});
beforeEach(async () => {
	sandbox.reset();
	receiver.deliveries.length = 0;
	receiver.processed.length = 0;
	receiver.secret = KEYS.webhookSecret;
	receiver.now = () => Math.floor(Date.now() / 1000);
	await control(sandbox, 'PUT', '/webhook', { url: receiver.url });
});

const inject = (body: Record<string, unknown> = { number: '+15551234567', message: 'Can you call me back?', alias: 'Taylor' }) =>
	control(sandbox, 'POST', '/incoming', body);
const attempts = async () => ((await control(sandbox, 'GET', '/webhook?wait=1')).json as { attempts: Attempt[] }).attempts;

describe('signature', () => {
	it('reproduces the known-answer vector', () => {
		expect(Buffer.byteLength(vector.inputs.body)).toBe(vector.inputs.bodyBytes);
		expect(webhookSignature(vector.inputs.secret, vector.inputs.timestamp, vector.inputs.body)).toBe(vector.expected.signature);
		expect(vector.expected.signature).toMatch(/^v1=2098746b/);
	});

	it("passes the receiver's checks for the vector at its own time, and fails them off by more than 300 s", () => {
		const headers = {
			'content-length': String(vector.inputs.bodyBytes),
			'x-smsmobileapi-timestamp': vector.inputs.timestamp,
			'x-smsmobileapi-signature': vector.expected.signature,
		};
		const check = new Receiver(vector.inputs.secret);
		const body = Buffer.from(vector.inputs.body);
		check.now = () => 1790000000 + 300;
		expect(check.verdict({ method: 'POST', headers }, body)).toEqual([202, 'accepted']);
		expect(check.verdict({ method: 'POST', headers }, body)).toEqual([200, 'duplicate']);
		check.now = () => 1790000000 - 301;
		expect(check.verdict({ method: 'POST', headers }, body)).toEqual([401, 'stale']);
		check.now = () => 1790000000;
		expect(check.verdict({ method: 'GET', headers }, body)).toEqual([405, 'method']);
		expect(new Receiver(null).verdict({ method: 'POST', headers }, body)).toEqual([500, 'no secret']);
	});
});

describe('what the sandbox pushes', () => {
	it('pushes an injected SMS as a signed sms.received event that the receiver accepts once', async () => {
		const injected = (await inject()).json as { guid: string; webhookAttempt: number };
		expect(injected.webhookAttempt).toBe(1);
		const [attempt] = await attempts();
		expect(attempt).toMatchObject({ variant: 'original', type: 'sms.received', state: 'accepted', httpStatus: 202 });

		const [delivery] = receiver.deliveries;
		expect(delivery.headers['content-type']).toBe('application/json');
		expect(delivery.headers['content-length']).toBe(String(delivery.raw.length));
		expect(delivery.headers['transfer-encoding']).toBeUndefined();
		const event = JSON.parse(delivery.raw.toString('utf8')) as Record<string, unknown>;
		expect(Object.keys(event)).toEqual(['id', 'type', 'api_version', 'created_at', 'occurred_at', 'data']);
		expect(event).toMatchObject({
			id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			type: 'sms.received',
			api_version: '2026-09-22',
			created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
			data: {
				guid: injected.guid,
				from: '+15551234567',
				message: 'Can you call me back?',
				alias: 'Taylor',
				device_id: 'sandbox-phone-1',
				received_at: expect.any(String),
			},
		});
		expect(delivery.headers).toMatchObject({
			'x-smsmobileapi-event': 'sms.received',
			'x-smsmobileapi-event-id': event.id,
			'idempotency-key': event.id,
			'x-smsmobileapi-timestamp': expect.stringMatching(/^\d{10}$/),
			'x-smsmobileapi-signature': expect.stringMatching(/^v1=[0-9a-f]{64}$/),
		});
		// The attempt records the bytes sent, byte for byte.
		expect(attempt.body).toBe(delivery.raw.toString('utf8'));
		expect(receiver.processed).toEqual([event.id]);
	});

	it('re-sends the last event unchanged: the receiver sees a duplicate and processes it once', async () => {
		await inject();
		await attempts();
		expect((await control(sandbox, 'POST', '/webhook/replay')).status).toBe(200);
		const [first, replay] = await attempts();
		expect(replay).toMatchObject({ variant: 'replay', eventId: first.eventId, state: 'accepted', httpStatus: 200 });
		expect(replay.body).toBe(first.body);
		expect(replay.headers).toEqual(first.headers);
		expect(receiver.deliveries.map((d) => d.reason)).toEqual(['accepted', 'duplicate']);
		expect(receiver.processed).toHaveLength(1);
	});

	it('sends it with a stale timestamp or a wrong signature, which the receiver refuses with 401', async () => {
		await inject();
		await control(sandbox, 'POST', '/webhook/stale');
		await control(sandbox, 'POST', '/webhook/bad-signature');
		const [, stale, forged] = await attempts();
		expect(stale).toMatchObject({ variant: 'stale', state: 'rejected', httpStatus: 401 });
		expect(forged).toMatchObject({ variant: 'bad-signature', state: 'rejected', httpStatus: 401 });
		expect(receiver.deliveries.map((d) => d.reason)).toEqual(['accepted', 'stale', 'signature']);
		// Stale is signed correctly for its own timestamp: only the skew check catches it.
		const [, staleDelivery] = receiver.deliveries;
		const timestamp = String(staleDelivery.headers['x-smsmobileapi-timestamp']);
		expect(Math.floor(Date.now() / 1000) - Number(timestamp)).toBeGreaterThan(300);
		expect(staleDelivery.headers['x-smsmobileapi-signature']).toBe(
			webhookSignature(KEYS.webhookSecret, timestamp, staleDelivery.raw),
		);
	});

	it('fails verification with another secret, and over a re-serialised body', async () => {
		receiver.secret = 'whsec_someone_else';
		await inject();
		expect((await attempts())[0]).toMatchObject({ state: 'rejected', httpStatus: 401 });

		receiver.secret = KEYS.webhookSecret;
		const [delivery] = receiver.deliveries;
		const reserialised = Buffer.from(JSON.stringify(JSON.parse(delivery.raw.toString('utf8')), null, 1));
		const headers = { ...delivery.headers, 'content-length': String(reserialised.length) };
		expect(receiver.verdict({ method: 'POST', headers }, reserialised)).toEqual([401, 'signature']);
		expect(receiver.verdict({ method: 'POST', headers: delivery.headers }, delivery.raw)).toEqual([202, 'accepted']);
	});

	it('signs with the secret PUT /webhook sets', async () => {
		await control(sandbox, 'PUT', '/webhook', { secret: 'whsec_custom' });
		receiver.secret = 'whsec_custom';
		await inject();
		expect((await attempts())[0]).toMatchObject({ state: 'accepted' });
	});

	it('pushes sms.sent and sms.failed (whatsapp.* for WhatsApp) when a message changes state', async () => {
		const sent = await sendOne(sandbox);
		const failed = await sendOne(sandbox, { waonly: 'yes' });
		await control(sandbox, 'POST', `/messages/${sent}/status`, { status: 'sent' });
		await control(sandbox, 'POST', `/messages/${failed}/status`, { status: 'failed', error: 'No signal' });
		await sendOne(sandbox, { sIdentifiant: 'sandbox-phone-offline' });
		const pushed = (await attempts()).map((a) => ({
			type: a.type,
			state: a.state,
			data: (JSON.parse(a.body) as { data: unknown }).data,
		}));
		expect(pushed).toEqual([
			{ type: 'sms.sent', state: 'accepted', data: expect.objectContaining({ guid: sent, status: 'sent', error: '' }) },
			{ type: 'whatsapp.failed', state: 'accepted', data: expect.objectContaining({ guid: failed, error: 'No signal' }) },
			{ type: 'sms.failed', state: 'accepted', data: expect.objectContaining({ error: expect.stringContaining('offline') }) },
		]);
	});

	it('sends the unsigned legacy payload when legacy is on', async () => {
		await control(sandbox, 'PUT', '/webhook', { legacy: true });
		const injected = (await inject({ number: '+123456789', message: 'Hello, this is a test.' })).json as { guid: string };
		const [attempt] = await attempts();
		expect(attempt).toMatchObject({ variant: 'legacy', eventId: null, headers: { 'Content-Type': 'application/json' } });
		expect(JSON.parse(attempt.body)).toEqual({
			date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
			hour: expect.stringMatching(/^\d{2}:\d{2}:\d{2}$/),
			time_received: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
			message: 'Hello, this is a test.',
			number: '+123456789',
			guid: injected.guid,
		});
		// A signature-checking receiver refuses it, as it should.
		expect(receiver.deliveries[0].headers['x-smsmobileapi-signature']).toBeUndefined();
		expect(attempt.httpStatus).toBe(401);
		// Status changes have no legacy form.
		await sendOne(sandbox, { sIdentifiant: 'sandbox-phone-offline' });
		expect(await attempts()).toHaveLength(1);
	});

	it('records a receiver that cannot be reached as failed', async () => {
		await control(sandbox, 'PUT', '/webhook', { url: 'http://127.0.0.1:9/nowhere' });
		await inject();
		expect((await attempts())[0]).toMatchObject({ state: 'failed', httpStatus: null, error: expect.any(String) });
	});
});

describe('webhook control', () => {
	it('pushes nothing without a URL, and has nothing to replay', async () => {
		await control(sandbox, 'PUT', '/webhook', { url: null });
		expect(((await inject()).json as { webhookAttempt: unknown }).webhookAttempt).toBeNull();
		expect((await control(sandbox, 'POST', '/webhook/replay')).status).toBe(409);
		expect((await control(sandbox, 'GET', '/webhook')).json).toEqual({
			url: null,
			secret: KEYS.webhookSecret,
			legacy: false,
			attempts: [],
		});
	});

	it('refuses bad settings', async () => {
		for (const body of [{ url: 'ftp://x' }, { secret: '' }, { legacy: 'yes' }, { other: 1 }]) {
			expect((await control(sandbox, 'PUT', '/webhook', body)).status).toBe(400);
		}
		expect((await control(sandbox, 'POST', '/nope')).status).toBe(404);
	});

	it('forgets the settings, the attempts and the last event on reset', async () => {
		await inject();
		await attempts();
		await rawCall(`${sandbox.origin}/_sandbox/reset`, { method: 'POST', body: '{}' });
		expect((await control(sandbox, 'GET', '/webhook')).json).toMatchObject({ url: null, attempts: [] });
		await control(sandbox, 'PUT', '/webhook', { url: receiver.url });
		expect((await control(sandbox, 'POST', '/webhook/replay')).status).toBe(409);
	});
});
