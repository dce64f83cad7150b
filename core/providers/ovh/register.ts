import type { InboundEvent, SavedRegistration, WebhookRegistration } from '../../provider';
import * as op from './operations';
import { TOKEN_FIELD } from '../../guard';

type Event = InboundEvent | 'both';

/** The account settings a webhook trigger takes over while active (PUT /sms/{serviceName}). */
export interface AccountCallbacks {
	callBack?: string | null;
	smsResponse?: { responseType: 'cgi' | 'none' | 'text'; cgiUrl?: string | null; [key: string]: unknown };
}

interface Saved extends SavedRegistration {
	account: string;
	url: string;
	previous: AccountCallbacks;
}

/** The settings to PUT: the delivery callBack for reports, the cgi reply URL for incoming SMS, both for both. */
export function registration(event: Event, url: string): AccountCallbacks {
	const settings: AccountCallbacks = {};
	if (event !== 'incoming') settings.callBack = url;
	if (event !== 'delivery') settings.smsResponse = { responseType: 'cgi', cgiUrl: url };
	return settings;
}

/**
 * What to put back later: the account's values, as read before registering, of the settings taken over.
 * A value that is already this URL (left behind by a crash) is put back as nothing set.
 */
export function previousSettings(account: Record<string, unknown>, event: Event, url: string): AccountCallbacks {
	const previous: AccountCallbacks = {};
	// Ours whatever its token: a crash may have lost the token that went with a URL we left behind.
	const ours = (value: string | null) => value !== null && withoutToken(value) === withoutToken(url);
	if (event !== 'incoming') {
		const callBack = typeof account.callBack === 'string' ? account.callBack : '';
		previous.callBack = ours(callBack) ? '' : callBack;
	}
	if (event !== 'delivery') {
		const response = (account.smsResponse ?? {}) as { responseType?: unknown; cgiUrl?: unknown };
		const cgiUrl = typeof response.cgiUrl === 'string' ? response.cgiUrl : null;
		const responseType = ['cgi', 'none', 'text'].includes(response.responseType as string)
			? (response.responseType as 'cgi' | 'none' | 'text')
			: 'none';
		previous.smsResponse = ours(cgiUrl) ? { responseType: 'none', cgiUrl: null } : { responseType, cgiUrl };
	}
	return previous;
}

/** A callback URL without its `token` query field. */
function withoutToken(url: string): string {
	try {
		const parsed = new URL(url);
		parsed.searchParams.delete(TOKEN_FIELD);
		return parsed.toString();
	} catch {
		return url;
	}
}

/** An SMS account has one delivery callback and one reply URL: a webhook trigger sets them and restores them. */
export const ovhWebhook: WebhookRegistration = {
	async register(ctx, { account, event, url, saved }) {
		// A registration saved by a run that did not get to restore it keeps the values from before it.
		const kept = saved as Saved | undefined;
		const previous =
			kept?.account === account
				? kept.previous
				: previousSettings(await ctx.call(op.getService, { service: account }), event, url);
		await ctx.call(op.updateService, { service: account, ...registration(event, url) });
		return { account, url, previous } satisfies Saved;
	},
	async isRegistered(ctx, { account, event, url }) {
		const settings = await ctx.call(op.getService, { service: account });
		const response = settings.smsResponse as { cgiUrl?: unknown } | undefined;
		const callBackOk = event === 'incoming' || settings.callBack === url;
		const replyOk = event === 'delivery' || response?.cgiUrl === url;
		return callBackOk && replyOk;
	},
	async restore(ctx, saved) {
		const { account, previous } = saved as Saved;
		await ctx.call(op.updateService, { service: account, ...previous });
	},
};
