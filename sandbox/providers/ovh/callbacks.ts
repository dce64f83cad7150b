import { ovhDatetime } from './params';
import type { IncomingRecord, OvhState, PushAttempt, SmsAccount, SmsRecord } from './state';

/** How long a callback server may take to answer before the push counts as failed. */
const PUSH_TIMEOUT_MS = 5000;

/** The short number replies go to (`shortcode` of the incoming callback, sender of `senderForResponse` sends). */
export const RESPONSE_SHORTCODE = '38111';

/** Text of each DLR id (§9.5), sent as `descriptionDlr`. */
export const DLR_TEXT: Readonly<Record<number, string>> = {
	0: 'Pending',
	1: 'Success',
	2: 'Failed',
	4: 'Waiting',
	8: 'Buffered',
	16: 'Error (not billed)',
};

/**
 * §9.1: the query of the delivery report. `dlr` repeats `description` (the DLR id), as
 * third-party receivers read it; `date` is the report time in the sandbox's datetime format
 * [UNCONFIRMED format].
 */
export function deliveryParams(record: SmsRecord, at: number): Record<string, string> {
	return {
		id: String(record.id),
		ptt: String(record.ptt),
		date: ovhDatetime(at),
		description: String(record.deliveryReceipt),
		descriptionDlr: DLR_TEXT[record.deliveryReceipt] ?? 'Unknown',
		dlr: String(record.deliveryReceipt),
	};
}

/** §9.2: the form posted to `smsResponse.cgiUrl`; `keyword` is the first word of the text [3P]. */
export function incomingParams(record: IncomingRecord): Record<string, string> {
	return {
		id: String(record.id),
		keyword: record.message.trim().split(/\s+/)[0] ?? '',
		message: record.message,
		senderid: record.sender,
		shortcode: RESPONSE_SHORTCODE,
		tag: record.tag,
	};
}

/** `url` plus the parameters, after any query it already has (a secret token, say); the fragment is dropped. */
export function withQuery(url: string, params: Record<string, string>): string {
	const bare = url.split('#')[0];
	const separator = !bare.includes('?') ? '?' : bare.endsWith('?') || bare.endsWith('&') ? '' : '&';
	return `${bare}${separator}${new URLSearchParams(params).toString()}`;
}

/**
 * Pushes callbacks without holding up the API answer that caused them, records every attempt in
 * the state, and lets tests wait until none is in flight. Any 2xx is `accepted`; another status,
 * a network error or no answer within 5 s is `failed`. No retries.
 */
export class OvhCallbackPusher {
	private readonly inFlight = new Set<Promise<void>>();

	constructor(private readonly now: () => number) {}

	/** GET `callBack` with the report in the query, if the account has one. */
	delivery(state: OvhState, account: SmsAccount, record: SmsRecord, at: number): PushAttempt | null {
		if (!account.callBack) return null;
		const payload = deliveryParams(record, at);
		return this.push(state, {
			kind: 'delivery',
			service: account.name,
			method: 'GET',
			url: withQuery(account.callBack, payload),
			payload,
		});
	}

	/** POST the form to `smsResponse.cgiUrl` when `responseType` is `cgi`. */
	incoming(state: OvhState, account: SmsAccount, record: IncomingRecord): PushAttempt | null {
		const { responseType, cgiUrl } = account.smsResponse;
		if (responseType !== 'cgi' || !cgiUrl) return null;
		return this.push(state, {
			kind: 'incoming',
			service: account.name,
			method: 'POST',
			url: cgiUrl,
			payload: incomingParams(record),
		});
	}

	/** Resolves once every push started so far has settled, or after `timeoutMs`. */
	async settled(timeoutMs: number): Promise<void> {
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
		await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
		clearTimeout(timer);
	}

	private push(state: OvhState, request: Pick<PushAttempt, 'kind' | 'service' | 'method' | 'url' | 'payload'>): PushAttempt {
		const attempt: PushAttempt = {
			id: state.nextPushId++,
			...request,
			state: 'pending',
			httpStatus: null,
			error: null,
			sentAt: new Date(this.now()).toISOString(),
			settledAt: null,
		};
		state.pushes.push(attempt);
		const done = this.deliver(attempt).finally(() => this.inFlight.delete(done));
		this.inFlight.add(done);
		return attempt;
	}

	private async deliver(attempt: PushAttempt): Promise<void> {
		try {
			const response = await fetch(attempt.url, {
				method: attempt.method,
				...(attempt.method === 'POST'
					? {
							headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
							body: new URLSearchParams(attempt.payload).toString(),
						}
					: {}),
				signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
			});
			await response.arrayBuffer();
			attempt.httpStatus = response.status;
			attempt.state = response.status >= 200 && response.status < 300 ? 'accepted' : 'failed';
		} catch (error: unknown) {
			attempt.state = 'failed';
			attempt.error = describeError(error);
		}
		attempt.settledAt = new Date(this.now()).toISOString();
	}
}

/** fetch says only "fetch failed"; the cause says why (ECONNREFUSED, a timeout, …). */
function describeError(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	const cause = error.cause instanceof Error ? error.cause.message : undefined;
	return cause ? `${error.message}: ${cause}` : error.message;
}
