import { dedupe } from '../../dedupe';
import type { Poll, PollState, Received } from '../../provider';
import * as op from './operations';

function without<T extends object>(record: T, keys: string[]): Record<string, unknown> {
	return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

/** Each poll reads again this far before the last one, for clock skew between the phone, the service and us. */
export const SMSMOBILEAPI_POLL_OVERLAP_MS = 5 * 60_000;
/** Sent messages are followed this long for their final status. */
const SENT_WINDOW_MS = 48 * 3600_000;

/**
 * Incoming SMS: `/getsms/` after a cursor, keys by GUID kept until no listing can return them. Delivery: the
 * sent log, each message emitted once when sent or failed.
 */
export const smsmobileapiPoll: Poll = {
	async step(ctx, options, previous) {
		const now = ctx.now();
		// The service stamps to the second: start a second early so nothing of the first second is missed.
		const start = Math.floor((now - options.lookbackMs) / 1000) * 1000 - 1000;
		const state: PollState =
			previous && previous.account === options.account && previous.event === options.event
				? previous
				: { account: options.account, event: options.event, since: start, cursor: start, seen: {} };
		const device = options.account || undefined;
		let items: Array<Received & { at: number }>;
		let from: number;
		if (options.event === 'incoming') {
			from = Math.max(state.since, state.cursor - SMSMOBILEAPI_POLL_OVERLAP_MS);
			const rows = await ctx.call(op.listReceived, { after: Math.floor(from / 1000), device });
			items = rows
				.map((row) => {
					const at = (row.timestamp_unix ?? Math.floor(now / 1000)) * 1000;
					return {
						at,
						event: 'incoming' as const,
						key: `smsmobileapi:sms:${row.guid}`,
						payload: {
							provider: 'smsmobileapi' as const,
							event: 'incoming' as const,
							id: row.guid,
							from: row.number,
							text: row.message,
							receivedAt: new Date(at).toISOString(),
							account: options.account,
							raw: row,
						},
					};
				})
				.filter((item) => item.at >= from);
		} else {
			from = Math.max(state.since, now - SENT_WINDOW_MS);
			const rows = await ctx.call(op.listSent, {});
			items = rows
				.filter((row) => row.status === 'sent' || row.status === 'failed')
				.map((row) => {
					const at = row.at && !Number.isNaN(Date.parse(row.at)) ? Date.parse(row.at) : now;
					const payload = { ...without(row, ['sentLogStatus', 'guid']), event: 'delivery', account: options.account };
					return { at, event: 'delivery' as const, key: `smsmobileapi:delivery:${row.guid}:${row.status}`, payload };
				})
				.filter((item) => item.at >= from);
		}
		const { fresh, seen } = dedupe(
			items,
			(item) => item.key,
			(item) => item.at,
			state.seen,
			from - SMSMOBILEAPI_POLL_OVERLAP_MS,
		);
		return { items: fresh.map((item) => without(item, ['at']) as unknown as Received), state: { ...state, cursor: now, seen } };
	},
};
