import { ControlInputError, type PhoneLine, type PhoneMessage } from '../../provider';
import { RESPONSE_SHORTCODE, type OvhCallbackPusher } from './callbacks';
import { DELIVERY_STATUS, handsetNumber, receiveIncoming, reportOutgoing } from './control';
import { senderType } from './moderation-routes';
import { estimateText, STOP_CLAUSE } from './segments';
import { SEEDED_ACCOUNTS, type IncomingRecord, type OvhState, type SentMessage, type SmsRecord } from './state';

/** What the emulator lends its phone line: the same getters its control routes get. */
export interface OvhPhoneLineDeps {
	/** The current state: a reset replaces it. */
	readonly state: () => OvhState;
	readonly pusher: OvhCallbackPusher;
	/** Releases due jobs and answers the SMS clock, as before every API and control call. */
	readonly smsNow: () => number;
}

/** Outgoing and incoming ids are two counters of their own: a prefix each keeps them apart. */
const SENT_PREFIX = 'out-';
const RECEIVED_PREFIX = 'in-';
const SENT_ID = /^out-(\d+)$/;

/**
 * The OVHcloud emulator as the phone page sees it. Sent: one message per SMS record (one per valid receiver of each
 * `POST /sms/{serviceName}/jobs`), under the id the API gives it. Deferred jobs still waiting for their
 * `differedPeriod` are shown as `queued` from the start (they keep their id and creation time once released); a
 * cancelled job or an outgoing record deleted through the API leaves the list, as it leaves the API. Received: the
 * service's incoming SMS, whether from a phone-page reply or `POST /_sandbox/ovh/incoming`.
 *
 * Settling and replying call the functions behind `POST /_sandbox/ovh/outgoing/{id}/delivery` and
 * `POST /_sandbox/ovh/incoming`, so `GET /sms/{serviceName}/outgoing/{id}`, `GET /sms/{serviceName}/incoming` and
 * the `callBack` / `smsResponse.cgiUrl` pushes behave the same.
 */
export function ovhPhoneLine(deps: OvhPhoneLineDeps): PhoneLine {
	return {
		messages() {
			deps.smsNow();
			const state = deps.state();
			const sends = sendsById(state.sent);
			const sent = [...state.outgoing, ...state.jobs]
				.sort((a, b) => a.id - b.id)
				.map((record): [number, PhoneMessage] => [record.creationDatetime, sentMessage(record, sends.get(record.id))]);
			const received = [...state.incoming]
				.sort((a, b) => a.id - b.id)
				.map((record): [number, PhoneMessage] => [record.creationDatetime, receivedMessage(record)]);
			// Times are whole seconds: a stable sort keeps sends before replies of the same second, each in id order.
			return [...sent, ...received].sort(([a], [b]) => a - b).map(([, message]) => message);
		},

		settle(id, status) {
			const smsNow = deps.smsNow();
			const state = deps.state();
			const smsId = Number(SENT_ID.exec(id)?.[1] ?? NaN);
			const record = state.outgoing.find((r) => r.id === smsId);
			if (!record) {
				const job = state.jobs.find((r) => r.id === smsId);
				if (job) {
					throw new ControlInputError(
						`id: ${id} is a job deferred by ${job.differedDelivery} minutes, not sent yet: advance the SMS clock ` +
							'(POST /_sandbox/ovh/clock) past its differed period first',
					);
				}
				throw new ControlInputError(`id: no SMS sent through OVHcloud has id ${id} (see GET /_sandbox/phone/messages)`);
			}
			reportOutgoing(state, deps.pusher, record, DELIVERY_STATUS[status], smsNow);
		},

		reply({ from, to, text }) {
			const smsNow = deps.smsNow();
			const state = deps.state();
			const sender = handsetNumber(from.trim(), 'from');
			// The service of the latest SMS to that phone (from that sender when `to` names one), else the first account.
			const toPhone = [...state.outgoing, ...state.jobs].filter((r) => r.receiver === sender).sort((a, b) => b.id - a.id);
			const last = toPhone.find((r) => to !== undefined && peerOf(r) === to.trim()) ?? toPhone[0];
			const account = state.accounts.get(last?.service ?? SEEDED_ACCOUNTS[0].name);
			if (!account) throw new ControlInputError(`No OVHcloud SMS service ${last?.service ?? SEEDED_ACCOUNTS[0].name}`);
			const { record } = receiveIncoming(state, deps.pusher, account, { sender, message: text }, smsNow);
			return receivedMessage(record);
		},
	};
}

/** Each SMS id → the `POST /jobs` it came from (its options decide the STOP mention). */
function sendsById(sent: readonly SentMessage[]): Map<number, SentMessage> {
	const byId = new Map<number, SentMessage>();
	for (const send of sent) for (const id of send.ids) byId.set(id, send);
	return byId;
}

/**
 * The text the handset gets: OVH appends its STOP mention after a custom alphanumeric sender unless `noStopClause`,
 * the rule jobs.ts bills by (a sender's type follows from its name, so a sender deleted since still reads the same).
 */
function deliveredText(record: SmsRecord, send: SentMessage | undefined): string {
	const sender = send?.sender ?? null;
	const stopClause = sender !== null && senderType(sender) === 'alpha' && send?.noStopClause !== true;
	return stopClause ? record.message + STOP_CLAUSE : record.message;
}

/** What the phone shows the SMS came from: the sender, `38111` for `senderForResponse`; none when the send named none. */
function peerOf(record: SmsRecord): string | null {
	return record.sender === '' ? null : record.sender;
}

/**
 * The DLR id first (§9.5: 1 delivered, 2 and 16 failed), then the ptt code (§9.4: 4 delivered; 0–3, 6 and 24–26 still
 * on their way or unknown), as SMS Kit's own OVHcloud client reads a record; any other ptt is a failure.
 */
function statusOf(record: SmsRecord): PhoneMessage['status'] {
	if (record.deliveryReceipt === 1) return 'delivered';
	if (record.deliveryReceipt === 2 || record.deliveryReceipt === 16) return 'failed';
	if (record.ptt === 4) return 'delivered';
	return [0, 1, 2, 3, 6, 24, 25, 26].includes(record.ptt) ? 'queued' : 'failed';
}

function sentMessage(record: SmsRecord, send: SentMessage | undefined): PhoneMessage {
	const text = deliveredText(record, send);
	return {
		id: `${SENT_PREFIX}${record.id}`,
		direction: 'sent',
		phone: record.receiver,
		peer: peerOf(record),
		text,
		// A still-deferred job has not been reported on: ptt and DLR id 0, so queued.
		status: statusOf(record),
		// The parts the send was billed for. OVH deduces the encoding from the text (`coding` is deprecated and
		// changes nothing in the emulator), as segments.ts counts it.
		segments: record.numberOfSms,
		encoding: encodingOf(text),
		at: new Date(record.creationDatetime).toISOString(),
	};
}

function receivedMessage(record: IncomingRecord): PhoneMessage {
	return {
		id: `${RECEIVED_PREFIX}${record.id}`,
		direction: 'received',
		phone: record.sender,
		// Replies reach the service through its short number, the `shortcode` of the cgiUrl push.
		peer: RESPONSE_SHORTCODE,
		text: record.message,
		status: 'received',
		segments: estimateText(record.message).parts,
		encoding: encodingOf(record.message),
		at: new Date(record.creationDatetime).toISOString(),
	};
}

function encodingOf(text: string): PhoneMessage['encoding'] {
	return estimateText(text).charactersClass === '7bits' ? 'GSM-7' : 'UCS-2';
}
