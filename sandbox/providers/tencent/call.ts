import type { CallbackPusher } from './callbacks';
import { invalidValue, TencentError } from './errors';
import { readParams, type Params, type Schema } from './params';
import type { TencentState } from './state';

/** What an action handler gets besides its parameters: the caller is authenticated by then. */
export interface TencentCall {
	readonly state: TencentState;
	readonly secretId: string;
	/** Sandbox clock, epoch milliseconds. */
	readonly now: number;
	readonly pusher: CallbackPusher;
}

/** One action: its parameter schema and a handler answering the `Response` fields besides `RequestId`. */
export interface TencentAction {
	readonly schema: Schema;
	run(call: TencentCall, raw: Record<string, unknown>, fromQuery: boolean): Record<string, unknown>;
}

export function action<S extends Schema>(
	schema: S,
	handle: (call: TencentCall, params: Params<S>) => Record<string, unknown>,
): TencentAction {
	return { schema, run: (call, raw, fromQuery) => handle(call, readParams(raw, schema, fromQuery)) };
}

/**
 * The SmsSdkAppId must exist and belong to the caller's key: `SdkAppIdNotExist` otherwise, or
 * `SmsSdkAppIdVerifyFail` when another key owns it (specs/tencent.md §6.1, §7.2).
 */
export function checkApp(call: TencentCall, appId: string): void {
	if (call.state.keys.get(call.secretId)?.appIds.has(appId)) return;
	for (const key of call.state.keys.values()) {
		if (key.appIds.has(appId)) throw new TencentError('UnauthorizedOperation.SmsSdkAppIdVerifyFail');
	}
	throw invalidValue('SdkAppIdNotExist');
}

/** `Limit` within 1…max (`LimitVerifyFail`) and `Offset` not negative (`OffsetVerifyFail`). */
export function checkPage(limit: number, offset: number, max: number, min = 1): void {
	if (limit < min || limit > max) throw invalidValue('LimitVerifyFail', `Limit must be between ${min} and ${max}.`);
	if (offset < 0) throw invalidValue('OffsetVerifyFail', 'Offset must not be negative.');
}
