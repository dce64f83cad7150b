/**
 * The contract every provider module keeps, run against the module and its emulator over real HTTP.
 * Nothing here names a provider: a new module passes it by adding a fixture (fixtures/index.ts).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dedupe, PUSH_RETRY_WINDOW_MS } from '../../core/dedupe';
import { SmsError } from '../../core/errors';
import { lowerCaseHeaders, parseBody, type ApiRequest, type Transport } from '../../core/http';
import type { DeliveryEvent, IncomingEvent, SendResult } from '../../core/normalised';
import { pollOf, type PollState, type ProviderModule } from '../../core/provider';
import { PROVIDER_MODULES } from '../../core/providers';
import { actionContext, runAction, type RunDeps } from '../../core/run';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { FIXTURES } from './fixtures';
import { control } from './fixture';

type Module = ProviderModule;

const fetchTransport: Transport = async (wire) => {
	const response = await fetch(wire.url, { method: wire.method, headers: wire.headers, body: wire.body });
	return {
		status: response.status,
		headers: lowerCaseHeaders(headersOf(response)),
		body: parseBody(await response.text()),
	};
};

function headersOf(response: Response): Record<string, string> {
	const out: Record<string, string> = {};
	response.headers.forEach((value, key) => (out[key] = value));
	return out;
}

/** Run dependencies over the module's own signing session, counting the requests that leave. */
function deps(module: Module, settings: Record<string, unknown>, transport: Transport = fetchTransport) {
	const credentials = module.connection.credentials(settings);
	const session = module.connection.session(credentials, transport, Date.now);
	const counted = { requests: [] as ApiRequest[], sleeps: 0 };
	const run: RunDeps = {
		send: (request) => {
			counted.requests.push(request);
			return session(request);
		},
		sleep: async () => {
			counted.sleeps++;
		},
		now: Date.now,
		cache: new Map(),
		secrets: module.connection.secrets(credentials),
	};
	return { run, counted };
}

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

it('every registered provider module has a contract fixture', () => {
	expect(PROVIDER_MODULES.map((m) => m.id).filter((id) => !FIXTURES[id])).toEqual([]);
});

describe.each(PROVIDER_MODULES.map((m) => [m.name, m] as const))('%s', (_name, module) => {
	const fixture = FIXTURES[module.id];

	it('sends to three numbers: one normalised result per recipient, with encoding and segments', async () => {
		const { run } = deps(module, fixture.settings(sandbox));
		const results = (await runAction(module, 'message.send', fixture.sendInput(fixture.recipients), run)) as SendResult[];
		expect(results.map((r) => r.to).sort()).toEqual([...fixture.recipients].sort());
		for (const result of results) {
			expect(result).toMatchObject({ provider: module.id, status: 'queued', error: null });
			expect(result.messageId).toEqual(expect.any(String));
			expect(['GSM-7', 'UCS-2']).toContain(result.encoding);
			expect(result.segments).toBeGreaterThanOrEqual(1);
		}
	});

	it('rejects an invalid number in a list on its own and sends the valid ones', async () => {
		const { run } = deps(module, fixture.settings(sandbox));
		const input = fixture.sendInput([fixture.recipients[0], 'not-a-number']);
		const results = (await runAction(module, 'message.send', input, run)) as SendResult[];
		expect(results.map((r) => [r.to, r.status])).toEqual([
			[fixture.recipients[0], 'queued'],
			['not-a-number', 'rejected'],
		]);
		expect(results[1].error).toMatchObject({ code: 'INVALID_PHONE_NUMBER' });
		expect(results[1].error!.message).toContain('"not-a-number"');
	});

	it('with On Invalid Number → Fail the Item, refuses the whole send before any request, naming the number', async () => {
		const { run, counted } = deps(module, fixture.settings(sandbox));
		const input = { ...fixture.sendInput([fixture.recipients[0], 'not-a-number']), onInvalidNumber: 'fail' };
		const error = await runAction(module, 'message.send', input, run).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SmsError);
		expect(error).toMatchObject({ code: 'INVALID_PHONE_NUMBER', kind: 'input' });
		expect((error as SmsError).message).toContain('"not-a-number"');
		expect(counted.requests.filter((r) => fixture.isSend(r))).toHaveLength(0);
	});

	it('refuses control characters in the text by position, before any send', async () => {
		const { run, counted } = deps(module, fixture.settings(sandbox));
		const input = fixture.textInput([fixture.recipients[0]], 'Hi\u0007 there');
		const error = await runAction(module, 'message.send', input, run).catch((e: unknown) => e);
		expect(error).toMatchObject({ code: 'INVALID_INPUT', kind: 'input' });
		expect((error as SmsError).message).toMatch(/character 3 is a control character \(U\+0007\)/);
		expect(counted.requests.filter((r) => fixture.isSend(r))).toHaveLength(0);
	});

	it('a re-run with the same Idempotency Key after a reset sends nobody twice', async () => {
		const { run } = deps(module, fixture.settings(sandbox));
		const input = { ...fixture.sendInput(fixture.recipients), idempotencyKey: `contract-${module.id}` };
		await control(sandbox, 'POST', '/_sandbox/faults', { provider: module.id, action: 'send', kind: 'reset-after-accept' });
		const first = await runAction(module, 'message.send', input, run).catch((e: unknown) => e);
		expect(first).toMatchObject({ kind: 'unknown' });
		const reached = await fixture.sentTo(sandbox);
		expect(reached.length).toBeGreaterThanOrEqual(1);
		// Tencent lists a message once its delivery report exists (the emulator makes it a second later).
		await new Promise((resolve) => setTimeout(resolve, 1200));
		const again = (await runAction(module, 'message.send', { ...input, skipAlreadySent: true }, run)) as SendResult[];
		expect(again.map((r) => [r.to, r.status])).toEqual(
			fixture.recipients.map((to) => [to, reached.includes(to) ? 'already_sent' : 'queued']),
		);
		expect((await fixture.sentTo(sandbox)).sort()).toEqual([...fixture.recipients].sort());
	});

	it("gives the provider's code for a wrong secret, with no secret in the error", async () => {
		const settings = { ...fixture.settings(sandbox), [fixture.wrongSecret.key]: fixture.wrongSecret.value };
		const { run } = deps(module, settings);
		const error = (await runAction(module, 'message.send', fixture.sendInput([fixture.recipients[0]]), run).catch(
			(e: unknown) => e,
		)) as SmsError;
		expect(error).toBeInstanceOf(SmsError);
		expect(error.code).toMatch(fixture.wrongSecret.code);
		expect(error.kind).toBe('provider');
		const text = JSON.stringify({ ...error.toJSON(), describe: error.describe() });
		for (const secret of module.connection.secrets(module.connection.credentials(settings))) {
			if (secret) expect(text).not.toContain(secret);
		}
	});

	it('pulls a delivery status in the normalised shape', async () => {
		const { run } = deps(module, fixture.settings(sandbox));
		const [sent] = (await runAction(module, 'message.send', fixture.sendInput([fixture.recipients[0]]), run)) as SendResult[];
		await fixture.deliver(sandbox, sent.messageId!);
		const reports = (await runAction(module, fixture.status.action, fixture.status.input(sent.messageId!), run)) as Array<{
			messageId: string;
			status: string;
			to: string;
		}>;
		expect(reports.find((r) => r.messageId === sent.messageId)).toMatchObject({
			status: fixture.status.reached ?? 'delivered',
			to: sent.to,
		});
	});

	it.each(['incoming', 'delivery'] as const)('parses a %s callback into the normalised shape, de-duplicated', (event) => {
		const now = Date.now();
		const options = { event, account: fixture.pollAccount, now, secret: fixture.callbackSecret };
		const parse = () => module.inbound.parse(fixture.callback(event), options);
		const first = parse();
		expect(first.length).toBeGreaterThan(0);
		for (const item of first) {
			expect(item.event).toBe(event);
			expect(item.payload).toMatchObject({ provider: module.id, event, account: fixture.pollAccount, raw: expect.any(Object) });
			expect(Object.keys(item.payload)).not.toContain('dedupeKey');
			if (event === 'incoming') expect((item.payload as IncomingEvent).from).toMatch(/^\+\d{6,15}$/);
			else expect(['delivered', 'sent', 'failed', 'pending', 'unknown']).toContain((item.payload as DeliveryEvent).status);
		}
		// The provider pushes the same event again: the second push makes nothing.
		const once = dedupe(
			first,
			(i) => i.key,
			() => now,
			{},
			now - PUSH_RETRY_WINDOW_MS,
		);
		const again = dedupe(
			parse(),
			(i) => i.key,
			() => now,
			once.seen,
			now - PUSH_RETRY_WINDOW_MS,
		);
		expect(once.fresh).toHaveLength(first.length);
		expect(again.fresh).toHaveLength(0);
		// A callback of the other event starts nothing when the trigger listens for one only: refused, or ignored
		// where the provider pushes every event to one URL.
		const other = event === 'incoming' ? 'delivery' : 'incoming';
		let otherItems: unknown[] = [];
		try {
			otherItems = module.inbound.parse(fixture.callback(other), options);
		} catch (error) {
			expect(error).toMatchObject({ code: 'INVALID_CALLBACK' });
		}
		expect(otherItems).toEqual([]);
		expect([200, 202]).toContain(module.inbound.answer().status);
	});

	describe('error classification', () => {
		let server: http.Server;
		let url: string;
		beforeAll(async () => {
			// Answers reads of the time (OVHcloud's /auth/time), then drops any other request once it is received.
			server = http.createServer((req, res) => {
				if (req.url?.endsWith('/auth/time')) return res.end(JSON.stringify(Math.floor(Date.now() / 1000)));
				req.resume();
				req.on('end', () => req.socket.destroy());
			});
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		});
		afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

		it('a refused connection is "not sent", and only that is sent again', async () => {
			const closed = http.createServer();
			await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
			const port = (closed.address() as AddressInfo).port;
			await new Promise<void>((resolve) => closed.close(() => resolve()));
			const { run, counted } = deps(module, { ...fixture.settings(sandbox), customUrl: `http://127.0.0.1:${port}` });
			const error = (await runAction(module, 'message.send', fixture.sendInput([fixture.recipients[0]]), run).catch(
				(e: unknown) => e,
			)) as SmsError;
			expect(error).toMatchObject({ code: 'ECONNREFUSED', kind: 'not_sent', retryable: true });
			expect(error.message).toMatch(/nothing was sent/);
			expect(counted.sleeps).toBeGreaterThan(0);
		});

		it('a connection lost after the request went out is "unknown", never sent again', async () => {
			const { run, counted } = deps(module, { ...fixture.settings(sandbox), customUrl: url });
			const error = (await runAction(module, 'message.send', fixture.sendInput([fixture.recipients[0]]), run).catch(
				(e: unknown) => e,
			)) as SmsError;
			expect(error).toMatchObject({ kind: 'unknown', retryable: false });
			expect(error.message).toMatch(/may have been accepted/);
			// The send went once; reads around it (a template lookup) may be tried again, being harmless.
			expect(counted.requests.filter((r) => fixture.isSend(r))).toHaveLength(1);
		});

		it('a read never says anything was sent', async () => {
			const { run } = deps(module, { ...fixture.settings(sandbox), customUrl: url });
			const error = (await runAction(module, fixture.status.action, fixture.status.input('1'), run).catch(
				(e: unknown) => e,
			)) as SmsError;
			expect(error.kind).toBe('unknown');
			expect(error.message).not.toMatch(/sent/);
		});
	});
	if (!module.poll) {
		// Providers that only push their events: polling is refused plainly, and both events can be pushed.
		it('has no poll step, and says so plainly; it pushes incoming SMS and delivery reports', () => {
			expect(() => pollOf(module)).toThrow(expect.objectContaining({ code: 'POLLING_UNSUPPORTED', kind: 'input' }));
			expect(Object.keys(module.inbound.methods)).toEqual(expect.arrayContaining(['incoming', 'delivery']));
		});
		return;
	}
	const poll = module.poll;

	it('polls incoming SMS without missing or repeating one across a restart', async () => {
		const { run } = deps(module, fixture.settings(sandbox));
		const options = { event: 'incoming' as const, account: fixture.pollAccount, lookbackMs: 0 };
		const step = async (state: PollState | undefined) => {
			const result = await poll.step(actionContext(module, run), options, state);
			await result.ack?.();
			// Stored as editors store it, and read back by a fresh process.
			return {
				texts: result.items.map((i) => (i.payload as IncomingEvent).text),
				state: JSON.parse(JSON.stringify(result.state)),
			};
		};
		let { texts, state } = await step(undefined);
		expect(texts).toEqual([]);
		await fixture.receive(sandbox, 'first');
		({ texts, state } = await step(state));
		expect(texts).toEqual(['first']);
		// Restart: only the stored state carries over.
		await fixture.receive(sandbox, 'second');
		await fixture.receive(sandbox, 'third');
		({ texts, state } = await step(state));
		expect(texts.sort()).toEqual(['second', 'third']);
		({ texts, state } = await step(state));
		expect(texts).toEqual([]);
	});
});
