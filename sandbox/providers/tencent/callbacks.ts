import { isRecord, pushJson } from '../../http';
import type { PushAttempt, Receipt, Reply, TencentState } from './state';

/** How long a callback server may take to answer before the push counts as failed. */

/** §8.1: one element of the delivery-status callback's array. */
export function receiptCallback(receipt: Receipt): Record<string, string> {
	return {
		user_receive_time: beijingTime(receipt.userReceiveTime),
		nationcode: receipt.countryCode,
		mobile: receipt.subscriberNumber,
		report_status: receipt.reportStatus,
		errmsg: receipt.errmsg,
		description: receipt.description,
		sid: receipt.serialNo,
	};
}

/** §8.2: the reply callback's object. */
export function replyCallback(reply: Reply): Record<string, string | number> {
	return {
		extend: reply.extendCode,
		mobile: reply.subscriberNumber,
		nationcode: reply.countryCode,
		sign: reply.signName,
		text: reply.replyContent,
		time: reply.replyTime,
	};
}

/** `YYYY-MM-DD HH:MM:SS` in Beijing time (UTC+8), the service's zone [UNCONFIRMED in §8.1]. */
export function beijingTime(seconds: number): string {
	return new Date((seconds + 8 * 3600) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Pushes callbacks without holding up the API answer that caused them, records every attempt and
 * its outcome in the state, and lets tests wait until none is in flight. No retries.
 */
export class CallbackPusher {
	private readonly inFlight = new Set<Promise<void>>();

	constructor(private readonly now: () => number) {}

	push(state: TencentState, kind: PushAttempt['kind'], url: string, payload: unknown): PushAttempt {
		const attempt: PushAttempt = {
			id: state.nextPushId++,
			kind,
			url,
			payload,
			state: 'pending',
			httpStatus: null,
			response: null,
			error: null,
			sentAt: new Date(this.now()).toISOString(),
			settledAt: null,
		};
		state.pushes.push(attempt);
		const done = this.deliver(attempt).finally(() => this.inFlight.delete(done));
		this.inFlight.add(done);
		return attempt;
	}

	/** Resolves once every push started so far has settled, or after `timeoutMs`. */
	async settled(timeoutMs: number): Promise<void> {
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
		await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
		clearTimeout(timer);
	}

	private async deliver(attempt: PushAttempt): Promise<void> {
		const outcome = await pushJson(
			attempt.url,
			attempt.payload,
			'application/json',
			(status, body) => status === 200 && isRecord(body) && body.result === 0,
		);
		attempt.state = outcome.state;
		attempt.httpStatus = outcome.httpStatus;
		attempt.response = outcome.response;
		if (outcome.error !== null) attempt.error = outcome.error;
		attempt.settledAt = new Date(this.now()).toISOString();
	}
}
