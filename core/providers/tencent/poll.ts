import { dedupe, PUSH_RETRY_WINDOW_MS } from '../../dedupe';
import type { Poll, PollState, Received } from '../../provider';
import { tencentPulledReply, tencentPulledReport } from './inbound';
import * as op from './operations';

/** A queue pull returns at most this many items; a full page is followed by another pull at once. */
const PULL_LIMIT = 100;
const MAX_PAGES_PER_POLL = 10;

/**
 * Tencent keeps receipts and replies in queues (when push callbacks are off) and hands each out once:
 * a poll drains up to ten pages. Keys are still remembered for a day, in case a push delivered it too.
 */
export const tencentPoll: Poll = {
	async step(ctx, options, previous) {
		const now = ctx.now();
		const state: PollState =
			previous && previous.account === options.account && previous.event === options.event
				? previous
				: { account: options.account, event: options.event, since: now, cursor: now, seen: {} };
		const input = { smsSdkAppId: options.account, limit: PULL_LIMIT };
		const items: Received[] = [];
		for (let page = 0; page < MAX_PAGES_PER_POLL; page++) {
			const pulled =
				options.event === 'delivery'
					? (await ctx.call(op.pullSendStatus, input)).map((r) => tencentPulledReport(r, options.account))
					: (await ctx.call(op.pullReplies, input)).map((r) => tencentPulledReply(r, options.account));
			items.push(...pulled);
			if (pulled.length < PULL_LIMIT) break;
		}
		const { fresh, seen } = dedupe(
			items,
			(item) => item.key,
			() => now,
			state.seen,
			now - PUSH_RETRY_WINDOW_MS,
		);
		return { items: fresh, state: { ...state, cursor: now, seen } };
	},
};
