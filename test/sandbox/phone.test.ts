import { startSandbox, type Sandbox } from '../../sandbox/server';

/**
 * The phone page's own routes (each provider's phone line has its own tests): the page, one list across providers
 * that is sent again only when it changed, and clear refusals.
 */
let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const post = (path: string, body: unknown) =>
	fetch(`${sandbox.origin}/_sandbox/phone/${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});

describe('/_sandbox/phone', () => {
	it('serves the page as HTML, with its script and no request to anywhere else', async () => {
		const answer = await fetch(`${sandbox.origin}/_sandbox/phone`);
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
		const html = await answer.text();
		expect(html).toContain('/_sandbox/phone/messages');
		expect(html).not.toMatch(/https?:\/\//);
	});

	it('lists every provider, and sends the list again only once it changed', async () => {
		sandbox.reset();
		const first = (await (await fetch(`${sandbox.origin}/_sandbox/phone/messages`)).json()) as {
			version: string;
			providers: string[];
			messages: unknown[];
		};
		expect(first.providers).toEqual(['ovh', 'tencent', 'alibaba', 'smsmobileapi']);
		expect(first.messages).toEqual([]);
		const same = await (
			await fetch(`${sandbox.origin}/_sandbox/phone/messages?version=${encodeURIComponent(first.version)}`)
		).json();
		expect(same).toEqual({ version: first.version, unchanged: true });

		expect((await post('reply', { provider: 'ovh', from: '+33601020304', text: 'Hello' })).status).toBe(200);
		const after = (await (
			await fetch(`${sandbox.origin}/_sandbox/phone/messages?version=${encodeURIComponent(first.version)}`)
		).json()) as {
			version: string;
			messages: Array<{ provider: string; text: string; direction: string }>;
		};
		expect(after.version).not.toBe(first.version);
		expect(after.messages).toEqual([expect.objectContaining({ provider: 'ovh', text: 'Hello', direction: 'received' })]);
	});

	it('refuses an unknown provider, a missing text and an unknown status with 400 and a reason', async () => {
		const cases: Array<[string, unknown, RegExp]> = [
			['reply', { provider: 'nope', from: '+33601020304', text: 'x' }, /provider: one of ovh, tencent, alibaba, smsmobileapi/],
			['reply', { provider: 'ovh', from: '+33601020304' }, /text/],
			['settle', { provider: 'ovh', id: 'x', status: 'lost' }, /status/],
		];
		for (const [path, body, reason] of cases) {
			const answer = await post(path, body);
			expect(answer.status).toBe(400);
			expect(((await answer.json()) as { error: string }).error).toMatch(reason);
		}
	});
});
