import { startSandbox, type Sandbox } from '../../sandbox/server';
import { rawCall } from './helpers';
import { api, control, keyed, KEYS, sendOne } from './smsmobileapi-helpers';

/** Every SMSMobileAPI route over raw HTTP: parameters, answers and error shapes (specs §1–§5, §8). */

let sandbox: Sandbox;
let clock = Date.parse('2026-09-23T12:00:00Z');

beforeAll(async () => {
	sandbox = await startSandbox({ now: () => clock });
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.reset();
	clock = Date.parse('2026-09-23T12:00:00Z');
});

type Log = { result: { sms: Record<string, unknown>[] } };
const log = async (params: Record<string, string> = {}) =>
	((await api(sandbox, '/log/sent/sms/', keyed(params))).json as Log).result.sms;
const setStatus = (guid: string, status: string) => control(sandbox, 'POST', `/messages/${guid}/status`, { status });

describe('base URL, methods, parameters', () => {
	it('is served under /smsmobileapi on the shared listener, and over TLS', () => {
		expect(sandbox.urls.smsmobileapi).toBe(`${sandbox.origin}/smsmobileapi`);
		expect(sandbox.tlsUrls.smsmobileapi).toBe(`https://127.0.0.1:${sandbox.tlsPort}/smsmobileapi`);
	});

	it.each(['/sendsms', '/sendsms/'])('sends with GET %s, the Python module without the slash', async (path) => {
		const answer = await api(sandbox, path, keyed({ recipients: '+15551230001', message: 'Hi', from: 'python' }));
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
		expect(answer.json).toEqual({
			result: {
				error: 0,
				sent: '1',
				id: expect.stringMatching(/^[0-9a-f]{40}$/),
				note: 'sent by mobile',
				datetime: '2026-09-23T12:00:00Z',
				datetimeLocal: '2026-09-23T12:00:00+00:00',
				port: null,
				iac_control: '1',
				iac_authorized: '1',
				send_with_whatsapp: '0',
				encrypted: { status: '0' },
				trial_account: { status: '0', sms_sent: 0 },
			},
		});
	});

	it('merges a POST form with its query (the Postman collection), and reads a POST with the query only (Odoo)', async () => {
		const merged = await api(sandbox, '/sendsms/', keyed({ recipients: '+15551230001', message: 'Hi' }), {
			method: 'POST',
			query: { waonly: 'yes' },
		});
		expect(merged.json).toMatchObject({ result: { error: 0, send_with_whatsapp: '1' } });
		const queryOnly = await rawCall(
			`${sandbox.urls.smsmobileapi}/sendsms/?${new URLSearchParams(keyed({ recipients: '+15551230002', message: 'Odoo', from: 'odoo' }))}`,
			{ method: 'POST', body: '', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
		);
		expect(queryOnly.status).toBe(200);
		expect((await log()).map((m) => [m.recipients, m.send_with_whatsapp])).toEqual([
			['+15551230002', '0'],
			['+15551230001', '1'],
		]);
	});

	it("reads the CLI's unencoded form: a leading + that became a space is restored, sendsms=0&sendwa=0 is an SMS", async () => {
		const body = `recipients=+33601020304&message=Hi there&apikey=${KEYS.apikey}&sendsms=0&sendwa=0&from=ssh`;
		const answer = await rawCall(`${sandbox.urls.smsmobileapi}/sendsms/`, {
			method: 'POST',
			body,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		});
		expect(answer.json).toMatchObject({ result: { error: 0, send_with_whatsapp: '0' } });
		expect((await log())[0]).toMatchObject({ recipients: '+33601020304', message: 'Hi there' });
	});

	it('answers 404 off the API and 405 for other methods, in the error shape', async () => {
		const missing = await api(sandbox, '/nope/', keyed());
		expect(missing.status).toBe(404);
		expect(missing.json).toEqual({ error: 'not_found', message: expect.any(String) });
		const put = await rawCall(`${sandbox.urls.smsmobileapi}/sendsms/`, { method: 'PUT', body: '' });
		expect(put.status).toBe(405);
		expect(put.headers.get('allow')).toBe('GET, POST');
	});
});

describe('API key', () => {
	it('takes the key from the query or the body', async () => {
		expect((await api(sandbox, '/getsms/', keyed())).status).toBe(200);
		expect((await api(sandbox, '/getsms/', keyed(), { method: 'POST' })).status).toBe(200);
	});

	it.each([
		['missing', {}, 'missing_apikey'],
		['unknown', { apikey: 'f'.repeat(48) }, 'invalid_apikey'],
	])('answers 403 {error, message} when the key is %s', async (_, params, code) => {
		const answer = await api(sandbox, '/sendsms/', { recipients: '+15551230001', message: 'Hi', ...params });
		expect(answer.status).toBe(403);
		expect(answer.json).toEqual({ error: code, message: expect.any(String) });
	});

	it('accepts a key added through the control API until the next reset', async () => {
		const extra = 'a'.repeat(48);
		await rawCall(`${sandbox.origin}/_sandbox/credentials`, {
			method: 'POST',
			body: JSON.stringify({ smsmobileapi: { apikey: extra } }),
		});
		expect((await api(sandbox, '/getsms/', { apikey: extra })).status).toBe(200);
		sandbox.reset();
		expect((await api(sandbox, '/getsms/', { apikey: extra })).status).toBe(403);
	});

	it('refuses badly shaped credentials', async () => {
		const answer = await rawCall(`${sandbox.origin}/_sandbox/credentials`, {
			method: 'POST',
			body: JSON.stringify({ smsmobileapi: { apikey: KEYS.apikey, clientId: 'short', clientSecret: 'x' } }),
		});
		expect(answer.status).toBe(400);
	});
});

describe('/sendsms/', () => {
	it.each([
		['recipients', { message: 'Hi' }],
		['message', { recipients: '+15551230001' }],
	])('answers 400 when %s is missing', async (name, params) => {
		const answer = await api(sandbox, '/sendsms/', keyed(params));
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: 'missing_parameter', message: `The parameter ${name} is required` });
	});

	it.each([
		['several recipients (one per call)', { recipients: '+15551230001,+15551230002' }],
		['a number that is not one', { recipients: 'hello' }],
		['an http media URL', { url_media: 'http://example.com/a.pdf', waonly: 'yes' }],
		['an unknown phone', { sIdentifiant: 'nope' }],
		['a SIM slot 3', { port: '3' }],
		['a schedule that is no Unix time', { schedule_timestamp: 'tomorrow' }],
	])('answers 400 for %s', async (_, params) => {
		const answer = await api(sandbox, '/sendsms/', keyed({ recipients: '+15551230001', message: 'Hi', ...params }));
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: 'invalid_parameter', message: expect.any(String) });
		expect(await log()).toEqual([]);
	});

	it('records WhatsApp numbers with or without +, media, sending phone, schedule and tag', async () => {
		await sendOne(sandbox, {
			recipients: '15551230003',
			waonly: 'yes',
			url_media: 'https://example.com/a.pdf',
			sIdentifiant: 'sandbox-phone-1',
			schedule_timestamp: '1790003600',
			from: 'composer',
		});
		await sendOne(sandbox, { recipients: '+15551230004', sendwa: '1', sendsms: '0' });
		await sendOne(sandbox, { recipients: '+15551230005', sendwa: '1' });
		const [both, waOnly, media] = await log();
		expect(media).toMatchObject({
			recipients: '15551230003',
			send_with_whatsapp: '1',
			url_media: 'https://example.com/a.pdf',
			sIdentifiant: 'sandbox-phone-1',
			schedule_timestamp: 1790003600,
			status: 'queued',
		});
		expect(waOnly).toMatchObject({ recipients: '+15551230004', send_with_whatsapp: '1' });
		expect(both).toMatchObject({ recipients: '+15551230005', send_with_whatsapp: '1' });
		expect((await rawCall(`${sandbox.origin}/_sandbox/messages`)).json).toMatchObject({
			smsmobileapi: [{ recipients: '15551230003' }, { recipients: '+15551230004' }, { recipients: '+15551230005' }],
		});
	});

	it('accepts a send to the offline phone, which fails it (the log says so)', async () => {
		const guid = await sendOne(sandbox, { sIdentifiant: 'sandbox-phone-offline' });
		expect((await log({ guid_message: guid }))[0]).toMatchObject({
			status: 'failed',
			send_from_mobile: '0',
			send_from_mobile_erreur: expect.stringContaining('offline'),
			error_api: '0',
			error_mobile: '1',
		});
	});
});

describe('state, sent log and resend', () => {
	it('moves a queued message to sent or failed through the control API, once', async () => {
		const guid = await sendOne(sandbox);
		expect((await log())[0]).toMatchObject({ guid, status: 'queued', send_from_mobile: '0', send_from_mobile_erreur: '' });
		expect((await setStatus(guid, 'sent')).json).toMatchObject({ guid, status: 'sent', send_from_mobile: '1' });
		expect((await setStatus(guid, 'failed')).status).toBe(409);
		expect((await setStatus('f'.repeat(40), 'sent')).status).toBe(404);
		expect((await setStatus(guid, 'delivered')).status).toBe(400);
	});

	it('fails the queued messages of a phone that goes offline', async () => {
		const guid = await sendOne(sandbox);
		const answer = await control(sandbox, 'PUT', '/phones/sandbox-phone-1', { online: false });
		expect(answer.json).toMatchObject({ sid: 'sandbox-phone-1', online: false, failed: [guid] });
		expect((await log())[0]).toMatchObject({ status: 'failed' });
		// Nothing online left: the next send fails too.
		expect((await log({ guid_message: await sendOne(sandbox) }))[0]).toMatchObject({ status: 'failed' });
		expect((await control(sandbox, 'PUT', '/phones/nope', { online: true })).status).toBe(404);
	});

	it('filters the log by guid, before (time or guid), keyword and error flags, newest first', async () => {
		const first = await sendOne(sandbox, { message: 'Order shipped' });
		clock += 60_000;
		const second = await sendOne(sandbox, { message: 'Your CODE is 1234' });
		clock += 60_000;
		const third = await sendOne(sandbox, { message: 'Bye' });
		await setStatus(second, 'failed');
		const guids = (rows: Record<string, unknown>[]) => rows.map((row) => row.guid);
		expect(guids(await log())).toEqual([third, second, first]);
		expect(guids(await log({ guid_message: second }))).toEqual([second]);
		expect(guids(await log({ before: String(Math.floor(clock / 1000)) }))).toEqual([second, first]);
		expect(guids(await log({ before: second }))).toEqual([first]);
		expect(guids(await log({ keyword: 'code' }))).toEqual([second]);
		expect(guids(await log({ error_mobile: '1' }))).toEqual([second]);
		expect(guids(await log({ error_mobile: '0' }))).toEqual([third, first]);
		expect(guids(await log({ error_api: '1' }))).toEqual([]);
		expect((await api(sandbox, '/log/sent/sms/', keyed({ error_api: 'x' }))).status).toBe(400);
	});

	it('resends only a failed message, answering an application error (HTTP 200) otherwise', async () => {
		const guid = await sendOne(sandbox);
		const early = await api(sandbox, '/resend/', keyed({ guid }));
		expect(early.status).toBe(200);
		expect(early.json).toMatchObject({ result: { error: expect.stringMatching(/.+/) } });
		await setStatus(guid, 'failed');
		const resent = await api(sandbox, '/resend', keyed({ guid }), { method: 'POST' });
		expect(resent.json).toMatchObject({ result: { error: 0, sent: '1', id: guid } });
		expect((await log())[0]).toMatchObject({ status: 'queued', resends: 1, send_from_mobile_erreur: '' });
		const unknown = await api(sandbox, '/resend/', keyed({ guid: 'f'.repeat(40) }));
		expect(unknown.json).toMatchObject({ result: { error: expect.stringContaining('No message') } });
		expect((await api(sandbox, '/resend/', keyed())).status).toBe(400);
	});

	it('resends WhatsApp with /resendwa/ only', async () => {
		const guid = await sendOne(sandbox, { waonly: 'yes' });
		await setStatus(guid, 'failed');
		expect((await api(sandbox, '/resend/', keyed({ guid }))).json).toMatchObject({
			result: { error: expect.stringContaining('/resendwa/') },
		});
		expect((await api(sandbox, '/resendwa/', keyed({ guid }))).json).toMatchObject({ result: { error: 0, id: guid } });
	});
});

describe('received SMS', () => {
	const inject = (body: Record<string, unknown>) => control(sandbox, 'POST', '/incoming', body);
	type Inbox = { result: { error: string; sms: Record<string, unknown>[] } };
	const getsms = async (params: Record<string, string> = {}) => (await api(sandbox, '/getsms', keyed(params))).json as Inbox;

	it('lists injected SMS with the OpenAPI and legacy fields', async () => {
		const injected = await inject({ number: '+15551234567', message: 'Can you call me back?', alias: 'Taylor' });
		expect(injected.status).toBe(200);
		expect(await getsms()).toEqual({
			result: {
				error: '',
				sms: [
					{
						id: 1,
						sIdentifiantPhone: 'sandbox-phone-1',
						timestamp_unix: 1790164800,
						message: 'Can you call me back?',
						number: '+15551234567',
						guid: expect.stringMatching(/^SMS-[0-9A-F]{16}$/),
						alias: 'Taylor',
						date: '2026-09-23',
						hour: '12:00:00',
						time_received: '2026-09-23 12:00:00',
					},
				],
			},
		});
	});

	it('filters on after_timestamp_unix, sIdentifiantPhone and onlyunread=yes (listing marks read)', async () => {
		await inject({ number: '+15551230001', message: 'one' });
		clock += 10_000;
		await inject({ number: '+15551230002', message: 'two', device: 'sandbox-phone-offline' });
		const texts = (inbox: Inbox) => inbox.result.sms.map((sms) => sms.message);
		expect(texts(await getsms({ sIdentifiantPhone: 'sandbox-phone-1', onlyunread: 'yes' }))).toEqual(['one']);
		expect(texts(await getsms({ onlyunread: 'yes' }))).toEqual(['two']);
		expect(texts(await getsms({ onlyunread: 'yes' }))).toEqual([]);
		expect(texts(await getsms())).toEqual(['one', 'two']);
		expect(texts(await getsms({ after_timestamp_unix: String(Math.floor(clock / 1000) - 5) }))).toEqual(['two']);
		expect(texts(await getsms({ after_timestamp_unix: String(Math.floor(clock / 1000)) }))).toEqual([]);
		expect((await api(sandbox, '/getsms/', keyed({ after_timestamp_unix: 'yesterday' }))).status).toBe(400);
	});

	it('refuses a bad injection', async () => {
		expect((await inject({ number: 'x', message: 'm' })).status).toBe(400);
		expect((await inject({ number: '+15551230001' })).status).toBe(400);
		expect((await inject({ number: '+15551230001', message: 'm', device: 'nope' })).status).toBe(400);
	});

	it('deletes through the guessed /deletesms/ by guid or by dates', async () => {
		const first = (await inject({ number: '+15551230001', message: 'one' })).json as { guid: string };
		clock += 86_400_000;
		await inject({ number: '+15551230002', message: 'two' });
		clock += 86_400_000;
		await inject({ number: '+15551230003', message: 'three' });
		expect((await api(sandbox, '/deletesms/', keyed({ guid_message: first.guid }))).json).toEqual({
			result: { error: '', deleted: 1, guids: [first.guid] },
		});
		const byDate = await api(sandbox, '/deletesms', keyed({ date_start: '2026-09-24', date_end: '2026-09-24' }));
		expect(byDate.json).toMatchObject({ result: { deleted: 1 } });
		expect((await getsms()).result.sms.map((sms) => sms.message)).toEqual(['three']);
		expect((await api(sandbox, '/deletesms/', keyed({ date_start: '24/09/2026' }))).status).toBe(400);
		expect((await api(sandbox, '/deletesms/', { guid_message: first.guid })).status).toBe(403);
	});
});

describe('devices and WhatsApp', () => {
	it('lists the phones, one offline, with the sid and search filters', async () => {
		type Phones = { result: { mobiles: Record<string, unknown>[] } };
		const list = async (params: Record<string, string> = {}) =>
			((await api(sandbox, '/gateway/mobile/list/', keyed(params))).json as Phones).result.mobiles;
		expect(await list()).toEqual([
			{ sIdentifiant: 'sandbox-phone-1', name: 'Sandbox Phone 1', online: '1', status: 'online' },
			{ sIdentifiant: 'sandbox-phone-offline', name: 'Sandbox Phone (offline)', online: '0', status: 'offline' },
		]);
		expect(await list({ sid: 'sandbox-phone-1' })).toHaveLength(1);
		expect(await list({ search: 'OFFLINE' })).toHaveLength(1);
		await control(sandbox, 'PUT', '/phones/sandbox-phone-offline', { online: true });
		expect((await list({ search: 'offline' }))[0]).toMatchObject({ online: '1' });
	});

	it('checks a WhatsApp number given without + or 00', async () => {
		expect((await api(sandbox, '/whatsapp/checknumber/', keyed({ recipients: '15551230001' }))).json).toEqual({
			result: { error: '', number: '15551230001', whatsapp: '1', exists: true },
		});
		expect((await api(sandbox, '/whatsapp/checknumber', keyed({ recipients: '15551230009' }))).json).toMatchObject({
			result: { whatsapp: '0', exists: false },
		});
		expect((await api(sandbox, '/whatsapp/checknumber/', keyed({ recipients: '+15551230001' }))).status).toBe(400);
		expect((await api(sandbox, '/whatsapp/checknumber/', keyed())).status).toBe(400);
	});
});

describe('429', () => {
	it('answers 429 with Retry-After while the switch is on, then recovers', async () => {
		expect((await control(sandbox, 'PUT', '/rate-limit', { on: true, retryAfter: 7 })).json).toEqual({ on: true, retryAfter: 7 });
		const limited = await api(sandbox, '/sendsms/', keyed({ recipients: '+15551230001', message: 'Hi' }));
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('7');
		expect(limited.json).toEqual({ error: 'too_many_requests', message: expect.any(String) });
		expect((await api(sandbox, '/oauth2/token', {}, { method: 'POST' })).status).toBe(429);
		await control(sandbox, 'PUT', '/rate-limit', { on: false });
		expect(await log()).toEqual([]);
		expect((await control(sandbox, 'PUT', '/rate-limit', { on: 'yes' })).status).toBe(400);
	});

	it('is off again after a reset', async () => {
		await control(sandbox, 'PUT', '/rate-limit', { on: true });
		sandbox.reset();
		expect((await control(sandbox, 'GET', '/rate-limit')).json).toEqual({ on: false, retryAfter: 60 });
	});
});
