import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJsonBody, requestOrigin, sendJson } from '../../http';
import {
	ControlInputError,
	defineEmulator,
	type EmulatorContext,
	type ProviderEmulator,
	type RequestContext,
} from '../../provider';
import { verifyApplication, verifySignedRequest } from './auth';
import { authRoutes } from './auth-routes';
import { OvhCallbackPusher } from './callbacks';
import { handleOvhControl } from './control';
import { parseCredentials } from './credentials';
import { badRequest, invalidUrl, OvhError } from './errors';
import { releaseDueJobs } from './jobs';
import { bearerToken, issueToken, TOKEN_PATH, verifyBearer } from './oauth2';
import { ovhPhoneLine } from './phone-line';
import { matchRoute, type OvhCall } from './routes';
import { smsRoutes } from './sms-routes';
import {
	addCredentials,
	createOvhState,
	CredentialConflictError,
	OVH_DEFAULT_CREDENTIALS,
	OVH_DEFAULT_OAUTH2_CLIENT,
	type ConsumerKeyRecord,
	type OvhCredentials,
} from './state';
import { ovhFaults } from './faults';

export { OVH_DEFAULT_CREDENTIALS, OVH_DEFAULT_OAUTH2_CLIENT, type OvhCredentials, type OvhAccessRule } from './state';
export { ovhSignature } from './signature';

/** `startSandbox({ providers: { ovh: … } })`. */
export interface OvhEmulatorOptions {
	/** Extra credentials accepted from start-up on; they survive `reset()`. */
	readonly credentials?: readonly OvhCredentials[];
	/** Accepted skew of `X-Ovh-Timestamp`, in seconds either way; default 180. */
	readonly timestampWindowSeconds?: number;
}

/** `/1.0` is the documented base; `/v1` is its alias (specs/ovh.md §1). */
const API_BASES = ['/1.0', '/v1'];
const ROUTES = [...authRoutes, ...smsRoutes];

export function createOvhEmulator(options: OvhEmulatorOptions = {}, context: EmulatorContext): ProviderEmulator {
	const startupCredentials = (options.credentials ?? []).map(parseCredentials);
	const timestampWindowSeconds = options.timestampWindowSeconds ?? 180;
	let state = createOvhState(startupCredentials, context.now());
	let queries = 0;
	// Outlives resets, so a test can still wait for pushes started before one.
	const pusher = new OvhCallbackPusher(context.now);

	/** The SMS clock, after releasing the jobs it has made due. */
	const smsNow = (now: number): number => {
		const clock = now + state.smsClockOffsetMs;
		releaseDueJobs(state, clock);
		return clock;
	};

	/** Every answer carries a query id, which go-ovh and python-ovh put into their errors (§7.3). */
	const nextQueryId = () => `EU.sandbox.${randomBytes(4).toString('hex')}.${process.pid}.${String(++queries).padStart(4, '0')}`;

	function serve(req: IncomingMessage, ctx: RequestContext): unknown {
		const [pathname, queryString = ''] = splitTarget(ctx.target);
		const base = API_BASES.find((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
		if (base === undefined) throw invalidUrl();
		const apiPath = pathname.slice(base.length) || '/';
		const method = req.method ?? 'GET';
		const match = matchRoute(ROUTES, method, apiPath);
		if (!match) throw invalidUrl();

		const now = ctx.now();
		let applicationKey: string | null = null;
		let credential: ConsumerKeyRecord | null = null;
		let oauth2ClientId: string | null = null;
		const bearer = match.route.auth === 'signed' ? bearerToken(req.headers) : null;
		if (match.route.auth === 'application') {
			applicationKey = verifyApplication(state, req.headers);
		} else if (bearer !== null) {
			// OAuth2 (§6): the token replaces every X-Ovh-* header.
			oauth2ClientId = verifyBearer(state, bearer, now);
		} else if (match.route.auth === 'signed') {
			credential = verifySignedRequest(
				state,
				{ headers: req.headers, method, scheme: ctx.scheme, requestTarget: ctx.requestTarget, apiPath, body: ctx.body },
				{ now, timestampWindowSeconds },
			);
			applicationKey = credential.applicationKey;
			credential.lastUse = now;
		}

		const parsed = parseJsonBody(ctx.body);
		if (!parsed.ok) throw badRequest('Invalid JSON received');
		const call: OvhCall = {
			state,
			params: match.params,
			query: new URLSearchParams(queryString),
			body: parsed.value,
			applicationKey,
			credential,
			oauth2ClientId,
			now,
			smsNow: smsNow(now),
			pusher,
			origin: requestOrigin(req, ctx.scheme),
		};
		return match.route.handle(call);
	}

	return {
		defaultCredentials: OVH_DEFAULT_CREDENTIALS,
		basePath: '/1.0',

		async handle(req: IncomingMessage, res: ServerResponse, ctx: RequestContext): Promise<void> {
			if (splitTarget(ctx.target)[0] === TOKEN_PATH) {
				const answer = issueToken(state, { method: req.method ?? 'GET', headers: req.headers, body: ctx.body }, ctx.now());
				sendJson(res, answer.status, answer.body, answer.headers);
				return;
			}
			const headers = { 'X-Ovh-QueryID': nextQueryId() };
			try {
				// Void operations answer 200 with `null`: npm `ovh` 2.x rejects anything but 200 (§7.3).
				sendJson(res, 200, serve(req, ctx) ?? null, headers);
			} catch (error: unknown) {
				const ovhError =
					error instanceof OvhError ? error : new OvhError(500, 'Server::InternalServerError', 'Internal server error');
				sendJson(res, ovhError.status, ovhError.toBody(), headers);
			}
		},

		/** `/_sandbox/ovh/…`: see control.ts. */
		async handleControl(req: IncomingMessage, res: ServerResponse, ctx: RequestContext): Promise<void> {
			await handleOvhControl(req, res, ctx, { state: () => state, pusher, smsNow: () => smsNow(ctx.now()) });
		},

		addCredentials(input: unknown): void {
			const list = Array.isArray(input) ? input : [input];
			const parsed = list.map(parseCredentials);
			try {
				for (const credential of parsed) addCredentials(state, credential, context.now());
			} catch (error: unknown) {
				if (error instanceof CredentialConflictError) throw new ControlInputError(error.message);
				throw error;
			}
		},

		reset(): void {
			state = createOvhState(startupCredentials, context.now());
		},

		messages() {
			return [...state.sent];
		},

		phone: ovhPhoneLine({ state: () => state, pusher, smsNow: () => smsNow(context.now()) }),
	};
}

/** Under `/ovh` on the shared listeners, TLS included: node-ovh only speaks https. */
export const ovhEmulator = defineEmulator({
	id: 'ovh',
	faults: ovhFaults,
	ownListener: false,
	create: createOvhEmulator,
	describe: ({ url, tlsUrl, controlOrigin }) => [
		`OVH (http):  ${url}`,
		`OVH (https): ${tlsUrl}   (self-signed; CA from GET ${controlOrigin}/_sandbox/tls)`,
		`OVH test credentials: applicationKey=${OVH_DEFAULT_CREDENTIALS.applicationKey}` +
			` applicationSecret=${OVH_DEFAULT_CREDENTIALS.applicationSecret}` +
			` consumerKey=${OVH_DEFAULT_CREDENTIALS.consumerKey}`,
		`OVH OAuth2: token URL ${controlOrigin}/ovh${TOKEN_PATH} clientId=${OVH_DEFAULT_OAUTH2_CLIENT.clientId}` +
			` clientSecret=${OVH_DEFAULT_OAUTH2_CLIENT.clientSecret}`,
	],
});

function splitTarget(target: string): [string, string?] {
	const index = target.indexOf('?');
	return index === -1 ? [target] : [target.slice(0, index), target.slice(index + 1)];
}
