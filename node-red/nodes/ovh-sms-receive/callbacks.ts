import { ovh, SmsError } from '../../../core';

/** Which events a receive node makes messages of. */
export type OvhEvent = 'both' | 'incoming' | 'report';

export type OvhReceived =
	{ topic: 'ovh/incoming'; payload: ovh.OvhIncomingItem } | { topic: 'ovh/report'; payload: ovh.OvhDeliveryItem };

/** Bodies larger than this are refused: an OVHcloud callback is a few hundred bytes. */
export const MAX_CALLBACK_BYTES = 64 * 1024;

/**
 * The fields of one callback: the query string (OVHcloud calls the delivery `callBack` URL with GET) and the
 * body (the `cgi` reply callback posts a form; JSON is read too), the body winning for a field in both.
 */
export function callbackFields(query: string, body: unknown, contentType = ''): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const [key, value] of new URLSearchParams(query)) fields[key] = value;
	for (const [key, value] of Object.entries(bodyFields(body, contentType))) fields[key] = value;
	return fields;
}

function bodyFields(body: unknown, contentType: string): Record<string, string> {
	if (body === undefined || body === null) return {};
	if (Buffer.isBuffer(body) || typeof body === 'string') {
		const text = body.toString().trim();
		if (text === '') return {};
		if (/json/i.test(contentType) || text.startsWith('{')) {
			try {
				return bodyFields(JSON.parse(text), '');
			} catch {
				throw invalid('The body is not JSON.');
			}
		}
		return Object.fromEntries(new URLSearchParams(text));
	}
	if (typeof body !== 'object' || Array.isArray(body)) throw invalid('The body is not a form or a JSON object.');
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
		if (value !== undefined && value !== null && typeof value !== 'object') out[key] = String(value);
	}
	return out;
}

/**
 * One OVHcloud callback as the message it makes, told apart by its fields: a reply (`cgi` callback: id,
 * keyword, message, senderid, shortcode, tag) or a delivery report (`callBack`: id, ptt, date, description,
 * descriptionDlr, dlr). The core's parsers make the same items as polling; anything else is INVALID_CALLBACK.
 * `service` is the node's, as callbacks do not name the account.
 */
export function parseOvhCallback(fields: Record<string, string>, service: string, now = new Date()): OvhReceived {
	if (fields.message !== undefined || fields.senderid !== undefined) {
		return { topic: 'ovh/incoming', payload: ovh.parseOvhIncomingCallback(fields, service, now) };
	}
	if (fields.dlr !== undefined || fields.ptt !== undefined || fields.description !== undefined) {
		return { topic: 'ovh/report', payload: ovh.parseOvhDeliveryCallback(fields, service, now) };
	}
	throw invalid('This is neither an OVHcloud reply callback (id, message, senderid) nor a delivery callback (id, dlr, ptt).');
}

/** Whether a node set to `event` makes a message of this topic. */
export function wanted(event: OvhEvent, topic: OvhReceived['topic']): boolean {
	return event === 'both' || (event === 'incoming' ? topic === 'ovh/incoming' : topic === 'ovh/report');
}

function invalid(message: string): SmsError {
	return new SmsError({ provider: 'ovh', code: 'INVALID_CALLBACK', message });
}
