import { signedCall, useSandbox } from './helpers';
import { control } from './ovh-clients';

/** The `/_sandbox/ovh/…` control routes: their answers, their refusals, and what a reset undoes. */

const sandbox = useSandbox();

const api = (method: string, path: string, body?: unknown) =>
	signedCall(sandbox.urls.ovh, { method, path, body: body === undefined ? undefined : JSON.stringify(body) });
const sendOne = async (extra: Record<string, unknown> = {}) =>
	(
		(await api('POST', '/sms/sms-sandbox-1/jobs', { message: 'Hi', receivers: ['+33601020304'], ...extra })).json as {
			ids: number[];
		}
	).ids[0];

describe('POST /_sandbox/ovh/incoming', () => {
	it('answers the sms.Incoming record, its service and the callback id', async () => {
		const response = await control(sandbox, 'POST', '/ovh/incoming', { sender: '+33601020304', message: 'Hello' });
		expect(response.status).toBe(200);
		expect(response.json).toEqual({
			creationDatetime: expect.stringMatching(/\+00:00$/),
			credits: 0,
			id: expect.any(Number),
			message: 'Hello',
			sender: '+33601020304',
			tag: '',
			service: 'sms-sandbox-1',
			callback: null,
		});
	});

	it.each([
		['no sender', { message: 'Hi' }, 400],
		['a sender that is not a number', { sender: 'Bob', message: 'Hi' }, 400],
		['no message', { sender: '+33601020304' }, 400],
		['an unknown service', { service: 'sms-nope-1', sender: '+33601020304', message: 'Hi' }, 404],
	])('refuses %s', async (_case, body, status) => {
		const response = await control(sandbox, 'POST', '/ovh/incoming', body);
		expect(response.status).toBe(status);
		expect(response.json).toEqual({ error: expect.any(String) });
	});
});

describe('POST /_sandbox/ovh/outgoing/{id}/delivery', () => {
	it('sets ptt and deliveryReceipt explicitly', async () => {
		const id = await sendOne();
		const response = await control(sandbox, 'POST', `/ovh/outgoing/${id}/delivery`, { ptt: 24, deliveryReceipt: 8 });
		expect(response.json).toMatchObject({ id, ptt: 24, deliveryReceipt: 8, deliveredAt: null, sentAt: expect.any(String) });
		const delivered = await control(sandbox, 'POST', `/ovh/outgoing/${id}/delivery`, { status: 'delivered' });
		expect(delivered.json).toMatchObject({ ptt: 4, deliveryReceipt: 1, deliveredAt: expect.any(String) });
	});

	it.each([
		['an unknown status', { status: 'lost' }, 400],
		['no status nor codes', {}, 400],
		['a negative ptt', { ptt: -1 }, 400],
	])('refuses %s', async (_case, body, status) => {
		const id = await sendOne();
		expect((await control(sandbox, 'POST', `/ovh/outgoing/${id}/delivery`, body)).status).toBe(status);
	});

	it('answers 404 for an unknown id and 409 for a job still pending', async () => {
		expect((await control(sandbox, 'POST', '/ovh/outgoing/42/delivery', { status: 'delivered' })).status).toBe(404);
		const job = await sendOne({ differedPeriod: 10 });
		const pending = await control(sandbox, 'POST', `/ovh/outgoing/${job}/delivery`, { status: 'delivered' });
		expect(pending.status).toBe(409);
		await control(sandbox, 'POST', '/ovh/clock', { advanceMinutes: 10 });
		expect((await control(sandbox, 'POST', `/ovh/outgoing/${job}/delivery`, { status: 'delivered' })).status).toBe(200);
	});
});

describe('credits, reviews and the clock', () => {
	it('sets the credits left', async () => {
		expect((await control(sandbox, 'PUT', '/ovh/services/sms-sandbox-2/credits', { creditsLeft: 2.5 })).json).toEqual({
			service: 'sms-sandbox-2',
			creditsLeft: 2.5,
		});
		expect((await api('GET', '/sms/sms-sandbox-2')).json).toMatchObject({ creditsLeft: 2.5 });
		expect((await control(sandbox, 'PUT', '/ovh/services/sms-sandbox-2/credits', { creditsLeft: -1 })).status).toBe(400);
		expect((await control(sandbox, 'PUT', '/ovh/services/sms-nope/credits', { creditsLeft: 1 })).status).toBe(404);
	});

	it('reviews senders and templates, and refuses other decisions', async () => {
		const sender = await control(sandbox, 'POST', '/ovh/senders/sms-sandbox-1/PendingCo/review', {
			status: 'refused',
			comment: 'No proof of ownership',
		});
		expect(sender.json).toMatchObject({ sender: 'PendingCo', status: 'refused', comment: 'No proof of ownership' });
		expect((await control(sandbox, 'POST', '/ovh/senders/sms-sandbox-1/PendingCo/review', { status: 'disable' })).status).toBe(
			400,
		);
		expect((await control(sandbox, 'POST', '/ovh/senders/sms-sandbox-1/Nobody/review', { status: 'enable' })).status).toBe(404);
		expect((await control(sandbox, 'POST', '/ovh/templates/sms-sandbox-1/none/review', { status: 'enable' })).status).toBe(404);

		await api('POST', '/sms/sms-sandbox-1/templatesControl', {
			activity: 'alerting',
			message: 'Alert #VALUE#',
			name: 'my alert',
		});
		const template = await control(sandbox, 'POST', `/ovh/templates/sms-sandbox-1/${encodeURIComponent('my alert')}/review`, {
			status: 'enable',
		});
		expect(template.json).toMatchObject({ name: 'my alert', status: 'enable', comment: '' });
	});

	it('moves the SMS clock only, never /auth/time', async () => {
		const before = Number((await signedCall(sandbox.urls.ovh, { method: 'GET', path: '/auth/time' })).text);
		const clock = await control(sandbox, 'POST', '/ovh/clock', { advanceMinutes: 90 });
		expect(clock.json).toEqual({ now: expect.stringMatching(/\+00:00$/), offsetMinutes: 90, pendingJobs: [] });
		const smsNow = Date.parse((clock.json as { now: string }).now);
		expect(smsNow - before * 1000).toBeGreaterThanOrEqual(90 * 60_000 - 1000);
		const after = Number((await signedCall(sandbox.urls.ovh, { method: 'GET', path: '/auth/time' })).text);
		expect(after - before).toBeLessThan(5);
		expect((await api('GET', '/sms')).status).toBe(200); // signatures still in the window
		expect((await control(sandbox, 'POST', '/ovh/clock', { advanceMinutes: -1 })).status).toBe(400);
		expect((await control(sandbox, 'GET', '/ovh/clock')).json).toMatchObject({ offsetMinutes: 90 });
	});

	it('answers 404 for unknown control routes and consumer keys', async () => {
		expect((await control(sandbox, 'GET', '/ovh/nothing')).status).toBe(404);
		expect((await control(sandbox, 'POST', '/ovh/consumer-keys/nope/validate')).status).toBe(404);
		expect((await control(sandbox, 'POST', '/ovh/incoming', '[1]')).status).toBe(400);
	});
});

it('resets jobs, records, moderation, settings, callbacks, tokens and the clock', async () => {
	await api('PUT', '/sms/sms-sandbox-1', { callBack: 'http://127.0.0.1:9/dlr', description: 'changed' });
	const id = await sendOne();
	await sendOne({ differedPeriod: 5 });
	await control(sandbox, 'POST', `/ovh/outgoing/${id}/delivery`, { status: 'delivered' });
	await control(sandbox, 'POST', '/ovh/incoming', { sender: '+33601020304', message: 'Hi' });
	await api('POST', '/sms/sms-sandbox-1/templatesControl', { activity: 'alerting', message: 'x', name: 't' });
	await api('POST', '/sms/sms-sandbox-1/senders', { sender: 'NewOne' });
	await control(sandbox, 'POST', '/ovh/clock', { advanceMinutes: 1 });

	expect((await control(sandbox, 'POST', '/reset')).json).toEqual({ ok: true });
	expect((await api('GET', '/sms/sms-sandbox-1')).json).toMatchObject({ callBack: null, description: '', creditsLeft: 1000 });
	for (const path of ['jobs', 'outgoing', 'incoming', 'templatesControl']) {
		expect((await api('GET', `/sms/sms-sandbox-1/${path}`)).json).toEqual([]);
	}
	expect((await api('GET', '/sms/sms-sandbox-1/senders')).json).toEqual(['SMSKit', 'PendingCo']);
	expect((await control(sandbox, 'GET', '/ovh/callbacks')).json).toEqual({ attempts: [] });
	expect((await control(sandbox, 'GET', '/ovh/clock')).json).toMatchObject({ offsetMinutes: 0 });
	expect((await control(sandbox, 'GET', '/messages')).json).toEqual({ ovh: [], tencent: [], alibaba: [], smsmobileapi: [] });
});
