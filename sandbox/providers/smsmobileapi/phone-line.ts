import { internationalSegments } from '../alibaba/segments';
import { ControlInputError, type PhoneLine, type PhoneMessage } from '../../provider';
import { injectSms, settleMessage, type ControlDeps } from './control';
import { normaliseNumber } from './params';
import type { MessageStatus, ReceivedSms, SentMessage, SmsMobileApiState } from './state';

export interface PhoneLineDeps extends ControlDeps {
	/** The sandbox clock in milliseconds. */
	readonly now: () => number;
}

/** A phone that has sent a message is as far as SMSMobileAPI sees it: it has no delivery receipts. */
const STATUSES: Readonly<Record<MessageStatus, PhoneMessage['status']>> = {
	queued: 'queued',
	sent: 'delivered',
	failed: 'failed',
};
/** The phone page's receipt as the phone's verdict of `POST …/messages/{guid}/status`. */
const VERDICTS = { delivered: 'sent', failed: 'failed' } as const;

/**
 * SMSMobileAPI as the phone page sees it: what the account's Android phones were asked to send (one recipient
 * each) and what they received. Settling is the phone's verdict on a queued message, a reply an SMS landing on
 * one of the account's phones: both go through the control API's own functions, so `/log/sent/sms/`,
 * `/getsms/` and the webhook see them as they see the control routes'.
 */
export function smsMobileApiPhoneLine(deps: PhoneLineDeps): PhoneLine {
	return {
		messages() {
			const state = deps.state();
			const timed = [
				...state.sent.map((m) => ({ at: m.createdAt, message: sentMessage(state, m) })),
				...state.received.map((sms) => ({ at: sms.receivedAt, message: receivedMessage(state, sms) })),
			];
			// Stable: at the same millisecond, sent messages come before received ones, each in their own order.
			return timed.sort((a, b) => a.at - b.at).map((entry) => entry.message);
		},

		settle(id, status) {
			const state = deps.state();
			if (!state.sent.some((m) => m.guid === id)) {
				throw new ControlInputError(
					state.received.some((sms) => sms.guid === id)
						? `${id} is an SMS the phone received: only sent messages are settled`
						: `No SMSMobileAPI message has the id ${id}`,
				);
			}
			// Already sent or failed: the route's 409, here a ControlInputError (400).
			settleMessage(deps, id, () => ({ status: VERDICTS[status] }), deps.now());
		},

		reply({ from, to, text }) {
			const state = deps.state();
			const normalised = normaliseNumber(from);
			const number = normalised === null ? null : e164(normalised);
			if (number === null) throw new ControlInputError(`from must be a phone number in E.164, e.g. "+15551234567": ${from}`);
			const device = replyDevice(state, number, to);
			const { sms } = injectSms(deps, { number, message: text, device }, deps.now());
			return receivedMessage(deps.state(), sms);
		},
	};
}

function sentMessage(state: SmsMobileApiState, m: SentMessage): PhoneMessage {
	return {
		id: m.guid,
		direction: 'sent',
		phone: e164(m.recipient) ?? m.recipient,
		peer: deviceName(state, m.sIdentifiant),
		text: m.message,
		status: STATUSES[m.status],
		...handsetSegments(m.message),
		at: new Date(m.createdAt).toISOString(),
	};
}

function receivedMessage(state: SmsMobileApiState, sms: ReceivedSms): PhoneMessage {
	return {
		id: sms.guid,
		direction: 'received',
		phone: e164(sms.number) ?? sms.number,
		peer: deviceName(state, sms.sIdentifiantPhone),
		text: sms.message,
		status: 'received',
		...handsetSegments(sms.message),
		at: new Date(sms.receivedAt).toISOString(),
	};
}

/**
 * Segments and encoding as the Android phone sends (or its sender sent) the text: SMSMobileAPI bills no segments
 * of its own, so the carriers' split, counted by the sandbox itself as for Alibaba's international messages (GSM-7
 * when the text fits it, else UCS-2): the emulators use none of the core's code.
 */
function handsetSegments(text: string): Pick<PhoneMessage, 'segments' | 'encoding'> {
	return internationalSegments(text);
}

/** What a recipient's phone shows for the sender: the device's name (the sandbox's phones have no number). */
function deviceName(state: SmsMobileApiState, sid: string): string {
	return state.phones.find((p) => p.sid === sid)?.name ?? sid;
}

/**
 * The device a reply lands on: the one `to` names (its name, as `peer` shows it, or its SID, any case), else the
 * one that last sent to `from`, else undefined (`injectSms`'s default, the first phone).
 */
function replyDevice(state: SmsMobileApiState, from: string, to: string | undefined): string | undefined {
	const named = to?.trim().toLowerCase();
	const device = named ? state.phones.find((p) => p.name.toLowerCase() === named || p.sid.toLowerCase() === named) : undefined;
	if (device) return device.sid;
	return [...state.sent].reverse().find((m) => e164(m.recipient) === from)?.sIdentifiant;
}

/**
 * A number as `normaliseNumber` leaves it, in E.164: `+…` as is, `00…` and bare digits (country code and number,
 * as `/whatsapp/checknumber/` takes them) with a `+`. Null for a national number (a leading 0): no country to add.
 */
function e164(number: string): string | null {
	if (number.startsWith('+')) return number;
	if (number.startsWith('00')) return `+${number.slice(2)}`;
	return /^[1-9]/.test(number) ? `+${number}` : null;
}
