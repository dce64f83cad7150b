import { normaliseReceiver } from '../../sandbox/providers/ovh/jobs';
import { countParts } from '../../sandbox/providers/ovh/segments';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { originOf, rawCall, signedCall } from './helpers';

/** `POST /sms/{serviceName}/jobs` and the records it leaves (specs/ovh.md §8.2, §8.5, §11). */

let sandbox: Sandbox;
let base: string;

beforeAll(async () => {
	sandbox = await startSandbox();
	base = sandbox.urls.ovh;
});

afterAll(() => sandbox.close());

beforeEach(() => sandbox.reset());

const call = (method: string, path: string, body?: unknown) =>
	signedCall(base, { method, path, body: body === undefined ? undefined : JSON.stringify(body) });
const send = (body: unknown, service = 'sms-sandbox-1') => call('POST', `/sms/${service}/jobs`, body);
const credits = async (service = 'sms-sandbox-1') =>
	((await call('GET', `/sms/${service}`)).json as { creditsLeft: number }).creditsLeft;
const messages = async () => ((await rawCall(`${originOf(base)}/_sandbox/messages`)).json as { ovh: unknown[] }).ovh;

describe('parts per receiver', () => {
	it.each([
		['', 1],
		['a'.repeat(160), 1],
		['a'.repeat(161), 2],
		['a'.repeat(306), 2],
		['a'.repeat(307), 3],
		['€'.repeat(80), 1], // extension characters take two septets
		['€'.repeat(81), 2],
		['é'.repeat(160), 1], // é is in the GSM-7 alphabet
		['ç'.repeat(70), 1], // ç is not (only Ç is)
		['ç'.repeat(71), 2],
		['ç'.repeat(134), 2],
		['ç'.repeat(135), 3],
		['🎉'.repeat(35), 1], // two UTF-16 units each
		['🎉'.repeat(36), 2],
	])('%j → %i', (text, parts) => {
		expect(countParts(text)).toBe(parts);
	});
});

describe('receivers', () => {
	it('turns 00 into +', () => {
		expect(normaliseReceiver('0033601020304')).toBe('+33601020304');
		expect(normaliseReceiver('+33601020304')).toBe('+33601020304');
		expect(normaliseReceiver('0601020304')).toBe('0601020304');
	});

	it('splits valid from invalid receivers, with one id per valid one', async () => {
		const response = await send({
			message: 'Hi',
			receivers: ['0033601020304', '0601020304', '+33 6 01 02 03 04', '+1234567', '+123456789012345', '+1234567890123456'],
		});
		expect(response.status).toBe(200);
		const report = response.json as {
			ids: number[];
			validReceivers: string[];
			invalidReceivers: string[];
			totalCreditsRemoved: number;
		};
		expect(report.validReceivers).toEqual(['+33601020304', '+123456789012345']);
		expect(report.invalidReceivers).toEqual(['0601020304', '+33 6 01 02 03 04', '+1234567', '+1234567890123456']);
		expect(report.ids).toHaveLength(2);
		expect(report.ids[1]).toBeGreaterThan(report.ids[0]);
		expect(report.totalCreditsRemoved).toBe(2);
		expect(report).toHaveProperty('tag', '');
	});
});

describe('credits', () => {
	it('debits parts × valid receivers', async () => {
		const response = await send({ message: 'ç'.repeat(71), receivers: ['+33601020304', '+33601020305', 'bad'] });
		expect(response.json).toMatchObject({ totalCreditsRemoved: 4 });
		expect(await credits()).toBe(996);
	});

	it('refuses a send the account cannot pay for, and debits nothing', async () => {
		const receivers = Array.from({ length: 11 }, (_, i) => `+336010203${String(i).padStart(2, '0')}`);
		const response = await send({ message: 'Hi', receivers }, 'sms-sandbox-2');
		expect(response.status).toBe(403);
		expect(response.json).toMatchObject({ class: 'Client::Forbidden', message: 'Not enough credits' });
		expect(await credits('sms-sandbox-2')).toBe(10);
		expect(await messages()).toEqual([]);

		expect((await send({ message: 'Hi', receivers: receivers.slice(0, 10) }, 'sms-sandbox-2')).status).toBe(200);
		expect(await credits('sms-sandbox-2')).toBe(0);
	});
});

describe('validation', () => {
	it.each([
		['no message', { receivers: ['+33601020304'] }],
		['an empty message', { message: '', receivers: ['+33601020304'] }],
		['a message that is not a string', { message: 42, receivers: ['+33601020304'] }],
		['no receivers', { message: 'Hi' }],
		['receivers that are not strings', { message: 'Hi', receivers: [33601020304] }],
		['an unknown sender', { message: 'Hi', receivers: ['+33601020304'], sender: 'Nobody' }],
		['an unknown priority', { message: 'Hi', receivers: ['+33601020304'], priority: 'urgent' }],
		['a fractional validity period', { message: 'Hi', receivers: ['+33601020304'], validityPeriod: 1.5 }],
		['a body that is not an object', ['Hi']],
	])('answers 400 Client::BadRequest for %s', async (_case, body) => {
		const response = await send(body);
		expect(response.status).toBe(400);
		expect(response.json).toMatchObject({ class: 'Client::BadRequest', httpCode: '400 Bad Request' });
		expect(await messages()).toEqual([]);
	});

	it('answers 400 for a body that is not JSON', async () => {
		const response = await signedCall(base, { method: 'POST', path: '/sms/sms-sandbox-1/jobs', body: '{"message":' });
		expect(response.status).toBe(400);
	});

	it('parses JSON whatever the Content-Type, even none', async () => {
		const body = JSON.stringify({ message: 'Hi', receivers: ['+33601020304'] });
		for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
			const response = await signedCall(base, {
				method: 'POST',
				path: '/sms/sms-sandbox-1/jobs',
				body,
				headers: { 'Content-Type': contentType },
			});
			expect(response.status).toBe(200);
		}
		const bare = await signedCall(base, { method: 'POST', path: '/sms/sms-sandbox-1/jobs', body: Buffer.from(body) });
		expect(bare.status).toBe(200);
	});
});

describe('outgoing records', () => {
	it('stores each message as sms.Outgoing and filters the list', async () => {
		const first = (await send({ message: 'One', receivers: ['+33601020304', '+33601020305'], sender: 'SMSKit', tag: 'a' }))
			.json as { ids: number[] };
		const second = (await send({ message: 'Two', receivers: ['+33601020304'], tag: 'b', differedPeriod: 5 })).json as {
			ids: number[];
		};
		await send({ message: 'Elsewhere', receivers: ['+33601020304'] }, 'sms-sandbox-2');
		// The differed one waits as a job until the SMS clock passes its 5 minutes.
		expect((await call('GET', '/sms/sms-sandbox-1/jobs')).json).toEqual(second.ids);
		await rawCall(`${originOf(base)}/_sandbox/ovh/clock`, { method: 'POST', body: JSON.stringify({ advanceMinutes: 5 }) });
		expect((await call('GET', '/sms/sms-sandbox-1/jobs')).json).toEqual([]);

		const list = async (query = '') => (await call('GET', `/sms/sms-sandbox-1/outgoing${query}`)).json;
		expect(await list()).toEqual([...first.ids, ...second.ids]);
		expect(await list('?receiver=%2B33601020304')).toEqual([first.ids[0], second.ids[0]]);
		expect(await list('?tag=b')).toEqual(second.ids);
		expect(await list('?sender=SMSKit')).toEqual(first.ids);
		expect(await list('?differedDelivery=5')).toEqual(second.ids);
		expect(await list('?ptt=0&deliveryReceipt=0')).toHaveLength(3);
		expect(await list('?ptt=4')).toEqual([]);
		expect(await list('?creationDatetime.from=2000-01-01T00%3A00%3A00%2B01%3A00')).toHaveLength(3);
		expect(await list('?creationDatetime.to=2000-01-01T00%3A00%3A00%2B01%3A00')).toEqual([]);
		expect((await call('GET', '/sms/sms-sandbox-1/outgoing?ptt=x')).status).toBe(400);

		const record = (await call('GET', `/sms/sms-sandbox-1/outgoing/${first.ids[1]}`)).json as Record<string, unknown>;
		expect(record).toEqual({
			batchID: null,
			creationDatetime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
			credits: 1,
			deliveredAt: null,
			deliveryReceipt: 0,
			differedDelivery: 0,
			id: first.ids[1],
			message: 'One',
			messageID: null,
			messageLength: 3,
			numberOfSms: 1,
			ptt: 0,
			receiver: '+33601020305',
			sender: 'SMSKit',
			sentAt: null,
			tag: 'a',
			tariffCode: '',
		});
		// The creation time read from a record selects that record.
		const from = encodeURIComponent(record.creationDatetime as string);
		expect(await list(`?creationDatetime.from=${from}&creationDatetime.to=${from}`)).toHaveLength(3);

		// Records belong to their account.
		expect((await call('GET', `/sms/sms-sandbox-2/outgoing/${first.ids[0]}`)).status).toBe(404);

		expect((await call('DELETE', `/sms/sms-sandbox-1/outgoing/${first.ids[0]}`)).text).toBe('null');
		expect(await list()).toEqual([first.ids[1], ...second.ids]);
	});
});
