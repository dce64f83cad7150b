import { mapLimit } from '../../batching';
import { dedupe } from '../../dedupe';
import type { Poll, PollState, Received } from '../../provider';
import { ovhDeliveryEvent, ovhDeliveryKey, ovhIncomingEvent, ovhIncomingKey } from './inbound';
import * as op from './operations';

const MINUTE = 60_000;
/** Each poll lists again this far before the last one: late indexing and clock skew lose nothing. */
export const OVH_POLL_OVERLAP_MS = 5 * MINUTE;
/** Delivery reports can come up to the default validity period (48 h) after the send. */
export const OVH_REPORT_WINDOW_MS = 48 * 60 * MINUTE;
const CONCURRENCY = 4;
/** The delivery receipts that end a message's story (spec ovh.md §9.5): delivered, failed, failed not billed. */
const FINAL_RECEIPTS = [1, 2, 16] as const;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * OVHcloud has no queue: polling lists records since a cursor (with an overlap) and reads the ones not seen.
 * Incoming SMS are listed by creation time; delivery reports by the send's creation time within 48 h, for
 * the receipts that are final, so each report is emitted once, when it is final.
 */
export const ovhPoll: Poll = {
	async step(ctx, options, previous) {
		const now = ctx.now();
		// OVHcloud stamps records to the second: the start is rounded down, and a second earlier, so an SMS
		// stamped in the very second polling started is not missed.
		const start = Math.floor((now - options.lookbackMs) / 1000) * 1000 - 1000;
		const state: PollState =
			previous && previous.account === options.account && previous.event === options.event
				? previous
				: { account: options.account, event: options.event, since: start, cursor: start, seen: {} };
		const service = options.account;
		let items: Received[];
		let horizon: number;
		if (options.event === 'incoming') {
			const from = Math.max(state.since, state.cursor - OVH_POLL_OVERLAP_MS);
			const ids = await ctx.call(op.listIncomingIds, { service, from: iso(from) });
			const unseen = [...new Set(ids)].filter((id) => !(ovhIncomingKey(id) in state.seen)).sort((a, b) => a - b);
			items = await mapLimit(unseen, CONCURRENCY, async (id) => {
				const record = await ctx.call(op.getIncoming, { service, id });
				return ovhIncomingEvent({ ...record, account: service, raw: record, now });
			});
			horizon = from - OVH_POLL_OVERLAP_MS;
		} else {
			const fromMs = Math.max(state.since, now - OVH_REPORT_WINDOW_MS);
			const from = iso(fromMs);
			items = [];
			for (const deliveryReceipt of FINAL_RECEIPTS) {
				const status = op.ovhDeliveryStatus(deliveryReceipt, undefined);
				const ids = await ctx.call(op.listOutgoingIds, { service, from, deliveryReceipt });
				const unseen = [...new Set(ids)].filter((id) => !(ovhDeliveryKey(id, status) in state.seen)).sort((a, b) => a - b);
				items.push(
					...(await mapLimit(unseen, CONCURRENCY, async (id) => {
						const record = await ctx.call(op.getOutgoing, { service, id });
						const deliveredAt = (record as Record<string, unknown>).deliveredAt;
						const at = typeof deliveredAt === 'string' ? deliveredAt : null;
						return ovhDeliveryEvent({ ...record, at: at && new Date(at).toISOString(), account: service, raw: record });
					})),
				);
			}
			horizon = fromMs - OVH_POLL_OVERLAP_MS;
		}
		// Keys are kept with the time they were first seen, which is after the record was made: a key older than
		// this listing's start (less an overlap for clock skew) belongs to a record no listing returns again.
		const { fresh, seen } = dedupe(
			items,
			(item) => item.key,
			() => now,
			state.seen,
			horizon,
		);
		const ack = options.deleteRead && options.event === 'incoming' ? fresh : [];
		return {
			items: fresh,
			state: { ...state, cursor: now, seen },
			ack: ack.length
				? async () => {
						for (const item of ack)
							await ctx.call(op.deleteIncoming, { service, id: Number((item.payload as { id: string }).id) });
					}
				: undefined,
		};
	},
};
