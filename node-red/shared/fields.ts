import { SmsError, type ProviderId } from '../../core';

/**
 * The one rule for node fields versus msg properties: a field set in the node wins; a field left empty is
 * taken from the first msg property that has a value. Values are passed on untouched otherwise, so the
 * core's schema reports a wrong type in plain English instead of this layer guessing.
 */
export function pick(configured: unknown, ...fromMsg: unknown[]): unknown {
	if (isSet(configured)) return configured;
	return fromMsg.find(isSet);
}

/** Text fields: as pick, and '' when nothing is set so the schema says what is missing. */
export function pickText(configured: unknown, ...fromMsg: unknown[]): unknown {
	return pick(configured, ...fromMsg) ?? '';
}

/** A ticked checkbox wins; an unticked one lets a boolean msg property decide; otherwise the provider default. */
export function pickFlag(configured: unknown, fromMsg: unknown): boolean | undefined {
	if (configured === true) return true;
	return typeof fromMsg === 'boolean' ? fromMsg : undefined;
}

/** Editor inputs hold numbers as text: "60" becomes 60, anything else is passed on for the schema to refuse. */
export function pickNumber(configured: unknown, ...fromMsg: unknown[]): unknown {
	const value = pick(configured, ...fromMsg);
	if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
	return value;
}

/** msg.payload counts as message text only when it is a string (an inject timestamp is not a message). */
export function textPayload(payload: unknown): string | undefined {
	return typeof payload === 'string' ? payload : undefined;
}

/**
 * The text of a field, else msg.payload — which must then be text: a number or an object says what it is,
 * rather than "the message is empty".
 */
export function textFromPayload(provider: ProviderId, label: string, configured: unknown, payload: unknown): unknown {
	if (isSet(configured)) return configured;
	if (payload === undefined || payload === null || typeof payload === 'string') return payload ?? '';
	const kind = Array.isArray(payload) ? 'an array' : typeof payload === 'object' ? 'an object' : `a ${typeof payload}`;
	const shown = typeof payload === 'object' ? '' : ` (${String(payload)})`;
	throw new SmsError({
		provider,
		code: 'INVALID_INPUT',
		message: `${label}: msg.payload is ${kind}${shown}, not text; nothing was sent.`,
		hint: `Type the ${label.toLowerCase()} in the node, or set msg.payload to a string (e.g. with a change or template node).`,
		kind: 'input',
	});
}

/** An object payload's properties (node fields win over them), or none. */
export function payloadObject(payload: unknown): Record<string, unknown> {
	return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {};
}

/** Ids from a list or from "1, 2, 3". */
export function idList(value: unknown): unknown {
	if (value === undefined) return undefined;
	if (Array.isArray(value)) return value;
	return String(value)
		.split(/[,;\s]+/)
		.filter((s) => s !== '');
}

/**
 * The options of every send node (core/send.ts): the Idempotency Key — the node's, msg.idempotencyKey, else
 * the message id, so a message that reaches the node twice is known —, Skip Recipients Already Sent, and what
 * an invalid number does.
 */
export function sendingFields(def: Record<string, unknown>, msg: Record<string, unknown>): Record<string, unknown> {
	return {
		idempotencyKey: pick(def.idempotencyKey, msg.idempotencyKey, msg._msgid),
		skipAlreadySent: pickFlag(def.skipAlreadySent, msg.skipAlreadySent) === true,
		onInvalidNumber:
			pick(def.onInvalidNumber === 'fail' ? 'fail' : undefined, msg.onInvalidNumber) === 'fail' ? 'fail' : 'reject',
	};
}

export function isSet(value: unknown): boolean {
	if (value === undefined || value === null) return false;
	if (typeof value === 'string') return value.trim() !== '';
	if (Array.isArray(value)) return value.length > 0;
	return true;
}
