import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../../http';
import { defineEmulator, type EmulatorContext, type ProviderEmulator, type RequestContext } from '../../provider';
import { authenticate, DEFAULT_TOKEN_LIFETIME_SECONDS, issueToken } from './auth';
import { handleSmsMobileApiControl } from './control';
import { parseCredentials, SMSMOBILEAPI_DEFAULT_CREDENTIALS, type SmsMobileApiCredentials } from './credentials';
import { checkWhatsAppNumber, listPhones } from './devices';
import { ApiError } from './errors';
import { deleteSms, getSms } from './inbox';
import { logEntry, resend, sendSms, sentLog, type Call } from './messages';
import { mergedParams } from './params';
import { smsMobileApiPhoneLine } from './phone-line';
import { addCredentials, createState } from './state';
import { WebhookPusher } from './webhooks';
import { smsMobileApiFaults } from './faults';

export { SMSMOBILEAPI_DEFAULT_CREDENTIALS, type SmsMobileApiCredentials } from './credentials';
export { webhookSignature } from './webhooks';

/** `startSandbox({ providers: { smsmobileapi: … } })`. */
export interface SmsMobileApiEmulatorOptions {
	/** Extra API keys (and OAuth2 clients) accepted from start-up on; they survive `reset()`. */
	readonly credentials?: readonly SmsMobileApiCredentials[];
	/** `expires_in` of the tokens `/oauth2/token` issues; default 3600. */
	readonly tokenLifetimeSeconds?: number;
}

/** Paths without their trailing slash: both forms are served (specs §1). */
const ROUTES: Readonly<Record<string, (call: Call) => unknown>> = {
	'/sendsms': sendSms,
	'/resend': (call) => resend(call, 'sms'),
	'/resendwa': (call) => resend(call, 'whatsapp'),
	'/log/sent/sms': sentLog,
	'/getsms': getSms,
	'/deletesms': deleteSms,
	'/gateway/mobile/list': listPhones,
	'/whatsapp/checknumber': checkWhatsAppNumber,
};
const TOKEN_PATH = '/oauth2/token';

/** SMSMobileAPI (specs/smsmobileapi.md): one account, its phones, logs and webhook. */
export function createSmsMobileApiEmulator(
	options: SmsMobileApiEmulatorOptions = {},
	context: EmulatorContext,
): ProviderEmulator {
	const startupCredentials = (options.credentials ?? []).map(parseCredentials);
	const tokenLifetime = options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
	let state = createState(startupCredentials);
	// Outlives resets, so a test can still wait for pushes started before one.
	const pusher = new WebhookPusher(context.now);

	function serve(req: IncomingMessage, ctx: RequestContext): unknown {
		const [rawPath, query = ''] = ctx.target.split(/\?(.*)/s, 2);
		const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath;
		const route = ROUTES[path];
		if (route === undefined && path !== TOKEN_PATH) throw new ApiError(404, 'not_found', `No API at ${rawPath}`);
		const allowed = path === TOKEN_PATH ? ['POST'] : ['GET', 'POST'];
		if (!allowed.includes(req.method ?? '')) {
			throw new ApiError(405, 'method_not_allowed', `Use ${allowed.join(' or ')}`, { Allow: allowed.join(', ') });
		}
		if (state.rateLimit.on) {
			throw new ApiError(429, 'too_many_requests', 'Too many requests: retry later', {
				'Retry-After': String(state.rateLimit.retryAfter),
			});
		}
		const params = mergedParams(query, req.headers, ctx.body);
		const now = ctx.now();
		if (path === TOKEN_PATH) return issueToken(state, req.headers, params, now, tokenLifetime);
		authenticate(state, req.headers, params, now);
		return route({ state, params, now, pusher });
	}

	return {
		defaultCredentials: SMSMOBILEAPI_DEFAULT_CREDENTIALS,
		basePath: '',

		async handle(req: IncomingMessage, res: ServerResponse, ctx: RequestContext): Promise<void> {
			try {
				sendJson(res, 200, serve(req, ctx));
			} catch (error: unknown) {
				const apiError = error instanceof ApiError ? error : new ApiError(500, 'internal_error', 'Internal sandbox error');
				sendJson(res, apiError.status, apiError.toBody(), apiError.headers);
			}
		},

		async handleControl(req: IncomingMessage, res: ServerResponse, ctx: RequestContext): Promise<void> {
			await handleSmsMobileApiControl(req, res, ctx, { state: () => state, pusher });
		},

		addCredentials(input: unknown): void {
			const parsed = (Array.isArray(input) ? input : [input]).map(parseCredentials);
			for (const credentials of parsed) addCredentials(state, credentials);
		},

		reset(): void {
			state = createState(startupCredentials);
			pusher.forget();
		},

		messages() {
			return state.sent.map(logEntry);
		},

		phone: smsMobileApiPhoneLine({ state: () => state, pusher, now: context.now }),
	};
}

/** Under `/smsmobileapi` on the shared listeners: the API has one base URL and clients take it with a path. */
export const smsMobileApiEmulator = defineEmulator({
	id: 'smsmobileapi',
	faults: smsMobileApiFaults,
	ownListener: false,
	create: createSmsMobileApiEmulator,
	describe: ({ url }) => {
		const keys = SMSMOBILEAPI_DEFAULT_CREDENTIALS;
		return [
			`SMSMobileAPI (http): ${url}`,
			`SMSMobileAPI test credentials: apikey=${keys.apikey} clientId=${keys.clientId}` +
				` clientSecret=${keys.clientSecret} webhookSecret=${keys.webhookSecret}`,
		];
	},
});
