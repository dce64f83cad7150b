import { isRecord, pushJson } from '../../http';
import { chinaDateTime } from './dates';
import type { AlibabaState, PushAttempt, PushKind, SentSms, SmsTemplate } from './state';

/** How long a receiver may take to answer before the push counts as failed. */
/** §0.5: domestic pushes are retried 1, 5 and 10 minutes after a failure. */
export const RETRY_DELAYS_MS = [60_000, 300_000, 600_000];

/** §10.1 SmsReport element, for one number of a send. */
export function smsReport(sms: SentSms): Record<string, unknown> {
	return {
		phone_number: sms.phoneNumber,
		send_time: chinaDateTime(sms.sentAt),
		report_time: chinaDateTime(sms.receivedAt ?? sms.sentAt),
		success: sms.sendStatus === 3,
		err_code: sms.errCode,
		err_msg: sms.errMsg,
		sms_size: String(sms.smsSize),
		biz_id: sms.bizId,
		out_id: sms.outId,
	};
}

/** §10.1 SmsUp element (current documented shape, plus the optional `sign_name` of older docs). */
export function smsUp(reply: {
	phoneNumber: string;
	content: string;
	sentAt: number;
	destCode: string;
	sequenceId: string;
	signName?: string;
}): Record<string, unknown> {
	return {
		phone_number: reply.phoneNumber,
		content: reply.content,
		send_time: chinaDateTime(reply.sentAt),
		dest_code: reply.destCode,
		sequence_id: reply.sequenceId,
		...(reply.signName === undefined ? {} : { sign_name: reply.signName }),
	};
}

const TEMPLATE_STATUS: Record<number, string> = { 0: 'approving', 1: 'approved', 2: 'rejected', 10: 'rejected' };

/** §0.6 TemplateSmsReport: snake_case but `orderId`. */
export function templateReport(template: SmsTemplate): Record<string, unknown> {
	return {
		template_type: template.type,
		reason: template.reason,
		template_name: template.name,
		orderId: template.orderId,
		template_content: template.content,
		template_status: TEMPLATE_STATUS[template.status],
		remark: template.remark,
		template_code: template.code,
		create_date: chinaDateTime(template.createdAt),
	};
}

/**
 * Pushes JSON arrays without holding up the answer that caused them, records every attempt, and
 * retries one the receiver did not accept (HTTP 200 with a numeric `code`, §10.1) after each of
 * `retryDelaysMs`. Tests wait for pushes in flight with `settled`.
 */
export class CallbackPusher {
	private readonly inFlight = new Set<Promise<void>>();
	private readonly timers = new Set<NodeJS.Timeout>();

	constructor(
		private readonly now: () => number,
		private readonly retryDelaysMs: readonly number[] = RETRY_DELAYS_MS,
	) {}

	push(state: AlibabaState, kind: PushKind, url: string, payload: unknown, attempt = 1): PushAttempt {
		const record: PushAttempt = {
			id: state.nextPushId++,
			kind,
			url,
			payload,
			attempt,
			state: 'pending',
			httpStatus: null,
			response: null,
			error: null,
			sentAt: new Date(this.now()).toISOString(),
			settledAt: null,
			nextRetryAt: null,
		};
		state.pushes.push(record);
		const done = this.deliver(record)
			.then(() => this.retryLater(state, record))
			.finally(() => this.inFlight.delete(done));
		this.inFlight.add(done);
		return record;
	}

	/** Resolves once every push started so far has settled, or after `timeoutMs`. */
	async settled(timeoutMs: number): Promise<void> {
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
		await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
		clearTimeout(timer);
	}

	/** On reset: retries belong to the state that is going away. */
	cancelRetries(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}

	private retryLater(state: AlibabaState, record: PushAttempt): void {
		const delay = this.retryDelaysMs[record.attempt - 1];
		if (record.state === 'accepted' || delay === undefined) return;
		record.nextRetryAt = new Date(this.now() + delay).toISOString();
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			this.push(state, record.kind, record.url, record.payload, record.attempt + 1);
		}, delay);
		// A retry due in minutes must not keep a test run or the CLI alive.
		timer.unref();
		this.timers.add(timer);
	}

	private async deliver(record: PushAttempt): Promise<void> {
		const outcome = await pushJson(
			record.url,
			record.payload,
			'application/json;charset=utf-8',
			(status, body) => status === 200 && isRecord(body) && typeof body.code === 'number',
		);
		record.state = outcome.state;
		record.httpStatus = outcome.httpStatus;
		record.response = outcome.response;
		if (outcome.error !== null) record.error = outcome.error;
		record.settledAt = new Date(this.now()).toISOString();
	}
}
