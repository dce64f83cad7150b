import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
	ControlInputError,
	defineEmulator,
	type EmulatorContext,
	type ProviderEmulator,
	type RequestContext,
} from '../../provider';
import { ACTIONS, GLOBE_VERSION } from './actions';
import { authenticate, first, splitTarget, type AlibabaRequest, type Authenticated } from './auth';
import { CallbackPusher, RETRY_DELAYS_MS } from './callbacks';
import { handleAlibabaControl } from './control';
import { parseCredentials } from './credentials';
import { BusinessError, GATEWAY, GatewayError } from './errors';
import { guessCall, sendAnswer } from './response';
import {
	addKey,
	ALIBABA_DEFAULT_CREDENTIALS,
	createAlibabaState,
	CredentialConflictError,
	type AlibabaCredentials,
} from './state';
import { alibabaFaults } from './faults';
import { alibabaPhoneLine } from './phone-line';

export { ALIBABA_DEFAULT_CREDENTIALS, ALIBABA_SEED, type AlibabaCredentials } from './state';

/** `startSandbox({ providers: { alibaba: … } })`. */
export interface AlibabaEmulatorOptions {
	/** Extra AccessKey pairs accepted from start-up on; they survive `reset()`. */
	readonly credentials?: readonly AlibabaCredentials[];
	/** Delays of the push retries, 1, 5 and 10 minutes by default (§0.5); tests shorten them. */
	readonly retryDelaysMs?: readonly number[];
}

/** Alibaba Cloud SMS, Dysmsapi 2017-05-25 and the international 2018-05-01 (specs/aliyun.md). */
export function createAlibabaEmulator(options: AlibabaEmulatorOptions = {}, context: EmulatorContext): ProviderEmulator {
	const startupCredentials = (options.credentials ?? []).map(parseCredentials);
	let state = createAlibabaState(startupCredentials);
	// Outlives resets, so a test can still wait for pushes started before one.
	const pusher = new CallbackPusher(context.now, options.retryDelaysMs ?? RETRY_DELAYS_MS);

	/** §12 in order: method and path, authentication (1–5), version and action (6), the action (7–8). */
	function serve(ctx: RequestContext, request: AlibabaRequest): [Authenticated, Record<string, unknown>] {
		if (request.method !== 'GET' && request.method !== 'POST') throw GATEWAY.unsupportedMethod();
		if (splitTarget(ctx.target)[0] !== '/') throw GATEWAY.actionNotFound();
		const now = ctx.now();
		const auth = authenticate(request, { now, secretOf: (id) => state.keys.get(id), nonces: state.nonces });
		const actions = ACTIONS[auth.version];
		if (actions === undefined) throw GATEWAY.invalidVersion();
		if (!Object.hasOwn(actions, auth.action)) throw GATEWAY.actionNotFound();
		const call = { state, params: auth.params, accessKeyId: auth.accessKeyId, version: auth.version, now, pusher };
		return [auth, actions[auth.action](call)];
	}

	return {
		defaultCredentials: ALIBABA_DEFAULT_CREDENTIALS,
		basePath: '',

		async handle(req: IncomingMessage, res: ServerResponse, ctx: RequestContext): Promise<void> {
			const request: AlibabaRequest = {
				method: req.method ?? 'GET',
				requestTarget: ctx.requestTarget,
				headers: req.headersDistinct,
				body: ctx.body,
			};
			const requestId = randomUUID().toUpperCase();
			const fallback = guessCall(request);
			try {
				const [auth, fields] = serve(ctx, request);
				const envelope = auth.version === GLOBE_VERSION ? {} : { Code: 'OK', Message: 'OK' };
				sendAnswer(res, 200, { RequestId: requestId, ...envelope, ...fields }, auth.format, `${auth.action}Response`);
			} catch (error: unknown) {
				if (error instanceof BusinessError) {
					const fields =
						fallback.version === GLOBE_VERSION
							? { ResponseCode: error.code, ResponseDescription: error.message }
							: { Code: error.code, Message: error.message };
					return sendAnswer(res, 200, { RequestId: requestId, ...fields }, fallback.format, `${fallback.action}Response`);
				}
				const gateway =
					error instanceof GatewayError ? error : GATEWAY.internal(error instanceof Error ? error.message : String(error));
				sendAnswer(
					res,
					gateway.status,
					{
						RequestId: requestId,
						HostId: first(request.headers, 'host') ?? 'dysmsapi.aliyuncs.com',
						Code: gateway.code,
						Message: gateway.message,
						Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(gateway.code)}&product=Dysmsapi&requestId=${requestId}`,
					},
					fallback.format,
					'Error',
				);
			}
		},

		async handleControl(req: IncomingMessage, res: ServerResponse, ctx: RequestContext): Promise<void> {
			await handleAlibabaControl(req, res, ctx, { state: () => state, pusher });
		},

		addCredentials(input: unknown): void {
			const parsed = (Array.isArray(input) ? input : [input]).map(parseCredentials);
			try {
				for (const credential of parsed) addKey(state, credential);
			} catch (error: unknown) {
				if (error instanceof CredentialConflictError) throw new ControlInputError(error.message);
				throw error;
			}
		},

		reset(): void {
			pusher.cancelRetries();
			state = createAlibabaState(startupCredentials);
		},

		messages() {
			return [...state.messages];
		},

		phone: alibabaPhoneLine({ state: () => state, pusher, now: context.now }),
	};
}

/** On a listener of its own: the SDKs take an endpoint host, and the API lives at `/`. */
export const alibabaEmulator = defineEmulator({
	id: 'alibaba',
	faults: alibabaFaults,
	ownListener: true,
	create: createAlibabaEmulator,
	describe: ({ url }) => {
		const keys = ALIBABA_DEFAULT_CREDENTIALS;
		return [
			`Alibaba Cloud (http): ${url}   (SDK endpoint ${new URL(url).host}, protocol http)`,
			`Alibaba test credentials: accessKeyId=${keys.accessKeyId} accessKeySecret=${keys.accessKeySecret}` +
				` signName=${keys.signName} templateCode=${keys.templateCode}`,
		];
	},
});
