import { SmsError } from '../../../core';
import type { OvhEvent } from './callbacks';

/** The account settings a receive node takes over while deployed (PUT /sms/{serviceName}). */
export interface AccountCallbacks {
	callBack?: string | null;
	smsResponse?: { responseType: 'cgi' | 'none' | 'text'; cgiUrl?: string | null };
}

/** What is kept in the node context to put back on close, and for which account. */
export interface SavedRegistration {
	service: string;
	url: string;
	previous: AccountCallbacks;
}

/** The public URL OVHcloud calls: the public base (httpNodeRoot included) and the node's path. */
export function callbackUrl(publicUrl: string, path: string): string {
	const base = publicUrl.trim().replace(/\/+$/, '');
	if (!/^https?:\/\/[^\s/]+/i.test(base)) {
		throw new SmsError({
			provider: 'ovh',
			code: 'INVALID_PUBLIC_URL',
			message: `"${publicUrl}" is not a public http(s) URL for OVHcloud to call.`,
			hint: "Set Public URL to the address OVHcloud reaches Node-RED's HTTP endpoints at, e.g. https://nodered.example.com.",
		});
	}
	return `${base}${path}`;
}

/** The settings to PUT: the delivery callBack for reports, the cgi reply URL for incoming SMS, both for both. */
export function registration(event: OvhEvent, url: string): AccountCallbacks {
	const settings: AccountCallbacks = {};
	if (event !== 'incoming') settings.callBack = url;
	if (event !== 'report') settings.smsResponse = { responseType: 'cgi', cgiUrl: url };
	return settings;
}

/**
 * What to put back on close: the account's values, as read before the node registered, of the settings it
 * changes. A value that is already this node's URL (left by a crash) is put back as nothing set.
 */
export function previousSettings(account: Record<string, unknown>, event: OvhEvent, url: string): AccountCallbacks {
	const previous: AccountCallbacks = {};
	if (event !== 'incoming') {
		const callBack = typeof account.callBack === 'string' ? account.callBack : '';
		previous.callBack = callBack === url ? '' : callBack;
	}
	if (event !== 'report') {
		const response = (account.smsResponse ?? {}) as { responseType?: unknown; cgiUrl?: unknown };
		const cgiUrl = typeof response.cgiUrl === 'string' ? response.cgiUrl : null;
		const responseType = ['cgi', 'none', 'text'].includes(response.responseType as string)
			? (response.responseType as 'cgi' | 'none' | 'text')
			: 'none';
		previous.smsResponse = cgiUrl === url ? { responseType: 'none', cgiUrl: null } : { responseType, cgiUrl };
	}
	return previous;
}
