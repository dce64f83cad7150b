/** The SMSMobileAPI webhook V2 known answer (spec smsmobileapi.md §6.2), and the receiver's checks around it. */
import { checkWebhookSignature, webhookSignature } from '../../core/providers/smsmobileapi';
import vectors from './vectors.json';

interface Vector {
	id: string;
	inputs: { secret: string; timestamp: number | string; body: string };
	expected: { signature?: string; header?: string } & Record<string, string>;
}

const vector = (vectors.vectors as unknown as Vector[]).find((v) => v.id === 'smsmobileapi-webhook-v2-sms-received')!;

it('signs the vector exactly', () => {
	const expected =
		vector.expected.signature ??
		vector.expected.header ??
		Object.values(vector.expected).find((v) => String(v).startsWith('v1='));
	expect(Buffer.byteLength(vector.inputs.body)).toBe(338);
	expect(webhookSignature(vector.inputs.secret, vector.inputs.timestamp, vector.inputs.body)).toBe(expected);
	expect(webhookSignature(vector.inputs.secret, vector.inputs.timestamp, Buffer.from(vector.inputs.body))).toBe(expected);
});

describe('the receiver checks', () => {
	const timestamp = String(vector.inputs.timestamp);
	const signature = webhookSignature(vector.inputs.secret, timestamp, vector.inputs.body);
	const at = Number(timestamp) * 1000;

	it('accepts the signed bytes within 300 s', () => {
		expect(checkWebhookSignature(vector.inputs.secret, { timestamp, signature }, vector.inputs.body, at + 299_000)).toEqual({
			ok: true,
		});
	});

	it.each([
		['a stale timestamp', { timestamp, signature }, vector.inputs.body, at + 301_000, 'stale'],
		[
			'another secret',
			{ timestamp, signature: webhookSignature('whsec_other', timestamp, vector.inputs.body) },
			vector.inputs.body,
			at,
			'mismatch',
		],
		['a re-serialised body', { timestamp, signature }, JSON.stringify(JSON.parse(vector.inputs.body), null, 1), at, 'mismatch'],
		['no signature', { timestamp }, vector.inputs.body, at, 'missing'],
	])('refuses %s', (_what, headers, body, now, reason) => {
		expect(checkWebhookSignature(vector.inputs.secret, headers, body, now)).toEqual({ ok: false, reason });
	});
});
