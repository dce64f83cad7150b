import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
	ControlInputError,
	defineEmulator,
	type EmulatorContext,
	type ProviderEmulator,
	type RequestContext,
} from '../../provider';
import { API_VERSION, ACTIONS, REGIONS } from './actions';
import { header, splitTarget, verifyTc3 } from './auth';
import { CallbackPusher } from './callbacks';
import { handleTencentControl } from './control';
import { parseCredentials } from './credentials';
import { missingParameter, TencentError, type Language } from './errors';
import { rawParams } from './params';
import { createTencentPhoneLine } from './phone-line';
import {
	addKey,
	createTencentState,
	CredentialConflictError,
	TENCENT_DEFAULT_CREDENTIALS,
	type TencentCredentials,
} from './state';
import { tencentFaults } from './faults';

export { TENCENT_DEFAULT_CREDENTIALS, TENCENT_SEED, type TencentCredentials } from './state';
export { tc3Sign } from './signature';

/** `startSandbox({ providers: { tencent: … } })`. */
export interface TencentEmulatorOptions {
	/** Extra key pairs accepted from start-up on; they survive `reset()`. */
	readonly credentials?: readonly TencentCredentials[];
}

/** Tencent Cloud SMS, API 3.0 version 2021-01-11 (specs/tencent.md). */
export function createTencentEmulator(options: TencentEmulatorOptions = {}, context: EmulatorContext): ProviderEmulator {
	const startupCredentials = (options.credentials ?? []).map(parseCredentials);
	let state = createTencentState(startupCredentials, context.now());
	// Outlives resets, so a test can still wait for pushes started before one.
	const pusher = new CallbackPusher(context.now);

	/** §3.2 in order: method, authentication (steps 1–5), action and version, region, parameters. */
	function serve(req: IncomingMessage, ctx: RequestContext): Record<string, unknown> {
		const method = req.method ?? 'GET';
		if (method !== 'POST' && method !== 'GET') throw new TencentError('UnsupportedProtocol');
		const now = ctx.now();
		const secretId = verifyTc3(
			{ method, requestTarget: ctx.requestTarget, headers: req.headers, body: ctx.body },
			(id) => state.keys.get(id)?.secretKey,
			{ now },
		);

		const actionName = header(req.headers, 'x-tc-action');
		if (actionName === undefined) throw missingParameter('X-TC-Action');
		if (!Object.hasOwn(ACTIONS, actionName)) {
			throw new TencentError('InvalidAction', `The action \`${actionName}\` is not found or not supported by the sandbox.`);
		}
		const action = ACTIONS[actionName];
		const version = header(req.headers, 'x-tc-version');
		if (version === undefined) throw missingParameter('X-TC-Version');
		if (version !== API_VERSION) {
			throw new TencentError(
				'NoSuchVersion',
				`The version \`${version}\` of service \`sms\` does not exist; use ${API_VERSION}.`,
			);
		}
		const region = header(req.headers, 'x-tc-region');
		if (region === undefined) throw missingParameter('X-TC-Region');
		if (!REGIONS.has(region)) throw new TencentError('UnsupportedRegion', `The region \`${region}\` is not supported.`);

		if (method === 'POST' && !/^application\/json\s*(;|$)/i.test(header(req.headers, 'content-type') ?? '')) {
			throw new TencentError('InvalidParameter', 'POST bodies must be application/json.');
		}
		const raw = rawParams(method, ctx.body, splitTarget(ctx.requestTarget)[1] ?? '');
		return action.run({ state, secretId, now, pusher }, raw, method === 'GET');
	}

	return {
		defaultCredentials: TENCENT_DEFAULT_CREDENTIALS,
		basePath: '',

		async handle(req: IncomingMessage, res: ServerResponse, ctx: RequestContext): Promise<void> {
			const language: Language = header(req.headers, 'x-tc-language') === 'zh-CN' ? 'zh-CN' : 'en-US';
			let fields: Record<string, unknown>;
			try {
				fields = serve(req, ctx);
			} catch (error: unknown) {
				const tencentError =
					error instanceof TencentError
						? error
						: new TencentError(
								'InternalError',
								`Internal sandbox error: ${error instanceof Error ? error.message : String(error)}`,
							);
				fields = { Error: { Code: tencentError.code, Message: tencentError.messageFor(language) } };
			}
			send(res, { Response: { ...fields, RequestId: randomUUID() } }, header(req.headers, 'x-tc-traceid'));
		},

		async handleControl(req: IncomingMessage, res: ServerResponse, ctx: RequestContext): Promise<void> {
			await handleTencentControl(req, res, ctx, { state: () => state, pusher });
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
			state = createTencentState(startupCredentials, context.now());
		},

		messages() {
			return [...state.messages];
		},

		phone: createTencentPhoneLine({ state: () => state, pusher, now: context.now }),
	};
}

/** On a listener of its own: the SDKs take a host, and the API lives at `/` with the action in `X-TC-Action`. */
export const tencentEmulator = defineEmulator({
	id: 'tencent',
	faults: tencentFaults,
	ownListener: true,
	create: createTencentEmulator,
	describe: ({ url }) => {
		const keys = TENCENT_DEFAULT_CREDENTIALS;
		return [
			`Tencent Cloud (http): ${url}   (SDK endpoint ${new URL(url).host}, protocol http://)`,
			`Tencent test credentials: secretId=${keys.secretId} secretKey=${keys.secretKey}` +
				` smsSdkAppId=${keys.smsSdkAppId} signName=${keys.signName} templateId=${keys.templateId}`,
		];
	},
});

/** §5: HTTP 200 whatever the outcome, and a Content-Type of exactly `application/json`. */
function send(res: ServerResponse, body: unknown, traceId: string | undefined): void {
	const text = JSON.stringify(body);
	res.writeHead(200, {
		'Content-Type': 'application/json',
		'Content-Length': Buffer.byteLength(text),
		...(traceId === undefined ? {} : { 'X-TC-TraceId': traceId }),
	});
	res.end(text);
}
