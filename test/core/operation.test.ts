import { SmsError } from '../../core/errors';
import type { ApiRequest, ApiResponse } from '../../core/http';
import { runOperation, transportError } from '../../core/operation';
import { ovhError, sendMessage } from '../../core/providers/ovh';

const ok: ApiResponse = {
	status: 200,
	headers: {},
	body: { ids: [1, 2], validReceivers: ['+33601020304', '+33601020305'], invalidReceivers: [], totalCreditsRemoved: 2, tag: '' },
};
const input = { service: 'sms-x-1', message: 'Hello World!', receivers: '+33601020304, +33601020305' };

function sender(responses: Array<ApiResponse | Error>) {
	const sent: ApiRequest[] = [];
	const send = async (request: ApiRequest) => {
		sent.push(request);
		const next = responses.shift();
		if (!next) throw new Error('no more responses');
		if (next instanceof Error) throw next;
		return next;
	};
	return { sent, send };
}

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
const sleep = async () => {};

describe('runOperation', () => {
	it('validates, sends once and parses', async () => {
		const { sent, send } = sender([ok]);
		const results = await runOperation(sendMessage, input, { send, toError: ovhError, sleep });
		expect(sent).toHaveLength(1);
		expect(results.map((r) => [r.to, r.messageId, r.status])).toEqual([
			['+33601020304', '1', 'queued'],
			['+33601020305', '2', 'queued'],
		]);
	});

	it('refuses an invalid phone number before any request', async () => {
		const { sent, send } = sender([ok]);
		const error = await runOperation(
			sendMessage,
			{ ...input, receivers: '+33601020304, +33 12' },
			{ send, toError: ovhError, sleep },
		).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SmsError);
		expect(error).toMatchObject({ code: 'INVALID_PHONE_NUMBER', provider: 'ovh' });
		expect((error as SmsError).message).toContain('"+33 12" is not a valid phone number');
		expect(sent).toHaveLength(0);
	});

	it('retries a refused connection: nothing reached the provider', async () => {
		const { sent, send } = sender([refused, ok]);
		await expect(runOperation(sendMessage, input, { send, toError: ovhError, sleep })).resolves.toHaveLength(2);
		expect(sent).toHaveLength(2);
	});

	it('retries HTTP 429 (throttled, not accepted)', async () => {
		const { sent, send } = sender([{ status: 429, headers: {}, body: { message: 'Too many requests' } }, ok]);
		await expect(runOperation(sendMessage, input, { send, toError: ovhError, sleep })).resolves.toHaveLength(2);
		expect(sent).toHaveLength(2);
	});

	it('never resends when the outcome is unknown (connection reset after sending)', async () => {
		const { sent, send } = sender([reset, ok]);
		await expect(runOperation(sendMessage, input, { send, toError: ovhError, sleep })).rejects.toMatchObject({
			code: 'ECONNRESET',
			retryable: false,
		});
		expect(sent).toHaveLength(1);
	});

	it('never resends after a server error', async () => {
		const { sent, send } = sender([{ status: 502, headers: {}, body: 'Bad gateway' }, ok]);
		await expect(runOperation(sendMessage, input, { send, toError: ovhError, sleep })).rejects.toMatchObject({ httpStatus: 502 });
		expect(sent).toHaveLength(1);
	});

	it('gives up after the retry budget', async () => {
		const { sent, send } = sender([refused, refused, refused, ok]);
		await expect(runOperation(sendMessage, input, { send, toError: ovhError, sleep, retries: 2 })).rejects.toMatchObject({
			code: 'ECONNREFUSED',
		});
		expect(sent).toHaveLength(3);
	});
});

describe('transportError', () => {
	it('finds the network code in a wrapped cause', () => {
		const wrapped = new Error('request failed', { cause: refused });
		expect(transportError('ovh', wrapped)).toMatchObject({ code: 'ECONNREFUSED', retryable: true });
	});
});
