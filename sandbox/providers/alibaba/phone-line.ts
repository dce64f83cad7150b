import { ControlInputError, type PhoneLine, type PhoneMessage } from '../../provider';
import type { CallbackPusher } from './callbacks';
import { receiveSms, settleGlobe, settleSent } from './control';
import { parseGlobeNumber, parseNumber, type PhoneNumber } from './phone';
import { internationalSegments } from './segments';
import { ALIBABA_SEED, findSign, type AlibabaState, type GlobeMessage, type ReceivedSms, type SentSms } from './state';

export interface PhoneLineDeps {
	/** The current state: a reset replaces it. */
	readonly state: () => AlibabaState;
	readonly pusher: CallbackPusher;
	/** The sandbox clock, as the control routes read it. */
	readonly now: () => number;
}

const SEND_STATUS: Readonly<Record<SentSms['sendStatus'], PhoneMessage['status']>> = { 1: 'queued', 2: 'failed', 3: 'delivered' };
/** QueryMessage's numbering: 1 delivered, 2 failed, 3 being sent. */
const GLOBE_STATUS: Readonly<Record<GlobeMessage['status'], PhoneMessage['status']>> = {
	1: 'delivered',
	2: 'failed',
	3: 'queued',
};

/**
 * The Alibaba emulator as the phone page sees it: every number of every SendSms, SendBatchSms and 2018-05-01 send,
 * and every SmsUp. Settling and replying go through the same functions as `POST /_sandbox/alibaba/receipts` and
 * `/incoming`, so QuerySendDetails, QueryMessage and the SmsReport / SmsUp pushes behave the same.
 */
export function alibabaPhoneLine(deps: PhoneLineDeps): PhoneLine {
	return {
		messages() {
			const state = deps.state();
			const timed: [number, PhoneMessage][] = [
				...sentIds(state).map(([id, sms]): [number, PhoneMessage] => [sms.sentAt, sentMessage(id, sms)]),
				...state.globe.map((m): [number, PhoneMessage] => [m.sentAt, globeMessage(m)]),
				...state.received.map((r): [number, PhoneMessage] => [r.receivedAt, receivedMessage(r)]),
			];
			// Stable: messages of one millisecond keep the order above.
			return timed.sort(([a], [b]) => a - b).map(([, message]) => message);
		},

		settle(id, status) {
			const state = deps.state();
			const outcome = { success: status === 'delivered' };
			const sms = sentIds(state).find(([sentId]) => sentId === id)?.[1];
			const globe = sms ? undefined : state.globe.find((m) => m.messageId === id);
			if (sms) settleSent(state, deps.pusher, [sms], outcome, deps.now());
			else if (globe) settleGlobe(globe, outcome, deps.now());
			else throw new ControlInputError(`id: no message sent through Alibaba has id ${id} (see GET /_sandbox/phone/messages)`);
		},

		reply({ from, to, text }) {
			const state = deps.state();
			const number = parseFrom(from);
			if (number === null) throw new ControlInputError(`from: ${from} is not a phone number in E.164, e.g. +8613800000001`);
			const sign = to?.trim() ? to.trim() : undefined;
			const last = lastSentTo(state, number, sign);
			const signName = sign === undefined ? (last?.signName ?? ALIBABA_SEED.signName) : (findSign(state, sign)?.name ?? sign);
			const { received } = receiveSms(
				state,
				deps.pusher,
				{ number, content: text, destCode: last?.extendCode ?? '', signName },
				deps.now(),
			);
			return receivedMessage(received);
		},
	};
}

/**
 * Ids of the domestic messages: one BizId covers a whole request, so BizId and number; the same number twice in
 * one request (SendSms takes it) gets `:2`, `:3`…
 */
function sentIds(state: AlibabaState): [string, SentSms][] {
	const seen = new Map<string, number>();
	return state.sent.map((sms) => {
		const key = `${sms.bizId}:${sms.phoneNumber}`;
		const count = (seen.get(key) ?? 0) + 1;
		seen.set(key, count);
		return [count === 1 ? key : `${key}:${count}`, sms];
	});
}

/**
 * The phone's number: E.164 (`+86…` mainland, any other `+…` international, so `+1 380…` is not read as a mainland
 * 138…), or as the domestic API takes numbers.
 */
function parseFrom(raw: string): PhoneNumber | null {
	const value = raw.trim();
	if (!/^\+?\d+$/.test(value)) return null;
	if (!value.startsWith('+') || value.startsWith('+86')) return parseNumber(value);
	return parseGlobeNumber(value.slice(1));
}

/** The newest domestic message to that number, with that sign (any case) when one is given. */
function lastSentTo(state: AlibabaState, number: PhoneNumber, sign: string | undefined): SentSms | undefined {
	for (let i = state.sent.length - 1; i >= 0; i--) {
		const sms = state.sent[i];
		if (sms.phoneNumber !== number.digits || sms.mainland !== number.mainland) continue;
		if (sign === undefined || sms.signName.toLowerCase() === sign.toLowerCase()) return sms;
	}
	return undefined;
}

/** Mainland numbers are kept as 11 digits, the others as country code and number. */
function e164(digits: string, mainland: boolean): string {
	return mainland ? `+86${digits}` : `+${digits}`;
}

function sentMessage(id: string, sms: SentSms): PhoneMessage {
	return {
		id,
		direction: 'sent',
		phone: e164(sms.phoneNumber, sms.mainland),
		peer: sms.signName,
		text: sms.content,
		status: SEND_STATUS[sms.sendStatus],
		segments: sms.smsSize,
		// Alibaba bills every mainland message as UCS-2 (segments.ts); the others as counted when sent.
		encoding: sms.mainland ? 'UCS-2' : internationalSegments(sms.content).encoding,
		at: new Date(sms.sentAt).toISOString(),
	};
}

function globeMessage(m: GlobeMessage): PhoneMessage {
	return {
		id: m.messageId,
		direction: 'sent',
		// The 2018-05-01 API refuses mainland numbers: `to` is always country code and number.
		phone: e164(m.to, false),
		peer: m.from === '' ? null : m.from,
		text: m.message,
		status: GLOBE_STATUS[m.status],
		segments: m.segments,
		encoding: internationalSegments(m.message).encoding,
		at: new Date(m.sentAt).toISOString(),
	};
}

/** Segments and encoding as a handset would send the text: GSM-7 when it fits (Alibaba counts none for SmsUp). */
function receivedMessage(r: ReceivedSms): PhoneMessage {
	const { segments, encoding } = internationalSegments(r.content);
	return {
		id: `up:${r.sequenceId}`,
		direction: 'received',
		phone: e164(r.phoneNumber, r.mainland),
		peer: r.signName,
		text: r.content,
		status: 'received',
		segments,
		encoding,
		at: new Date(r.receivedAt).toISOString(),
	};
}
