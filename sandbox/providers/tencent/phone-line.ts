import { ControlInputError, type PhoneLine, type PhoneMessage } from '../../provider';
import { injectReceipt, injectReply, type ControlDeps } from './control';
import { parsePhoneNumber } from './phone';
import { TENCENT_DEFAULT_CREDENTIALS, type Receipt, type Reply, type SentMessage, type TencentState } from './state';

export interface PhoneLineDeps extends ControlDeps {
	/** The sandbox clock in milliseconds. */
	readonly now: () => number;
}

const PHONE_STATUS = { SUCCESS: 'delivered', FAIL: 'failed' } as const;

/**
 * The Tencent emulator as the phone page (`/_sandbox/phone`) sees it: one message per number every SendSms
 * accepted (its SerialNo as id) and every reply, settled and answered through the same functions as
 * `POST /_sandbox/tencent/receipts` and `/replies`, so the pulls and the callbacks see them alike.
 */
export function createTencentPhoneLine(deps: PhoneLineDeps): PhoneLine {
	// A reply has no id of its own: numbered when first seen, by a counter that outlives resets, so that an id is
	// never reused (and, not being `<digits>:<digits>`, never taken for a SerialNo).
	const replyIds = new WeakMap<Reply, string>();
	let nextReplyId = 1;
	const replyId = (reply: Reply): string => {
		let id = replyIds.get(reply);
		if (id === undefined) replyIds.set(reply, (id = `reply-${nextReplyId++}`));
		return id;
	};
	const received = (reply: Reply): PhoneMessage => ({
		id: replyId(reply),
		direction: 'received',
		phone: reply.phoneNumber,
		peer: reply.signName || reply.extendCode || null,
		text: reply.replyContent,
		status: 'received',
		// Replies are neither billed nor counted by the emulator.
		segments: null,
		encoding: null,
		at: new Date(replyAt(reply)).toISOString(),
	});

	return {
		messages() {
			const state = deps.state();
			const sent = sentMessages(state).map((message) => ({ time: Date.parse(message.at), message }));
			const replies = state.replies.map((reply) => ({ time: replyAt(reply), message: received(reply) }));
			// Stable: a reply in the same millisecond as a send stays after it.
			return [...sent, ...replies].sort((a, b) => a.time - b.time).map((entry) => entry.message);
		},

		settle(id, status) {
			const state = deps.state();
			const sms = state.sent.find((s) => s.serialNo === id);
			if (!sms) throw new ControlInputError(`No Tencent message was sent with SerialNo ${id}`);
			injectReceipt(state, deps.pusher, sms, status === 'delivered' ? 'SUCCESS' : 'FAIL', deps.now());
		},

		reply({ from, to, text }) {
			const number = parsePhoneNumber(from);
			if (number === null) throw new ControlInputError(`from: ${from} is not a phone number, e.g. "+33601020304"`);
			const state = deps.state();
			const last = lastSentTo(state, number.e164, to);
			const reply = injectReply(
				state,
				deps.pusher,
				{
					number,
					text,
					smsSdkAppId: last?.smsSdkAppId ?? TENCENT_DEFAULT_CREDENTIALS.smsSdkAppId,
					signName: last?.signName ?? TENCENT_DEFAULT_CREDENTIALS.signName,
					extendCode: last?.extendCode ?? '',
				},
				deps.now(),
			);
			return received(reply);
		},
	};
}

/** One per number a SendSms accepted, with the outcome of its latest receipt (none yet: queued). */
function sentMessages(state: TencentState): PhoneMessage[] {
	const outcomes = new Map<string, Receipt['reportStatus']>();
	for (const receipt of state.receipts) outcomes.set(receipt.serialNo, receipt.reportStatus);
	return state.messages.flatMap((message) =>
		message.statuses
			.filter((status) => status.Code === 'Ok')
			.map((status): PhoneMessage => {
				const outcome = outcomes.get(status.SerialNo);
				return {
					id: status.SerialNo,
					direction: 'sent',
					phone: status.PhoneNumber,
					peer: peerOf(message),
					text: message.content,
					status: outcome === undefined ? 'queued' : PHONE_STATUS[outcome],
					segments: status.Fee,
					// `fee` counts every text in UTF-16 units, 70 then 67 a segment: the UCS-2 rule.
					encoding: 'UCS-2',
					at: message.receivedAt,
				};
			}),
	);
}

/** What the handset shows as the sender: the sign of `【sign】`, else the international sender ID. */
function peerOf(message: SentMessage): string | null {
	return message.signName ?? message.senderId;
}

/**
 * The newest SendSms that reached `phone` (E.164), and, with `to`, whose sign (the `peer` the page shows) or
 * extend code is `to`: where a reply from that phone goes. None: the seeded application and sign.
 */
function lastSentTo(state: TencentState, phone: string, to: string | undefined): SentMessage | undefined {
	for (let i = state.messages.length - 1; i >= 0; i--) {
		const message = state.messages[i];
		const reached = message.statuses.some((status) => status.Code === 'Ok' && status.PhoneNumber === phone);
		if (reached && (to === undefined || peerOf(message) === to || message.extendCode === to)) return message;
	}
	return undefined;
}

/** When it was received, to the millisecond, unless the control API gave it another ReplyTime. */
function replyAt(reply: Reply): number {
	return reply.replyTime === Math.floor(reply.receivedAt / 1000) ? reply.receivedAt : reply.replyTime * 1000;
}
