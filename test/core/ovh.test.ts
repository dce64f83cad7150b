import { SmsError } from '../../core/errors';
import { listServices, ovhBaseUrl, ovhError, ovhJson, ovhSession, ovhWire, sendMessage } from '../../core/providers/ovh';
import type { WireRequest } from '../../core/http';
import { validateInput } from '../../core/operation';

describe('OVH request building', () => {
	it('serialises like node-ovh: no spaces, non-ASCII escaped (spec §3.5)', () => {
		expect(ovhJson({ message: 'Hello from OVH é', receivers: ['+33601020304'] })).toBe(
			'{"message":"Hello from OVH \\u00e9","receivers":["+33601020304"]}',
		);
	});

	it('builds POST /sms/{service}/jobs without empty options', () => {
		const input = validateInput(sendMessage, {
			service: 'sms-ab12345-1',
			message: 'Hi',
			receivers: ['0033601020304'],
			tag: '',
			priority: 'high',
		});
		expect(sendMessage.request(input)).toEqual({
			method: 'POST',
			path: '/sms/sms-ab12345-1/jobs',
			body: { message: 'Hi', receivers: ['+33601020304'], priority: 'high' },
		});
	});

	it('refuses sender and senderForResponse together', () => {
		expect(() =>
			validateInput(sendMessage, { service: 's', message: 'm', receivers: '+33601020304', sender: 'X', senderForResponse: true }),
		).toThrow(/either a sender or "sender for response"/);
	});

	it('puts the query in the URL exactly as it is signed', () => {
		const wire = ovhWire('https://eu.api.ovh.com/1.0', {
			method: 'GET',
			path: '/sms/sms-ab12345-1/outgoing',
			query: { receiver: '+33601020304', 'creationDatetime.from': '2024-01-01T00:00:00+01:00' },
		});
		expect(wire.url).toBe(
			'https://eu.api.ovh.com/1.0/sms/sms-ab12345-1/outgoing?receiver=%2B33601020304&creationDatetime.from=2024-01-01T00%3A00%3A00%2B01%3A00',
		);
		expect(wire.body).toBeUndefined();
	});

	it('knows every endpoint and a custom base URL', () => {
		expect(ovhBaseUrl('ovh-ca')).toBe('https://ca.api.ovh.com/1.0');
		expect(ovhBaseUrl('custom', 'http://127.0.0.1:4010/ovh/1.0/')).toBe('http://127.0.0.1:4010/ovh/1.0');
		expect(() => ovhBaseUrl('custom')).toThrow(/no base URL/);
	});
});

describe('OVH responses', () => {
	it('reports one result per receiver, invalid ones included', () => {
		const input = validateInput(sendMessage, { service: 'sms-1', message: 'Привет', receivers: '+33601020304,+33601020305' });
		const results = sendMessage.parse(
			{ ids: [11], validReceivers: ['+33601020304'], invalidReceivers: ['+33601020305'], totalCreditsRemoved: 1, tag: 't' },
			input,
		);
		expect(results).toEqual([
			expect.objectContaining({
				to: '+33601020304',
				status: 'queued',
				messageId: '11',
				encoding: 'UCS-2',
				segments: 1,
				error: null,
			}),
			expect.objectContaining({
				to: '+33601020305',
				status: 'rejected',
				messageId: null,
				error: expect.objectContaining({ code: 'INVALID_RECEIVER' }),
			}),
		]);
	});

	it('turns an unexpected body into a clear error', () => {
		expect(() => listServices.parse({ oops: true }, {})).toThrow(SmsError);
	});

	it.each([
		[{ errorCode: 'INVALID_SIGNATURE', httpCode: '400 Bad Request', message: 'Invalid signature' }, 400, 'INVALID_SIGNATURE'],
		[{ class: 'Client::Forbidden', message: 'This call has not been granted' }, 403, 'Client::Forbidden'],
		['<html>oops</html>', 502, 'HTTP_502'],
	])('maps error body %j', (body, status, code) => {
		const error = ovhError({ status, headers: { 'x-ovh-queryid': 'EU.ext-1.abc' }, body });
		expect(error).toMatchObject({ provider: 'ovh', code, httpStatus: status, requestId: 'EU.ext-1.abc', retryable: false });
		expect(error.describe()).toContain(code);
	});
});

describe('ovhSession', () => {
	it('fetches /auth/time once, then signs every call with the server-aligned timestamp', async () => {
		const sent: WireRequest[] = [];
		const transport = async (wire: WireRequest) => {
			sent.push(wire);
			if (wire.url.endsWith('/auth/time')) return { status: 200, headers: {}, body: 1457018881 };
			return { status: 200, headers: {}, body: [] };
		};
		const keys = { applicationKey: 'AK', applicationSecret: 'AS', consumerKey: 'CK', endpoint: 'ovh-eu' };
		const send = ovhSession(keys, transport, () => 1457018875467);
		await send({ method: 'GET', path: '/sms' });
		await send({ method: 'GET', path: '/sms' });
		expect(sent.map((w) => w.url)).toEqual([
			'https://eu.api.ovh.com/1.0/auth/time',
			'https://eu.api.ovh.com/1.0/sms',
			'https://eu.api.ovh.com/1.0/sms',
		]);
		expect(sent[0].headers).not.toHaveProperty('X-Ovh-Signature');
		expect(sent[1].headers).toMatchObject({ 'X-Ovh-Timestamp': '1457018881', 'X-Ovh-Consumer': 'CK', 'X-Ovh-Application': 'AK' });
		expect(sent[1].headers['X-Ovh-Signature']).toMatch(/^\$1\$[0-9a-f]{40}$/);
	});
});
