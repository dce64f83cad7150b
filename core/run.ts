import { PROVIDER_NAMES, redact, SmsError } from './errors';
import type { ApiRequest, ApiResponse } from './http';
import { internalError, runOperation, type FieldLabels } from './operation';
import type { Pacer } from './bulk';
import type { ActionContext, ProviderModule } from './provider';

/** What an editor adapter supplies to run a provider's actions: its transport, clock, timers and storage. */
export interface RunDeps {
	/** Sends one request, signed (n8n: through the credential; Node-RED: the module's session). */
	send(request: ApiRequest): Promise<ApiResponse>;
	sleep(ms: number): Promise<void>;
	now(): number;
	cache: Map<string, unknown>;
	defaultCountry?: string;
	/** Masked out of every error text. */
	secrets?: Array<string | undefined>;
	/** Paces every request (parallel slots, requests per second, pauses on throttling); none: one at a time per send. */
	pacer?: Pacer;
}

export function actionContext(module: ProviderModule, deps: RunDeps, labels?: FieldLabels): ActionContext {
	const pacer = deps.pacer;
	return {
		call: (op, input) =>
			runOperation(op, input, {
				send: pacer ? (request) => pacer.run(() => deps.send(request)) : deps.send,
				sleep: deps.sleep,
				toError: module.connection.toError,
				labels,
				secrets: deps.secrets,
				onThrottled: pacer && ((ms) => pacer.pause(ms)),
			}),
		now: deps.now,
		cache: deps.cache,
		defaultCountry: deps.defaultCountry || undefined,
		parallel: pacer?.parallel,
	};
}

/**
 * The one run path of both editors: the action by its `resource.operation` name, its calls through the
 * adapter's transport; whatever fails comes out as an SmsError with no secret in it.
 */
export async function runAction(
	module: ProviderModule,
	name: string,
	input: Record<string, unknown>,
	deps: RunDeps,
): Promise<object[]> {
	const action = module.actions[name];
	if (!action) {
		throw new SmsError({
			provider: module.id,
			code: 'UNKNOWN_OPERATION',
			message: `${PROVIDER_NAMES[module.id]} has no operation "${name}".`,
			hint: `Choose one of: ${Object.keys(module.actions).join(', ')}.`,
			kind: 'input',
		});
	}
	try {
		return await action.run(input, actionContext(module, deps, action.labels));
	} catch (caught) {
		throw redactError(caught instanceof SmsError ? caught : internalError(module.id, caught), deps.secrets ?? []);
	}
}

/** The same error with every given secret masked out of its message and hint. */
export function redactError(error: SmsError, secrets: Array<string | undefined>): SmsError {
	if (!secrets.some(Boolean)) return error;
	const details = error.toJSON();
	return new SmsError({
		...details,
		message: redact(details.message, secrets),
		hint: details.hint === undefined ? undefined : redact(details.hint, secrets),
	});
}
