import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord, parseJsonBody, sendJson } from './http';
import { PHONE_PAGE } from './phone-page';
import { ControlInputError, type PhoneMessage, type RequestContext, type RunningEmulator } from './provider';

/**
 * The virtual phone under `/_sandbox/phone`: the page, every provider's messages as one list (`PhoneLine`), and
 * what the page's buttons do — settle a sent message, reply from a phone.
 */
export async function handlePhone(
	req: IncomingMessage,
	res: ServerResponse,
	ctx: RequestContext,
	providers: readonly RunningEmulator[],
): Promise<void> {
	const [path, query = ''] = ctx.target.split('?');
	const route = `${req.method} ${path.replace(/\/$/, '')}`;
	switch (route) {
		case 'GET ':
			res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
			res.end(PHONE_PAGE);
			return;
		case 'GET /messages': {
			const messages = providers.flatMap((p) => (p.emulator.phone?.messages() ?? []).map((m) => ({ provider: p.id, ...m })));
			const version = versionOf(messages);
			// The page asks every second: an unchanged list is not sent again.
			if (new URLSearchParams(query).get('version') === version) return sendJson(res, 200, { version, unchanged: true });
			return sendJson(res, 200, { version, providers: providers.filter((p) => p.emulator.phone).map((p) => p.id), messages });
		}
		case 'POST /reply': {
			const body = jsonBody(ctx.body);
			const provider = providerOf(providers, body.provider);
			const from = text(body, 'from');
			const message = await provider.emulator.phone!.reply({
				from,
				to: typeof body.to === 'string' && body.to ? body.to : undefined,
				text: text(body, 'text'),
			});
			return sendJson(res, 200, { provider: provider.id, ...message });
		}
		case 'POST /settle': {
			const body = jsonBody(ctx.body);
			const status = body.status;
			if (status !== 'delivered' && status !== 'failed') throw new ControlInputError('status: "delivered" or "failed"');
			await providerOf(providers, body.provider).emulator.phone!.settle(text(body, 'id'), status);
			return sendJson(res, 200, { ok: true });
		}
	}
	sendJson(res, 404, { error: `No phone route ${route}` });
}

/** Changes whenever a message is added or settled: counts by provider and status, and the newest message. */
function versionOf(messages: ReadonlyArray<PhoneMessage & { provider: string }>): string {
	const counts = new Map<string, number>();
	for (const m of messages) counts.set(`${m.provider}:${m.status}`, (counts.get(`${m.provider}:${m.status}`) ?? 0) + 1);
	const last = messages.at(-1);
	return [...[...counts].sort(), last?.id ?? ''].join(',');
}

function jsonBody(body: Buffer): Record<string, unknown> {
	const parsed = parseJsonBody(body);
	if (!parsed.ok || !isRecord(parsed.value)) throw new ControlInputError('Expected a JSON object');
	return parsed.value;
}

function text(body: Record<string, unknown>, name: string): string {
	const value = body[name];
	if (typeof value !== 'string' || !value.trim()) throw new ControlInputError(`${name}: a non-empty string`);
	return value;
}

function providerOf(providers: readonly RunningEmulator[], id: unknown): RunningEmulator {
	const provider = providers.find((p) => p.id === id && p.emulator.phone);
	if (!provider)
		throw new ControlInputError(
			`provider: one of ${providers
				.filter((p) => p.emulator.phone)
				.map((p) => p.id)
				.join(', ')}`,
		);
	return provider;
}
