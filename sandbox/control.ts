import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleFaults, type FaultInjector } from './faults';
import { handlePhone } from './phone';
import { isRecord, parseJsonBody, sendJson } from './http';
import { ControlInputError, type ProviderEmulator, type RequestContext, type RunningEmulator } from './provider';

export const CONTROL_PREFIX = '/_sandbox';

export interface ControlDeps {
	readonly providers: readonly RunningEmulator[];
	/** Provider id → https base URL; known once the TLS listener is up. */
	readonly tlsUrls: () => Record<string, string>;
	readonly ca: string;
	/** Also clears the faults. */
	readonly reset: () => void;
	readonly faults: FaultInjector;
}

/**
 * Test hooks under `/_sandbox`: credentials, what providers received, reset, TLS details, faults, and
 * `/_sandbox/<provider>/…` for provider-specific pages. `ctx.target` is relative to the prefix.
 */
export async function handleControl(
	req: IncomingMessage,
	res: ServerResponse,
	ctx: RequestContext,
	deps: ControlDeps,
): Promise<void> {
	const path = ctx.target.split('?')[0];
	const route = `${req.method} ${path}`;
	try {
		switch (route) {
			case 'GET /credentials':
				return sendJson(
					res,
					200,
					byProvider(deps.providers, (p) => p.defaultCredentials),
				);
			case 'POST /credentials':
				addCredentials(deps.providers, ctx.body);
				return sendJson(res, 200, { ok: true });
			case 'GET /messages':
				return sendJson(
					res,
					200,
					byProvider(deps.providers, (p) => p.messages()),
				);
			case 'POST /reset':
				deps.reset();
				return sendJson(res, 200, { ok: true });
			case 'GET /tls':
				return sendJson(res, 200, { ...deps.tlsUrls(), ca: deps.ca });
		}
		if (path === '/faults') return handleFaults(req, res, ctx, deps.faults);
		if (path === '/phone' || path.startsWith('/phone/')) {
			return await handlePhone(req, res, { ...ctx, target: ctx.target.slice('/phone'.length) }, deps.providers);
		}
		const [, id] = path.split('/');
		const provider = deps.providers.find((p) => p.id === id);
		if (provider?.emulator.handleControl) {
			const prefix = `/${id}`;
			return await provider.emulator.handleControl(req, res, { ...ctx, target: ctx.target.slice(prefix.length) });
		}
		sendJson(res, 404, { error: `No control route ${route}` });
	} catch (error: unknown) {
		if (!(error instanceof ControlInputError)) throw error;
		sendJson(res, 400, { error: error.message });
	}
}

function byProvider<T>(providers: readonly RunningEmulator[], pick: (p: ProviderEmulator) => T): Record<string, T> {
	return Object.fromEntries(providers.map((p) => [p.id, pick(p.emulator)]));
}

/** Body `{"<provider id>": <credentials or list of them>, …}`. */
function addCredentials(providers: readonly RunningEmulator[], body: Buffer): void {
	const parsed = parseJsonBody(body);
	if (!parsed.ok || !isRecord(parsed.value)) {
		throw new ControlInputError('Expected a JSON object keyed by provider id');
	}
	const entries = Object.entries(parsed.value).map(([id, credentials]) => {
		const provider = providers.find((p) => p.id === id);
		if (!provider) throw new ControlInputError(`Unknown provider ${id}`);
		return { provider, credentials };
	});
	for (const { provider, credentials } of entries) provider.emulator.addCredentials(credentials);
}
