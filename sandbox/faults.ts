import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord, parseJsonBody, sendJson } from './http';
import { ControlInputError, type EmulatorFaults, type FaultAnswer, type FaultStatus, type RequestContext } from './provider';

export const FAULT_KINDS = ['reset-after-accept', 'reset-before-accept', 'status', 'delay', 'malformed'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export const FAULTS_PREFIX = '/_sandbox/faults';
const STATUSES: readonly FaultStatus[] = [429, 500, 502, 503];
const MALFORMED_BODIES = ['html', 'json'] as const;
/** Longer delays would outlive any client timeout worth testing, and hold the listener open on close. */
const MAX_DELAY_MS = 60_000;

/** One pending fault, as `GET /_sandbox/faults` lists it; `count` is what is left of it. */
export interface Fault {
	readonly id: number;
	readonly provider: string;
	/** `send`: that provider's send calls only; null: any of its calls. */
	readonly action: 'send' | null;
	readonly kind: FaultKind;
	count: number;
	/** `status` only. */
	readonly status?: FaultStatus;
	/** `status` only: the emulator handles (records) the request first, then its answer is replaced. */
	readonly after?: boolean;
	/** `status` only: seconds, sent as `Retry-After`. */
	readonly retryAfter?: number | null;
	/**
	 * `status` only: the body echoes the request (headers first, then the body) as text, like a misconfigured
	 * proxy — to prove no credential it carries reaches an error, a log or an output.
	 */
	readonly echo?: boolean;
	/** `delay` only. */
	readonly ms?: number;
	/** `malformed` only: an HTML page or a JSON object of no provider's shape. */
	readonly body?: (typeof MALFORMED_BODIES)[number];
}

type Handle = (req: IncomingMessage, res: ServerResponse, ctx: RequestContext) => Promise<void>;

/**
 * Faults added through `/_sandbox/faults`, applied to the next matching requests of a provider
 * whatever listener they arrive on. Each is used up after `count` requests, oldest first.
 */
export class FaultInjector {
	private faults: Fault[] = [];
	private nextId = 1;

	constructor(
		/** Provider id → its fault hooks, if it declares any. */
		private readonly providers: ReadonlyMap<string, EmulatorFaults | undefined>,
	) {}

	list(): readonly Fault[] {
		return this.faults.map((fault) => ({ ...fault }));
	}

	clear(): number {
		const cleared = this.faults.length;
		this.faults = [];
		return cleared;
	}

	/** Validates a `POST /_sandbox/faults` body; throws a ControlInputError (400) saying what is wrong. */
	add(input: unknown): Fault {
		const fault = { id: this.nextId, ...parseFault(input, this.providers) };
		this.nextId++;
		this.faults.push(fault);
		return { ...fault };
	}

	/** `handle` with this provider's faults applied; control routes (`/_sandbox/…`) pass untouched. */
	wrap(provider: string, handle: Handle): Handle {
		const hooks = this.providers.get(provider);
		return async (req, res, ctx) => {
			const fault = isControl(ctx.target) ? undefined : this.take(provider, () => hooks?.isSend(req, ctx) ?? false);
			if (fault === undefined) return handle(req, res, ctx);
			const errorAnswer = (status: FaultStatus) => hooks?.errorAnswer(status, req, ctx) ?? genericError(status);
			switch (fault.kind) {
				case 'reset-before-accept':
					req.socket.destroy();
					return;
				case 'delay':
					await new Promise((resolve) => setTimeout(resolve, fault.ms));
					return handle(req, res, ctx);
				case 'reset-after-accept':
					replaceAnswer(res, () => req.socket.destroy());
					return handle(req, res, ctx);
				case 'malformed':
					replaceAnswer(res, () => write(res, 200, malformedAnswer(fault.body ?? 'html')));
					return handle(req, res, ctx);
				case 'status': {
					const answer = withRetryAfter(fault.echo ? echoAnswer(req, ctx) : errorAnswer(fault.status!), fault.retryAfter ?? null);
					if (!fault.after) return write(res, fault.status!, answer);
					replaceAnswer(res, () => write(res, fault.status!, answer));
					return handle(req, res, ctx);
				}
			}
		};
	}

	/** The oldest fault matching this request, with one use taken off it. */
	private take(provider: string, isSend: () => boolean): Fault | undefined {
		let send: boolean | undefined;
		const fault = this.faults.find((f) => f.provider === provider && (f.action === null || (send ??= isSend())));
		if (fault === undefined) return undefined;
		fault.count--;
		if (fault.count === 0) this.faults.splice(this.faults.indexOf(fault), 1);
		return fault;
	}
}

/** `GET`, `POST`, `DELETE /_sandbox/faults`; `ctx.target` is relative to `/_sandbox`. */
export function handleFaults(req: IncomingMessage, res: ServerResponse, ctx: RequestContext, faults: FaultInjector): void {
	switch (req.method) {
		case 'GET':
			return sendJson(res, 200, { faults: faults.list() });
		case 'POST': {
			const parsed = parseJsonBody(ctx.body);
			try {
				if (!parsed.ok) throw new ControlInputError('The body must be JSON');
				return sendJson(res, 200, faults.add(parsed.value));
			} catch (error: unknown) {
				if (!(error instanceof ControlInputError)) throw error;
				return sendJson(res, 400, { error: error.message });
			}
		}
		case 'DELETE':
			return sendJson(res, 200, { cleared: faults.clear() });
		default:
			sendJson(res, 405, { error: 'Use GET, POST or DELETE on /_sandbox/faults' }, { Allow: 'GET, POST, DELETE' });
	}
}

/** The one control route every listener answers, a provider's own included; `target` is the full request target. */
export function isFaultsRoute(target: string): boolean {
	return target.split('?')[0] === FAULTS_PREFIX;
}

function isControl(target: string): boolean {
	return target === '/_sandbox' || target.startsWith('/_sandbox/') || target.startsWith('/_sandbox?');
}

/** The fields every kind takes, then those of its own kind; anything else is refused, so a typo is not silently ignored. */
function parseFault(input: unknown, providers: ReadonlyMap<string, EmulatorFaults | undefined>): Omit<Fault, 'id'> {
	if (!isRecord(input)) throw new ControlInputError('Expected a JSON object {"provider","kind",…}');
	const { provider, action, kind, count, ...rest } = input;
	if (typeof provider !== 'string' || !providers.has(provider)) {
		throw new ControlInputError(`provider must be one of ${[...providers.keys()].join(', ')}`);
	}
	if (action !== undefined && action !== null && action !== 'send') {
		throw new ControlInputError('action must be "send" (only send calls) or absent (every call)');
	}
	if (action === 'send' && providers.get(provider) === undefined) {
		throw new ControlInputError(`${provider} does not say which of its calls send, so action "send" cannot apply`);
	}
	if (!FAULT_KINDS.includes(kind as FaultKind)) throw new ControlInputError(`kind must be one of ${FAULT_KINDS.join(', ')}`);
	if (count !== undefined && !(Number.isInteger(count) && (count as number) >= 1)) {
		throw new ControlInputError('count must be an integer ≥ 1 (default 1)');
	}
	const base = {
		provider,
		action: action === 'send' ? ('send' as const) : null,
		kind: kind as FaultKind,
		count: (count as number) ?? 1,
	};
	const allowed: Record<FaultKind, string[]> = {
		'reset-after-accept': [],
		'reset-before-accept': [],
		status: ['status', 'after', 'retryAfter', 'echo'],
		delay: ['ms'],
		malformed: ['body'],
	};
	const unknown = Object.keys(rest).filter((key) => !allowed[base.kind].includes(key));
	if (unknown.length > 0) throw new ControlInputError(`${base.kind} faults take no ${unknown.join(', ')}`);

	switch (base.kind) {
		case 'status': {
			if (!STATUSES.includes(rest.status as FaultStatus))
				throw new ControlInputError(`status must be one of ${STATUSES.join(', ')}`);
			if (rest.after !== undefined && typeof rest.after !== 'boolean') throw new ControlInputError('after must be a boolean');
			if (rest.echo !== undefined && typeof rest.echo !== 'boolean') throw new ControlInputError('echo must be a boolean');
			const retryAfter = rest.retryAfter;
			if (retryAfter !== undefined && retryAfter !== null && !(Number.isInteger(retryAfter) && (retryAfter as number) >= 0)) {
				throw new ControlInputError('retryAfter must be a whole number of seconds ≥ 0');
			}
			return {
				...base,
				status: rest.status as FaultStatus,
				after: rest.after === true,
				retryAfter: (retryAfter as number | null | undefined) ?? null,
				echo: rest.echo === true,
			};
		}
		case 'delay': {
			const ms = rest.ms;
			if (!(Number.isInteger(ms) && (ms as number) >= 0 && (ms as number) <= MAX_DELAY_MS)) {
				throw new ControlInputError(`ms must be an integer from 0 to ${MAX_DELAY_MS}`);
			}
			return { ...base, ms: ms as number };
		}
		case 'malformed': {
			const body = rest.body ?? 'html';
			if (!MALFORMED_BODIES.includes(body as 'html')) throw new ControlInputError('body must be "html" (default) or "json"');
			return { ...base, body: body as 'html' | 'json' };
		}
		default:
			return base;
	}
}

/**
 * Lets the emulator handle the request as usual, but swallows its answer and calls `replacement`
 * when it ends it. `writeHead`, `write` and `end` are swapped on this one response object only.
 */
function replaceAnswer(res: ServerResponse, replacement: () => void): void {
	const { writeHead, write, end } = res;
	// The stand-ins ignore their arguments, so no overload of the originals needs matching.
	res.writeHead = (() => res) as unknown as ServerResponse['writeHead'];
	res.write = (() => true) as unknown as ServerResponse['write'];
	res.end = (() => {
		Object.assign(res, { writeHead, write, end });
		// Headers the emulator set with setHeader belong to the answer being dropped.
		for (const name of res.getHeaderNames()) res.removeHeader(name);
		replacement();
		return res;
	}) as unknown as ServerResponse['end'];
}

function write(res: ServerResponse, status: number, answer: FaultAnswer): void {
	res.writeHead(status, { ...answer.headers, 'Content-Length': Buffer.byteLength(answer.body) });
	res.end(answer.body);
}

function withRetryAfter(answer: FaultAnswer, retryAfter: number | null): FaultAnswer {
	return retryAfter === null ? answer : { ...answer, headers: { ...answer.headers, 'Retry-After': String(retryAfter) } };
}

/** The request as text: method and target, every header, then the body. */
function echoAnswer(req: IncomingMessage, ctx: RequestContext): FaultAnswer {
	const headers = Object.entries(req.headers).map(([name, value]) => `${name}: ${String(value)}`);
	const body = ctx.body.toString('utf8');
	return {
		headers: { 'Content-Type': 'text/plain; charset=utf-8' },
		body: `Upstream failed for ${req.method} ${ctx.target}; request headers: ${headers.join('; ')}; body: ${body}`,
	};
}

function malformedAnswer(body: 'html' | 'json'): FaultAnswer {
	return body === 'json'
		? { headers: { 'Content-Type': 'application/json' }, body: '{"unexpected":true}' }
		: {
				headers: { 'Content-Type': 'text/html; charset=utf-8' },
				body: '<html><head><title>Sandbox fault</title></head><body><h1>Not an API answer</h1></body></html>',
			};
}

function genericError(status: FaultStatus): FaultAnswer {
	return {
		headers: { 'Content-Type': 'application/json; charset=utf-8' },
		body: JSON.stringify({ error: `Sandbox fault: HTTP ${status}` }),
	};
}
