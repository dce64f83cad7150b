import {
	getOutgoing,
	listOutgoingIds,
	ovhDeliveryItem,
	ovhDeliveryStatus,
	ovhIncomingItem,
	parseOvhDeliveryCallback,
	parseOvhIncomingCallback,
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

describe('OVHcloud callbacks and polled records share one item shape', () => {
	it('reads a delivery-report query (GET callBack)', () => {
		const item = parseOvhDeliveryCallback(
			{ id: '123', ptt: '4', date: '2026-11-22T08:00:00+01:00', description: '1', descriptionDlr: 'Success', dlr: '1' },
			'sms-1',
			now,
		);
		expect(item).toEqual({
			provider: 'ovh',
			status: 'delivered',
			to: '',
			messageId: '123',
			at: '2026-11-22T07:00:00.000Z',
			description: 'Success',
			ptt: 4,
			deliveryReceipt: 1,
			service: 'sms-1',
			dedupeKey: 'ovh:delivery:123:delivered',
		});
		const polled = ovhDeliveryItem({
			id: 123,
			status: 'delivered',
			receiver: '+33601020304',
			service: 'sms-1',
			ptt: 4,
			deliveryReceipt: 1,
			deliveredAt: '2026-11-22T08:00:00+01:00',
		});
		expect(Object.keys(polled).sort()).toEqual(Object.keys(item).sort());
		expect(polled.dedupeKey).toBe(item.dedupeKey);
	});

	it('reads an incoming-SMS form (POST cgi)', () => {
		const item = parseOvhIncomingCallback(
			{ id: '77', keyword: 'YES', message: 'Yes please', senderid: '0033601020304', shortcode: '38200', tag: 'rdv' },
			'sms-1',
			now,
		);
		expect(item).toMatchObject({
			provider: 'ovh',
			from: '+33601020304',
			text: 'Yes please',
			id: 77,
			tag: 'rdv',
			dedupeKey: 'ovh:incoming:77',
		});
		const polled = ovhIncomingItem({
			id: 77,
			from: '+33601020304',
			text: 'Yes please',
			receivedAt: now.toISOString(),
			service: 'sms-1',
			tag: 'rdv',
		});
		expect(Object.keys(polled).sort()).toEqual(Object.keys(item).sort());
	});

	it.each([[{}], [{ id: 'x' }], [{ id: '1', message: 'hi' }]])('refuses a malformed callback %j', (body) => {
		expect(() => parseOvhIncomingCallback(body, 's', now)).toThrow(/not an OVHcloud/);
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
