import { phoneLine, useSandbox, type ListedMessage } from './helpers';
import { api, control, keyed, KEYS, Receiver, sendOne } from './smsmobileapi-helpers';

/**
 * SMSMobileAPI on the virtual phone (`/_sandbox/phone`): what the API sent and received shows up there, and the
 * page's settle and reply go through to the API's own sent log, inbox and signed webhook. Over real HTTP.
 */

const START = Date.parse('2026-09-23T12:00:00Z');
let clock = START;
const sandbox = useSandbox({ now: () => clock });
let receiver: Receiver;

beforeAll(async () => {
	receiver = new Receiver(KEYS.webhookSecret);
	await receiver.start();
});
afterAll(async () => {
	await receiver.stop();
});
beforeEach(() => {
	clock = START;
	receiver.deliveries.length = 0;
	receiver.processed.length = 0;
	// The signature's timestamp comes from the sandbox clock.
	receiver.now = () => Math.floor(clock / 1000);
});

const { messages: phoneList, post: phonePost } = phoneLine(sandbox, 'smsmobileapi');
type Rows = { result: { sms: Record<string, unknown>[] } };
const sentLog = async (guid: string) =>
	((await api(sandbox, '/log/sent/sms/', keyed({ guid_message: guid }))).json as Rows).result.sms;
const inbox = async () => ((await api(sandbox, '/getsms/', keyed())).json as Rows).result.sms;
const webhookAttempts = async () =>
	((await control(sandbox, 'GET', '/webhook?wait=1')).json as { attempts: { type: string; state: string }[] }).attempts;

describe('messages', () => {
	it('lists a send through the API as a queued sent message, one per send, in E.164 and oldest first', async () => {
		const first = await sendOne(sandbox, { recipients: '+15551230001', message: 'Your code is 1234' });
		clock += 1000;
		// The CLI's unencoded `+` (a space), `00` and bare digits: the phone still shows E.164.
		const second = await sendOne(sandbox, { recipients: '0033612345678', message: 'Bonjour' });
		clock += 1000;
		const third = await sendOne(sandbox, { recipients: '447700900123', message: 'Hi', sIdentifiant: 'sandbox-phone-offline' });

		// phoneList checks that the list names SMSMobileAPI.
		const messages = await phoneList();
		expect(messages).toEqual([
			{
				provider: 'smsmobileapi',
				id: first,
				direction: 'sent',
				phone: '+15551230001',
				peer: 'Sandbox Phone 1',
				text: 'Your code is 1234',
				status: 'queued',
				segments: 1,
				encoding: 'GSM-7',
				at: '2026-09-23T12:00:00.000Z',
			},
			expect.objectContaining({
				id: second,
				phone: '+33612345678',
				text: 'Bonjour',
				status: 'queued',
				at: '2026-09-23T12:00:01.000Z',
			}),
			// Sent from the offline phone: failed at once, as the sent log says.
			expect.objectContaining({ id: third, phone: '+447700900123', peer: 'Sandbox Phone (offline)', status: 'failed' }),
		]);
		expect((await sentLog(third))[0]).toMatchObject({ status: 'failed' });
	});

	it('counts the segments and encoding of a message as the phone sends it: GSM-7 160 / 153, else UCS-2 70 / 67', async () => {
		const long = await sendOne(sandbox, { message: 'x'.repeat(161) });
		const escaped = await sendOne(sandbox, { message: '{}'.repeat(80) });
		const unicode = await sendOne(sandbox, { message: 'Привет! '.repeat(9).trim() });
		const messages = new Map((await phoneList()).map((m) => [m.id, m]));
		expect(messages.get(long)).toMatchObject({ segments: 2, encoding: 'GSM-7' });
		// `{` and `}` take two septets each: 320 septets, three parts of 153.
		expect(messages.get(escaped)).toMatchObject({ segments: 3, encoding: 'GSM-7' });
		// 71 characters outside GSM-7: two parts of 67.
		expect(messages.get(unicode)).toMatchObject({ segments: 2, encoding: 'UCS-2' });
	});

	it('forgets everything on reset', async () => {
		await sendOne(sandbox);
		expect(await phoneList()).toHaveLength(1);
		sandbox.reset();
		expect(await phoneList()).toEqual([]);
	});
});

describe('settle', () => {
	it("is the phone's verdict: the sent log and the phone list report it, and the webhook gets the event", async () => {
		await control(sandbox, 'PUT', '/webhook', { url: receiver.url });
		const delivered = await sendOne(sandbox, { message: 'One' });
		const failed = await sendOne(sandbox, { message: 'Two' });
		expect((await sentLog(delivered))[0]).toMatchObject({ status: 'queued', send_from_mobile: '0' });

		const answer = await phonePost('settle', { id: delivered, status: 'delivered' });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ ok: true });
		expect((await phonePost('settle', { id: failed, status: 'failed' })).status).toBe(200);

		expect((await sentLog(delivered))[0]).toMatchObject({ status: 'sent', send_from_mobile: '1', error_mobile: '0' });
		expect((await sentLog(failed))[0]).toMatchObject({
			status: 'failed',
			error_mobile: '1',
			send_from_mobile_erreur: expect.stringMatching(/.+/),
		});
		const statuses = (await phoneList()).map((m) => [m.id, m.status]);
		expect(statuses).toEqual([
			[delivered, 'delivered'],
			[failed, 'failed'],
		]);
		expect((await webhookAttempts()).map((a) => [a.type, a.state])).toEqual([
			['sms.sent', 'accepted'],
			['sms.failed', 'accepted'],
		]);
		expect(receiver.deliveries.map((d) => d.status)).toEqual([202, 202]);
	});

	it('answers 400 for an unknown id, a received SMS, a message already settled and a bad status', async () => {
		const guid = await sendOne(sandbox);
		const unknown = await phonePost('settle', { id: 'f'.repeat(40), status: 'delivered' });
		expect(unknown.status).toBe(400);
		expect(unknown.json).toEqual({ error: `No SMSMobileAPI message has the id ${'f'.repeat(40)}` });

		const received = (await phonePost('reply', { from: '+15551234567', text: 'Hi' })).json as ListedMessage;
		const notSent = await phonePost('settle', { id: received.id, status: 'failed' });
		expect(notSent.status).toBe(400);
		expect(notSent.json).toEqual({ error: expect.stringContaining('received') });

		expect((await phonePost('settle', { id: guid, status: 'sent' })).status).toBe(400);
		expect((await phonePost('settle', { id: guid, status: 'delivered' })).status).toBe(200);
		const again = await phonePost('settle', { id: guid, status: 'failed' });
		expect(again.status).toBe(400);
		expect(again.json).toEqual({ error: 'The message is already sent' });
		expect((await sentLog(guid))[0]).toMatchObject({ status: 'sent' });
	});
});

describe('reply', () => {
	it('lands in /getsms/, pushes the signed sms.received webhook and shows as received', async () => {
		await control(sandbox, 'PUT', '/webhook', { url: receiver.url });
		const guid = await sendOne(sandbox, { recipients: '+15551230002', message: 'Shall I call you?' });
		clock += 5000;

		const answer = await phonePost('reply', { from: '+15551230002', text: 'Yes please ☎', to: 'Sandbox Phone 1' });
		expect(answer.status).toBe(200);
		const reply = answer.json as ListedMessage;
		expect(reply).toEqual({
			provider: 'smsmobileapi',
			id: expect.stringMatching(/^SMS-[0-9A-F]{16}$/),
			direction: 'received',
			phone: '+15551230002',
			peer: 'Sandbox Phone 1',
			text: 'Yes please ☎',
			status: 'received',
			// ☎ is not in GSM-7.
			segments: 1,
			encoding: 'UCS-2',
			at: '2026-09-23T12:00:05.000Z',
		});

		expect(await inbox()).toEqual([
			expect.objectContaining({
				guid: reply.id,
				number: '+15551230002',
				message: 'Yes please ☎',
				sIdentifiantPhone: 'sandbox-phone-1',
				timestamp_unix: Math.floor(clock / 1000),
			}),
		]);

		expect(await webhookAttempts()).toEqual([expect.objectContaining({ type: 'sms.received', state: 'accepted' })]);
		expect(receiver.deliveries).toHaveLength(1);
		const [delivery] = receiver.deliveries;
		// The receiver checked the HMAC over the raw bytes with the webhook secret.
		expect([delivery.status, delivery.reason]).toEqual([202, 'accepted']);
		expect(delivery.headers['x-smsmobileapi-event']).toBe('sms.received');
		expect(JSON.parse(delivery.raw.toString('utf8'))).toMatchObject({
			type: 'sms.received',
			data: { guid: reply.id, from: '+15551230002', message: 'Yes please ☎', device_id: 'sandbox-phone-1' },
		});

		clock += 1000;
		const later = await sendOne(sandbox, { recipients: '+15551230002', message: 'Calling now' });
		const messages = await phoneList();
		expect(messages.map((m) => [m.id, m.direction, m.status])).toEqual([
			[guid, 'sent', 'queued'],
			[reply.id, 'received', 'received'],
			[later, 'sent', 'queued'],
		]);
		expect(messages[1]).toEqual(reply);
	});

	it('lands on the device `to` names, else the one that last sent to `from`, else the default phone', async () => {
		await sendOne(sandbox, { recipients: '+15551230003', sIdentifiant: 'sandbox-phone-offline' });
		const toLast = (await phonePost('reply', { from: '+15551230003', text: 'A' })).json as ListedMessage;
		const named = (await phonePost('reply', { from: '+15551230003', text: 'B', to: 'sandbox-phone-1' })).json as ListedMessage;
		const unnamed = (await phonePost('reply', { from: '+15551230003', text: 'C', to: 'Nobody' })).json as ListedMessage;
		const stranger = (await phonePost('reply', { from: '+15551239999', text: 'D' })).json as ListedMessage;
		const peerNamed = (await phonePost('reply', { from: '+15551239999', text: 'E', to: 'Sandbox Phone (offline)' }))
			.json as ListedMessage;
		expect([toLast.peer, named.peer, unnamed.peer, stranger.peer, peerNamed.peer]).toEqual([
			'Sandbox Phone (offline)',
			'Sandbox Phone 1',
			'Sandbox Phone (offline)',
			'Sandbox Phone 1',
			'Sandbox Phone (offline)',
		]);
		expect((await inbox()).map((sms) => [sms.message, sms.sIdentifiantPhone])).toEqual([
			['A', 'sandbox-phone-offline'],
			['B', 'sandbox-phone-1'],
			['C', 'sandbox-phone-offline'],
			['D', 'sandbox-phone-1'],
			['E', 'sandbox-phone-offline'],
		]);
	});

	it('answers 400 for a sender that is no phone number, and stores nothing', async () => {
		for (const from of ['not a phone', '12', '0612345678', '+1555123456789012']) {
			const answer = await phonePost('reply', { from, text: 'Hi' });
			expect(answer.status).toBe(400);
			expect(answer.json).toEqual({ error: expect.stringContaining('E.164') });
		}
		expect((await phonePost('reply', { from: '+15551234567', text: '' })).status).toBe(400);
		expect(await inbox()).toEqual([]);
		expect(await phoneList()).toEqual([]);
	});
});
