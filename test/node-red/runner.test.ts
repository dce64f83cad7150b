import { SmsError } from '../../core';
import { listServices } from '../../core/providers/ovh';
import { NodeRedSmsError, failMessage } from '../../node-red/shared/errors';
import { operationRunner } from '../../node-red/shared/runner';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });

describe('operation runner (what a config node owns)', () => {
	test('close() cancels a pending retry: the message fails with STOPPED instead of being sent later', async () => {
		let sent = 0;
		const runner = operationRunner({
			provider: 'ovh',
			connect: () => async () => {
				sent++;
				throw refused;
			},
			toError: () => new SmsError({ provider: 'ovh', code: 'X', message: 'x' }),
			secrets: [],
		});
		const run = runner.run(listServices, {});
		const outcome = expect(run).rejects.toMatchObject({ code: 'STOPPED' });
		await new Promise((resolve) => setImmediate(resolve));
		await runner.close();
		await outcome;
		expect(sent).toBe(1);
	});

	test('secrets are masked out of every error text', async () => {
		const runner = operationRunner({
			provider: 'ovh',
			connect: () => async () => ({ status: 500, headers: {}, body: 'upstream echoed s3cr3t-value' }),
			toError: (response) => new SmsError({ provider: 'ovh', code: 'HTTP_500', message: String(response.body), httpStatus: 500 }),
			secrets: ['s3cr3t-value'],
		});
		await expect(runner.run(listServices, {})).rejects.toMatchObject({ code: 'HTTP_500', message: 'upstream echoed ***' });
	});

	test('a connect problem (missing keys) becomes a per-message error', async () => {
		const runner = operationRunner({
			provider: 'ovh',
			connect: () => {
				throw new SmsError({ provider: 'ovh', code: 'MISSING_CREDENTIALS', message: 'no keys' });
			},
			toError: () => new SmsError({ provider: 'ovh', code: 'X', message: 'x' }),
			secrets: [],
		});
		await expect(runner.run(listServices, {})).rejects.toMatchObject({ code: 'MISSING_CREDENTIALS' });
	});
});

describe('the one Node-RED error path', () => {
	test('red status with the code, and done(err) with describe() as the message and the details as cause', () => {
		const status = jest.fn();
		const done = jest.fn();
		const error = new SmsError({
			provider: 'ovh',
			code: 'INVALID_SIGNATURE',
			message: 'Invalid signature',
			httpStatus: 400,
			requestId: 'EU.1',
		});
		failMessage({ status } as never, done, error, 'ovh');
		expect(status).toHaveBeenCalledWith({ fill: 'red', shape: 'dot', text: 'INVALID_SIGNATURE' });
		const sent = done.mock.calls[0][0] as NodeRedSmsError;
		expect(sent).toBeInstanceOf(Error);
		expect(String(sent)).toBe('SmsError: OVHcloud: Invalid signature (INVALID_SIGNATURE, HTTP 400, request EU.1)');
		// Node-RED copies own `code` and `cause` into the Catch node's msg.error.
		expect(Object.keys(sent)).toEqual(expect.arrayContaining(['code', 'cause']));
		expect(sent.cause).toMatchObject({ provider: 'ovh', code: 'INVALID_SIGNATURE', requestId: 'EU.1', httpStatus: 400 });
	});

	test('an unexpected failure still goes through it, as UNEXPECTED_ERROR', () => {
		const done = jest.fn();
		failMessage({ status: jest.fn() } as never, done, new TypeError('boom'), 'ovh');
		expect(done.mock.calls[0][0]).toMatchObject({ code: 'UNEXPECTED_ERROR', message: 'OVHcloud: boom (UNEXPECTED_ERROR)' });
	});
});
