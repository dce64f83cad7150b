import { runOperation, SmsError, type ApiRequest, type ApiResponse, type Operation, type ProviderId } from '../../core';
import { asSmsError } from './errors';
import type { z } from 'zod';

export interface OperationRunner {
	run<Schema extends z.ZodType, Output>(op: Operation<Schema, Output>, input: unknown): Promise<Output>;
	/** Cancels pending retries and waits for requests already on the wire, so a redeploy never cuts a send in half. */
	close(): Promise<void>;
}

export interface RunnerOptions {
	provider: ProviderId;
	/** Builds the signed sender on first use, so a config problem becomes a per-message error, not a crash. */
	connect(): (request: ApiRequest) => Promise<ApiResponse>;
	toError(response: ApiResponse): SmsError;
	/** Masked out of every error text. */
	secrets: Array<string | undefined>;
}

/** What a config node owns: one session per account, shared by every client node, with its timers cleaned up. */
export function operationRunner(options: RunnerOptions): OperationRunner {
	let send: ((request: ApiRequest) => Promise<ApiResponse>) | undefined;
	const inFlight = new Set<Promise<unknown>>();
	const timers = new Map<NodeJS.Timeout, () => void>();
	let closed = false;

	function sleep(ms: number): Promise<void> {
		return new Promise((resolve, reject) => {
			const cancel = () => reject(stopped(options.provider));
			if (closed) return cancel();
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.set(timer, cancel);
		});
	}

	return {
		async run(op, input) {
			const work = (async () => {
				send ??= options.connect();
				return runOperation(op, input, { send, toError: options.toError, sleep });
			})();
			inFlight.add(work);
			try {
				return await work;
			} catch (caught: unknown) {
				throw asSmsError(caught, options.provider, options.secrets);
			} finally {
				inFlight.delete(work);
			}
		},
		async close() {
			closed = true;
			for (const [timer, cancel] of timers) {
				clearTimeout(timer);
				cancel();
			}
			timers.clear();
			await Promise.allSettled([...inFlight]);
		},
	};
}

function stopped(provider: ProviderId): SmsError {
	return new SmsError({
		provider,
		code: 'STOPPED',
		message: 'The flow was stopped or redeployed before the request could be sent again; it was not sent again.',
	});
}
