import { redact, redactDeep, SmsError } from '../../core/errors';
import type { SendResult } from '../../core/normalised';
import { runOperation, defineOperation } from '../../core/operation';
import { keyForField, recipientsOf, sendToRecipients, type SendPlan } from '../../core/send';
import * as z from 'zod';

type R = { to: string };
const result = (
	to: string,
	status: SendResult['status'],
	error: SmsError | null,
	messageId: string | null = null,
): SendResult => ({
	provider: 'tencent',
	status,
	to,
	messageId,
	encoding: null,
	segments: null,
	characters: null,
	error: error && { code: error.code, message: error.message },
});
const queued = (batch: R[]) => batch.map((r) => result(r.to, 'queued', null, `id-${r.to}`));
const reset = new SmsError({ provider: 'tencent', code: 'ECONNRESET', message: 'reset', kind: 'unknown' });
const refused = new SmsError({ provider: 'tencent', code: 'ECONNREFUSED', message: 'refused', retryable: true });

function plan(numbers: string[], overrides: Partial<SendPlan<{ to: unknown }, SendResult>> = {}) {
	const sent: string[][] = [];
	const full: SendPlan<{ to: unknown }, SendResult> = {
		provider: 'tencent',
		label: 'Phone Numbers',
		recipients: recipientsOf(numbers),
		choices: { onInvalidNumber: 'reject', skipAlreadySent: false },
		batches: (valid) => valid.map((r) => [r]),
		send: async (batch) => {
			sent.push(batch.map((r) => r.to));
			return queued(batch);
		},
		result,
		...overrides,
	};
	return { full, sent };
}

describe('sendToRecipients: one outcome per recipient', () => {
	it('rejects invalid numbers on their own, in input order, and sends the valid ones', async () => {
		const { full, sent } = plan(['+33601020304', 'nope', '+33601020305']);
		const results = await sendToRecipients(full);
		expect(results.map((r) => [r.to, r.status, r.error?.code ?? null])).toEqual([
			['+33601020304', 'queued', null],
			['nope', 'rejected', 'INVALID_PHONE_NUMBER'],
			['+33601020305', 'queued', null],
		]);
		expect(results[1].error?.message).toBe(
			'Phone Numbers, 2nd value: "nope" is not a valid phone number in international format (e.g. +33601020304)',
		);
		expect(sent).toEqual([['+33601020304'], ['+33601020305']]);
	});

	it('fails the item before any request when asked to, or when no number is valid', async () => {
		const failing = plan(['+33601020304', 'nope'], { choices: { onInvalidNumber: 'fail', skipAlreadySent: false } });
		await expect(sendToRecipients(failing.full)).rejects.toMatchObject({ code: 'INVALID_PHONE_NUMBER', kind: 'input' });
		expect(failing.sent).toEqual([]);
		const none = plan(['nope']);
		await expect(sendToRecipients(none.full)).rejects.toMatchObject({ code: 'INVALID_PHONE_NUMBER' });
		expect(none.sent).toEqual([]);
	});

	it('after a request whose outcome is unknown, holds the rest back as not_sent and says so', async () => {
		let calls = 0;
		const { full } = plan(['+33601020301', '+33601020302', '+33601020303'], {
			send: async (batch) => {
				if (++calls === 2) throw reset;
				return queued(batch);
			},
		});
		const results = await sendToRecipients(full);
		expect(results.map((r) => r.status)).toEqual(['queued', 'unknown', 'not_sent']);
		expect(results[2].error?.code).toBe('NOT_ATTEMPTED');
		expect(calls).toBe(2);
	});

	it('throws the request error when nobody was reached (a single send fails like one)', async () => {
		const { full } = plan(['+33601020301', '+33601020302'], {
			send: async () => {
				throw refused;
			},
		});
		await expect(sendToRecipients(full)).rejects.toBe(refused);
	});

	it('carries on after a provider refusal of one request (the others may be fine)', async () => {
		const refusal = new SmsError({ provider: 'tencent', code: 'FailedOperation', message: 'no', httpStatus: 400 });
		let calls = 0;
		const { full } = plan(['+33601020301', '+33601020302'], {
			send: async (batch) => {
				if (++calls === 1) throw refusal;
				return queued(batch);
			},
		});
		expect((await sendToRecipients(full)).map((r) => r.status)).toEqual(['rejected', 'queued']);
	});

	it('skips the recipients an earlier run with the key reached, asking before sending', async () => {
		const asked: string[][] = [];
		const { full, sent } = plan(['+33601020301', '+33601020302'], {
			choices: { onInvalidNumber: 'reject', skipAlreadySent: true, idempotencyKey: 'order-1' },
			alreadySent: async (numbers, key) => {
				asked.push([...numbers, key]);
				return new Map([['+33601020301', 'm-1']]);
			},
		});
		const results = await sendToRecipients(full);
		expect(asked).toEqual([['+33601020301', '+33601020302', 'order-1']]);
		expect(results.map((r) => [r.status, r.messageId])).toEqual([
			['already_sent', 'm-1'],
			['queued', 'id-+33601020302'],
		]);
		expect(sent).toEqual([['+33601020302']]);
	});

	it('never asks without a key, nor when skipping is off', async () => {
		const alreadySent = jest.fn(async () => new Map<string, string | null>());
		await sendToRecipients(
			plan(['+33601020301'], { alreadySent, choices: { onInvalidNumber: 'reject', skipAlreadySent: true } }).full,
		);
		await sendToRecipients(
			plan(['+33601020301'], { alreadySent, choices: { onInvalidNumber: 'reject', skipAlreadySent: false, idempotencyKey: 'k' } })
				.full,
		);
		expect(alreadySent).not.toHaveBeenCalled();
	});
});

describe('keyForField', () => {
	it('keeps a short plain key and hashes a long or unusual one, the same way every time', () => {
		expect(keyForField('order-42', 20)).toBe('order-42');
		const long = keyForField('n8n:execution-123456789:item-42', 20);
		expect(long).toMatch(/^sk-[\w-]{17}$/);
		expect(keyForField('n8n:execution-123456789:item-42', 20)).toBe(long);
		expect(keyForField('n8n:execution-123456789:item-43', 20)).not.toBe(long);
		expect(keyForField('café', 20)).toMatch(/^sk-/);
	});
});

describe('redaction', () => {
	const secret = 'CK-abcdefghijklmnopqrstuvw';
	it('masks a secret, and a piece of 6 characters or more where a cut fell inside it', () => {
		expect(redact(`key=${secret}; again ${secret}`, [secret])).toBe('key=***; again ***');
		expect(redact(`…consumer key ${secret.slice(0, 14)}`, [secret])).toBe('…consumer key ***');
		expect(redact(`short ${secret.slice(0, 5)}`, [secret])).toBe(`short ${secret.slice(0, 5)}`);
	});
	it('masks every string of a parsed body, keys included', () => {
		expect(redactDeep({ headers: { [secret]: [secret.slice(0, 9)] }, n: 1 }, [secret])).toEqual({
			headers: { '***': ['***'] },
			n: 1,
		});
	});
});

describe('runOperation and the never-twice rule', () => {
	const op = (sends: boolean) =>
		defineOperation({
			provider: 'ovh',
			name: sends ? 'message.send' : 'job.get',
			sends,
			input: z.object({}),
			request: () => ({ method: 'GET', path: '/x' }),
			parse: (body) => {
				if (!body || typeof body !== 'object' || !('ok' in body)) throw new Error('bad shape');
				return body;
			},
		});
	const toError = (response: { status: number; body: unknown }) =>
		new SmsError({
			provider: 'ovh',
			code: `HTTP_${response.status}`,
			message: JSON.stringify(response.body).slice(0, 40),
			httpStatus: response.status,
		});
	const answers = (...list: Array<{ status: number; body: unknown }>) => {
		const calls = { n: 0 };
		return {
			calls,
			send: async () => {
				const a = list[Math.min(calls.n++, list.length - 1)];
				return { ...a, headers: {} };
			},
		};
	};
	const sleep = async () => undefined;

	it('a 5xx to a send is unknown and never sent again; to a read it is tried again', async () => {
		const send = answers({ status: 500, body: 'oops' }, { status: 200, body: { ok: 1 } });
		await expect(runOperation(op(true), {}, { send: send.send, sleep, toError })).rejects.toMatchObject({ kind: 'unknown' });
		expect(send.calls.n).toBe(1);
		const read = answers({ status: 503, body: 'busy' }, { status: 200, body: { ok: 1 } });
		await expect(runOperation(op(false), {}, { send: read.send, sleep, toError })).resolves.toEqual({ ok: 1 });
		expect(read.calls.n).toBe(2);
	});

	it('waits as long as a 429 Retry-After says, whichever provider answered it', async () => {
		const waits: number[] = [];
		const throttled = new SmsError({
			provider: 'ovh',
			code: 'Client::TooManyRequests',
			message: 'slow down',
			httpStatus: 429,
			retryable: true,
		});
		const calls = { n: 0 };
		const send = async () =>
			calls.n++ === 0
				? { status: 429, headers: { 'retry-after': '3' }, body: '' }
				: { status: 200, headers: {}, body: { ok: 1 } };
		await expect(
			runOperation(op(true), {}, { send, sleep: async (ms) => void waits.push(ms), toError: () => throttled }),
		).resolves.toEqual({ ok: 1 });
		expect(waits).toEqual([3000]);
	});

	it('a 2xx whose body is not the expected shape is unknown for a send', async () => {
		const send = answers({ status: 200, body: '<html>' });
		await expect(runOperation(op(true), {}, { send: send.send, sleep, toError })).rejects.toMatchObject({
			code: 'UNEXPECTED_RESPONSE',
			kind: 'unknown',
		});
		expect(send.calls.n).toBe(1);
	});

	it('masks secrets in the answer before the error cuts it', async () => {
		const secret = 'CK-abcdefghijklmnopqrstuvw';
		const send = answers({ status: 400, body: { echo: `header X-Ovh-Consumer: ${secret}` } });
		const error = (await runOperation(op(true), {}, { send: send.send, sleep, toError, secrets: [secret] }).catch(
			(e) => e,
		)) as SmsError;
		expect(error.message).not.toContain(secret.slice(0, 6));
		expect(error.message).toContain('***');
	});
});
