import { phoneLine, signedCall, useReceiver, useSandbox, type ListedMessage } from './helpers';
import { control } from './ovh-clients';

/**
 * The OVHcloud emulator on the virtual phone (`/_sandbox/phone`): what the OVH API accepted shows up there, and the
 * phone's settle and reply buttons change what the signed OVH API answers, as the control routes do.
 */

interface Received {
	method: string;
	url: string;
	body: string;
}

const sandbox = useSandbox();
let received: Received[] = [];
const receiver = useReceiver(({ method, url, body }) => {
	received.push({ method, url, body });
	return { body: 'OK' };
});

beforeEach(() => {
	received = [];
});

const api = (method: string, path: string, body?: unknown) =>
	signedCall(sandbox.urls.ovh, { method, path, body: body === undefined ? undefined : JSON.stringify(body) });

const send = async (service: string, body: Record<string, unknown>): Promise<number[]> => {
	const response = await api('POST', `/sms/${service}/jobs`, body);
	expect(response.status).toBe(200);
	return (response.json as { ids: number[] }).ids;
};

const phone = phoneLine(sandbox, 'ovh');
/** The OVHcloud messages of the phone list. */
const ovhMessages = phone.messages;

const settle = (id: string, status: string) => phone.post('settle', { id, status });
const reply = (from: string, text: string, to?: string) => phone.post('reply', { from, text, to });

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('GET /_sandbox/phone/messages', () => {
	it('lists OVHcloud, and nothing of it before a send', async () => {
		// ovhMessages checks that the list names OVHcloud.
		expect(await ovhMessages()).toEqual([]);
	});

	it('shows a job to two receivers as two queued sent messages, one per receiver', async () => {
		const ids = await send('sms-sandbox-1', { message: 'Your code is 1234', receivers: ['+33601020304', '0033601020305'] });
		expect(ids).toHaveLength(2);
		const messages = await ovhMessages();
		expect(messages).toEqual([
			{
				provider: 'ovh',
				id: `out-${ids[0]}`,
				direction: 'sent',
				phone: '+33601020304',
				peer: null,
				text: 'Your code is 1234',
				status: 'queued',
				segments: 1,
				encoding: 'GSM-7',
				at: expect.stringMatching(ISO),
			},
			{
				provider: 'ovh',
				id: `out-${ids[1]}`,
				direction: 'sent',
				phone: '+33601020305',
				peer: null,
				text: 'Your code is 1234',
				status: 'queued',
				segments: 1,
				encoding: 'GSM-7',
				at: expect.stringMatching(ISO),
			},
		]);
		// The creation time the API shows, to the second.
		const outgoing = (await api('GET', `/sms/sms-sandbox-1/outgoing/${ids[0]}`)).json as { creationDatetime: string };
		expect(Date.parse(messages[0].at)).toBe(Date.parse(outgoing.creationDatetime));
	});

	it('counts segments and encoding as the API billed them, STOP mention and sender included', async () => {
		const long = 'Привет, это длинное сообщение из песочницы SMS Kit. '.repeat(2).trim();
		const [unicode] = await send('sms-sandbox-1', { message: long, receivers: ['+33601020304'] });
		const [alpha] = await send('sms-sandbox-1', { message: 'Sale: -20% {today}', receivers: ['+33601020306'], sender: 'SMSKit' });
		const [shortcode] = await send('sms-sandbox-1', {
			message: 'Reply YES',
			receivers: ['+33601020307'],
			senderForResponse: true,
		});
		const byId = new Map((await ovhMessages()).map((m) => [m.id, m]));
		const billed = async (id: number) =>
			((await api('GET', `/sms/sms-sandbox-1/outgoing/${id}`)).json as { numberOfSms: number }).numberOfSms;

		expect(byId.get(`out-${unicode}`)).toMatchObject({ text: long, encoding: 'UCS-2', segments: Math.ceil(long.length / 67) });
		expect(byId.get(`out-${unicode}`)!.segments).toBe(await billed(unicode));
		expect(byId.get(`out-${unicode}`)!.segments).toBeGreaterThan(1);
		// A custom alphanumeric sender: the handset gets OVH's STOP mention; `{` and `}` take two septets each.
		expect(byId.get(`out-${alpha}`)).toMatchObject({
			peer: 'SMSKit',
			text: 'Sale: -20% {today}\nSTOP 36111',
			encoding: 'GSM-7',
			segments: await billed(alpha),
		});
		expect(byId.get(`out-${shortcode}`)).toMatchObject({ peer: '38111', text: 'Reply YES', segments: 1 });
	});

	it('shows a deferred job as queued, and refuses to settle it until the SMS clock releases it', async () => {
		const [job] = await send('sms-sandbox-1', { message: 'Later', receivers: ['+33601020304'], differedPeriod: 10 });
		expect(await ovhMessages()).toEqual([expect.objectContaining({ id: `out-${job}`, status: 'queued' })]);
		const refused = await settle(`out-${job}`, 'delivered');
		expect(refused.status).toBe(400);
		expect((refused.json as { error: string }).error).toMatch(/deferred/);

		await control(sandbox, 'POST', '/ovh/clock', { advanceMinutes: 10 });
		expect((await settle(`out-${job}`, 'delivered')).status).toBe(200);
		expect(await ovhMessages()).toEqual([expect.objectContaining({ id: `out-${job}`, status: 'delivered' })]);
	});

	it('is emptied by a reset', async () => {
		await send('sms-sandbox-1', { message: 'Hi', receivers: ['+33601020304'] });
		expect(await ovhMessages()).toHaveLength(1);
		sandbox.reset();
		expect(await ovhMessages()).toEqual([]);
	});
});

describe('POST /_sandbox/phone/settle', () => {
	interface Outgoing {
		deliveryReceipt: number;
		ptt: number;
		deliveredAt: string | null;
		sentAt: string | null;
	}
	const outgoing = async (id: number) => (await api('GET', `/sms/sms-sandbox-1/outgoing/${id}`)).json as Outgoing;

	it('delivers one SMS as the OVH API reports it, and leaves the other queued', async () => {
		const ids = await send('sms-sandbox-1', { message: 'Hi', receivers: ['+33601020304', '+33601020305'] });
		expect(await outgoing(ids[0])).toMatchObject({ deliveryReceipt: 0, ptt: 0, deliveredAt: null, sentAt: null });

		const response = await settle(`out-${ids[0]}`, 'delivered');
		expect(response.status).toBe(200);
		expect(response.json).toEqual({ ok: true });

		expect(await outgoing(ids[0])).toMatchObject({
			deliveryReceipt: 1,
			ptt: 4,
			deliveredAt: expect.any(String),
			sentAt: expect.any(String),
		});
		expect(await outgoing(ids[1])).toMatchObject({ deliveryReceipt: 0, ptt: 0, deliveredAt: null });
		// The list filter a poller uses.
		expect((await api('GET', '/sms/sms-sandbox-1/outgoing?deliveryReceipt=1')).json).toEqual([ids[0]]);
		expect((await ovhMessages()).map((m) => [m.id, m.status])).toEqual([
			[`out-${ids[0]}`, 'delivered'],
			[`out-${ids[1]}`, 'queued'],
		]);
	});

	it('fails an SMS, and GETs the account callBack with the report as the control route does', async () => {
		await api('PUT', '/sms/sms-sandbox-1', { callBack: `${receiver.url}/dlr?secret=s3cr3t` });
		const [id] = await send('sms-sandbox-1', { message: 'Hi', receivers: ['+33601020304'] });

		expect((await settle(`out-${id}`, 'failed')).status).toBe(200);

		expect(await outgoing(id)).toMatchObject({ deliveryReceipt: 2, ptt: 5, deliveredAt: null });
		expect(await ovhMessages()).toEqual([expect.objectContaining({ id: `out-${id}`, status: 'failed' })]);
		const { attempts } = (await control(sandbox, 'GET', '/ovh/callbacks?wait=1')).json as {
			attempts: { kind: string; payload: Record<string, string>; state: string }[];
		};
		expect(attempts).toEqual([
			expect.objectContaining({
				kind: 'delivery',
				state: 'accepted',
				payload: expect.objectContaining({ id: String(id), dlr: '2' }),
			}),
		]);
		expect(received).toHaveLength(1);
		const url = new URL(received[0].url, receiver.url);
		expect(received[0].method).toBe('GET');
		expect(url.pathname).toBe('/dlr');
		expect(Object.fromEntries(url.searchParams)).toMatchObject({ secret: 's3cr3t', id: String(id), ptt: '5', dlr: '2' });
	});

	it.each([
		['an unknown id', { id: 'out-42', status: 'delivered' }],
		['a bare API id', { id: '480000001', status: 'delivered' }],
		['the id of a received SMS', { id: 'in-780000001', status: 'delivered' }],
		['an unknown status', { id: 'out-480000001', status: 'lost' }],
		['no id', { status: 'delivered' }],
	])('answers 400 for %s', async (_case, body) => {
		await send('sms-sandbox-1', { message: 'Hi', receivers: ['+33601020304'] });
		await reply('+33601020304', 'Hello');
		const response = await phone.post('settle', body);
		expect(response.status).toBe(400);
		expect(response.json).toEqual({ error: expect.any(String) });
		expect((await ovhMessages()).find((m) => m.direction === 'sent')).toMatchObject({ status: 'queued' });
	});
});

describe('POST /_sandbox/phone/reply', () => {
	const incomingIds = async (service: string) => {
		const response = await api('GET', `/sms/${service}/incoming`);
		expect(response.status).toBe(200);
		return response.json as number[];
	};

	it('lands in the service incoming list the API serves, and in the phone list as received', async () => {
		const [sentId] = await send('sms-sandbox-1', { message: 'Reply YES', receivers: ['+33601020304'], tag: 'order-42' });

		const response = await reply('+33601020304', 'YES please');
		expect(response.status).toBe(200);
		const message = response.json as ListedMessage;
		expect(message).toEqual({
			provider: 'ovh',
			id: expect.stringMatching(/^in-\d+$/),
			direction: 'received',
			phone: '+33601020304',
			peer: '38111',
			text: 'YES please',
			status: 'received',
			segments: 1,
			encoding: 'GSM-7',
			at: expect.stringMatching(ISO),
		});

		const incomingId = Number(message.id.slice('in-'.length));
		expect(await incomingIds('sms-sandbox-1')).toEqual([incomingId]);
		expect(await incomingIds('sms-sandbox-2')).toEqual([]);
		// It takes the tag of the SMS it answers, as the control route's incoming SMS do.
		expect((await api('GET', `/sms/sms-sandbox-1/incoming/${incomingId}`)).json).toMatchObject({
			id: incomingId,
			message: 'YES please',
			sender: '+33601020304',
			tag: 'order-42',
		});

		expect(await ovhMessages()).toEqual([expect.objectContaining({ id: `out-${sentId}`, direction: 'sent' }), message]);
	});

	it('goes to the service of the last SMS sent to that phone, else the first service', async () => {
		await send('sms-sandbox-2', { message: 'From account 2', receivers: ['+33601020304'] });

		const answer = (await reply('+33601020304', 'To account 2')).json as ListedMessage;
		const stranger = (await reply('0033601020399', 'Who is this?')).json as ListedMessage;

		expect(await incomingIds('sms-sandbox-2')).toEqual([Number(answer.id.slice(3))]);
		expect(await incomingIds('sms-sandbox-1')).toEqual([Number(stranger.id.slice(3))]);
		expect(stranger.phone).toBe('+33601020399');
	});

	it('goes to the service of the last SMS from the sender it answers, when given one', async () => {
		await send('sms-sandbox-2', { message: 'From SMSKit on account 2', receivers: ['+33601020304'], sender: 'SMSKit' });
		await send('sms-sandbox-1', { message: 'From account 1', receivers: ['+33601020304'] });

		const answer = (await reply('+33601020304', 'Back to SMSKit', 'SMSKit')).json as ListedMessage;
		const latest = (await reply('+33601020304', 'Back to the latest')).json as ListedMessage;

		expect(await incomingIds('sms-sandbox-2')).toEqual([Number(answer.id.slice(3))]);
		expect(await incomingIds('sms-sandbox-1')).toEqual([Number(latest.id.slice(3))]);
	});

	it('POSTs the reply to smsResponse.cgiUrl, as the control route does', async () => {
		await api('PUT', '/sms/sms-sandbox-1', { smsResponse: { responseType: 'cgi', cgiUrl: `${receiver.url}/mo` } });

		const message = (await reply('+33601020304', 'STOP now')).json as ListedMessage;
		await control(sandbox, 'GET', '/ovh/callbacks?wait=1');

		expect(received).toHaveLength(1);
		expect(received[0]).toMatchObject({ method: 'POST', url: '/mo' });
		expect(Object.fromEntries(new URLSearchParams(received[0].body))).toMatchObject({
			id: message.id.slice('in-'.length),
			message: 'STOP now',
			senderid: '+33601020304',
			shortcode: '38111',
			keyword: 'STOP',
		});
	});

	it('counts a reply that needs UCS-2', async () => {
		const message = (await reply('+33601020304', 'Merci 😀')).json as ListedMessage;
		expect(message).toMatchObject({ encoding: 'UCS-2', segments: 1 });
	});

	it.each([
		['a sender that is not a phone number', { from: 'Bob', text: 'Hi' }],
		['a number too short', { from: '+3360', text: 'Hi' }],
		['no sender', { text: 'Hi' }],
		['no text', { from: '+33601020304' }],
		['an unknown provider', { provider: 'nope', from: '+33601020304', text: 'Hi' }],
	])('answers 400 for %s, and keeps nothing', async (_case, body) => {
		const response = await phone.post('reply', body);
		expect(response.status).toBe(400);
		expect(response.json).toEqual({ error: expect.any(String) });
		expect(await incomingIds('sms-sandbox-1')).toEqual([]);
		expect(await ovhMessages()).toEqual([]);
	});

	it('names the field in its refusal of a bad number', async () => {
		const response = await reply('12', 'Hi');
		expect((response.json as { error: string }).error).toMatch(/^from must be a phone number/);
	});
});
