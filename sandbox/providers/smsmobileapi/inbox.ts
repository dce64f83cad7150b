import { randomBytes } from 'node:crypto';
import { badRequest } from './errors';
import type { Call } from './messages';
import { dateParam, integerParam, param } from './params';
import type { ReceivedSms, SmsMobileApiState } from './state';
import { buildEvent, receivedData, type WebhookPusher } from './webhooks';

/** One `/getsms/` row: the OpenAPI's fields plus the older `date`, `hour`, `time_received` (specs §3.4). */
export function receivedView(sms: ReceivedSms): Record<string, unknown> {
	const stamp = new Date(sms.receivedAt).toISOString();
	return {
		id: sms.id,
		sIdentifiantPhone: sms.sIdentifiantPhone,
		timestamp_unix: Math.floor(sms.receivedAt / 1000),
		message: sms.message,
		number: sms.number,
		guid: sms.guid,
		alias: sms.alias,
		date: stamp.slice(0, 10),
		hour: stamp.slice(11, 19),
		time_received: `${stamp.slice(0, 10)} ${stamp.slice(11, 19)}`,
	};
}

/**
 * `/getsms/`, oldest first: `after_timestamp_unix` (strictly later), `sIdentifiantPhone`,
 * `onlyunread=yes`. Listed messages count as read, as on the phone, so that `onlyunread=yes` polling
 * sees each message once.
 */
export function getSms({ state, params }: Call): unknown {
	const after = integerParam(params, 'after_timestamp_unix');
	const phone = param(params, 'sIdentifiantPhone');
	const onlyUnread = param(params, 'onlyunread')?.toLowerCase() === 'yes';
	const listed = state.received.filter(
		(sms) =>
			(after === undefined || Math.floor(sms.receivedAt / 1000) > after) &&
			(phone === undefined || sms.sIdentifiantPhone === phone) &&
			(!onlyUnread || !sms.read),
	);
	for (const sms of listed) sms.read = true;
	return { result: { error: '', sms: listed.map(receivedView) } };
}

/**
 * The guessed `/deletesms/` (specs §0.7, §3.5, unverified): deletes received SMS from the server's
 * log, by `guid_message` and/or a `date_start`–`date_end` range (days, inclusive, UTC); all without filter.
 */
export function deleteSms({ state, params }: Call): unknown {
	const guid = param(params, 'guid_message')?.trim();
	const start = dateParam(params, 'date_start');
	const end = dateParam(params, 'date_end');
	if (start !== undefined && end !== undefined && start > end) throw badRequest('date_start must not be after date_end');
	const doomed = state.received.filter((sms) => {
		const day = new Date(sms.receivedAt).toISOString().slice(0, 10);
		return (
			(guid === undefined || sms.guid === guid) && (start === undefined || day >= start) && (end === undefined || day <= end)
		);
	});
	for (const sms of doomed) state.received.splice(state.received.indexOf(sms), 1);
	return { result: { error: '', deleted: doomed.length, guids: doomed.map((sms) => sms.guid) } };
}

/** An SMS arriving on a phone (control API): stored for `/getsms/` and pushed to the webhook URL. */
export function receiveSms(
	state: SmsMobileApiState,
	pusher: WebhookPusher,
	input: { number: string; message: string; device: string; alias: string | null },
	now: number,
): { sms: ReceivedSms; pushed: number | null } {
	const sms: ReceivedSms = {
		id: state.nextReceivedId++,
		guid: `SMS-${randomBytes(8).toString('hex').toUpperCase()}`,
		sIdentifiantPhone: input.device,
		number: input.number,
		message: input.message,
		alias: input.alias,
		receivedAt: now,
		read: false,
	};
	state.received.push(sms);
	const attempt = state.webhook.legacy
		? pusher.pushLegacy(state, sms)
		: pusher.pushEvent(state, buildEvent('sms.received', receivedData(sms), now, now));
	return { sms, pushed: attempt?.id ?? null };
}
