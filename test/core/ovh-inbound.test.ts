import {
	getOutgoing,
	listOutgoingIds,
	ovhDeliveryEvent,
	ovhDeliveryStatus,
	ovhIncomingEvent,
	provider,
	sendMessage,
	smsKitAccessRules,
	updateService,
} from '../../core/providers/ovh';
import { validateInput } from '../../core/operation';

const now = new Date('2026-11-22T07:00:00Z');

describe('OVHcloud delivery status', () => {
	it.each([
		[1, 0, 'delivered'],
		[2, 5, 'failed'],
		[16, 0, 'failed'],
		[0, 4, 'delivered'],
		[0, 0, 'pending'],
		[4, 24, 'pending'],
		[0, 6, 'unknown'],
		[0, 23, 'failed'],
		[undefined, undefined, 'pending'],
	])('DLR %p, ptt %p → %s', (dlr, ptt, status) => {
		expect(ovhDeliveryStatus(dlr, ptt)).toBe(status);
	});
});

describe('OVHcloud callbacks make the normalised events', () => {
	const parse = (query: object, body: unknown, event?: 'incoming' | 'delivery') =>
		provider.inbound.parse(
			{ method: 'GET', query: query as Record<string, unknown>, body },
			{ event, account: 'sms-1', now: now.getTime() },
		);

	it('reads a delivery-report query (GET callBack)', () => {
		const [item] = parse(
			{ id: '123', ptt: '4', date: '2026-11-22T08:00:00+01:00', description: '1', descriptionDlr: 'Success', dlr: '1' },
			undefined,
		);
		expect(item.key).toBe('ovh:delivery:123:delivered');
		expect(item.payload).toEqual({
			provider: 'ovh',
			event: 'delivery',
			status: 'delivered',
			to: '',
			messageId: '123',
			at: '2026-11-22T07:00:00.000Z',
			description: 'Success',
			account: 'sms-1',
			raw: { id: '123', ptt: '4', date: '2026-11-22T08:00:00+01:00', description: '1', descriptionDlr: 'Success', dlr: '1' },
		});
		const polled = ovhDeliveryEvent({
			id: 123,
			receiver: '+33601020304',
			deliveryReceipt: 1,
			ptt: 4,
			at: '2026-11-22T07:00:00.000Z',
			account: 'sms-1',
			raw: {},
		});
		expect(Object.keys(polled.payload).sort()).toEqual(Object.keys(item.payload).sort());
		expect(polled.key).toBe(item.key);
	});

	it('reads an incoming-SMS form (POST cgi), as a parsed body, form text or bytes', () => {
		const form = { id: '77', keyword: 'YES', message: 'Yes please', senderid: '0033601020304', shortcode: '38200', tag: 'rdv' };
		const text = new URLSearchParams(form).toString();
		for (const body of [form, text, Buffer.from(text)]) {
			const [item] = parse({}, body);
			expect(item.key).toBe('ovh:incoming:77');
			expect(item.payload).toMatchObject({
				provider: 'ovh',
				event: 'incoming',
				id: '77',
				from: '+33601020304',
				text: 'Yes please',
			});
			expect(item.payload).not.toHaveProperty('dedupeKey');
			expect((item.payload as { raw: object }).raw).toMatchObject({ tag: 'rdv' });
		}
		const polled = ovhIncomingEvent({
			id: 77,
			sender: '+33601020304',
			message: 'Yes please',
			creationDatetime: now.toISOString(),
			account: 'sms-1',
			raw: {},
			now: now.getTime(),
		});
		expect(Object.keys(polled.payload).sort()).toEqual(Object.keys(parse({}, form)[0].payload).sort());
	});

	it.each([[{}], [{ id: 'x', message: 'hi', senderid: '+336' }], [{ id: '1', message: 'hi' }]])(
		'refuses a malformed callback %j',
		(body) => {
			expect(() => parse({}, body)).toThrow(/OVHcloud/);
		},
	);

	it('refuses a callback of the other event', () => {
		expect(() => parse({ id: '1', dlr: '1' }, undefined, 'incoming')).toThrow(/delivery callback/);
	});
});

describe('OVHcloud requests', () => {
	it('sends every job option', () => {
		const input = validateInput(sendMessage, {
			service: 'sms-1',
			message: 'Hi',
			receivers: '+33601020304',
			priority: 'low',
			differedPeriod: '15',
			class: 'flash',
			coding: '7bit',
			charset: 'UTF-8',
			validityPeriod: 60,
		});
		expect(sendMessage.request(input).body).toEqual({
			message: 'Hi',
			receivers: ['+33601020304'],
			priority: 'low',
			differedPeriod: 15,
			class: 'flash',
			coding: '7bit',
			charset: 'UTF-8',
			validityPeriod: 60,
		});
	});

	it('filters sent messages by receiver and date range (as instants)', () => {
		const input = validateInput(listOutgoingIds, {
			service: 'sms-1',
			receiver: '+33601020304',
			from: '2024-01-01T00:00:00+01:00',
		});
		expect(listOutgoingIds.request(input).query).toEqual({
			receiver: '+33601020304',
			'creationDatetime.from': '2023-12-31T23:00:00.000Z',
			'creationDatetime.to': undefined,
		});
	});

	it('reports an outgoing record with a normalised status beside OVH codes', () => {
		const record = getOutgoing.parse(
			{ id: 5, receiver: '+33601020304', deliveryReceipt: 2, ptt: 5 },
			{ service: 'sms-1', id: 5 },
		);
		expect(record).toMatchObject({ status: 'failed', to: '+33601020304', messageId: '5', deliveryReceipt: 2, ptt: 5 });
	});

	it('registers webhook URLs with PUT on the account', () => {
		const input = validateInput(updateService, {
			service: 'sms-1',
			smsResponse: { responseType: 'cgi', cgiUrl: 'https://n8n/webhook' },
		});
		expect(updateService.request(input)).toEqual({
			method: 'PUT',
			path: '/sms/sms-1',
			body: { smsResponse: { responseType: 'cgi', cgiUrl: 'https://n8n/webhook' } },
		});
	});

	it('asks consumer keys for every SMS account or one', () => {
		expect(smsKitAccessRules()).toContainEqual({ method: 'POST', path: '/sms/*/*' });
		expect(smsKitAccessRules('sms-ab12345-1')).toEqual(
			expect.arrayContaining([
				{ method: 'GET', path: '/sms' },
				{ method: 'POST', path: '/sms/sms-ab12345-1/*' },
			]),
		);
	});
});
