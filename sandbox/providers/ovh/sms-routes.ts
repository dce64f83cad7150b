import { isRecord } from '../../http';
import { account } from './accounts';
import { badRequest } from './errors';
import { messageRoutes } from './message-routes';
import { moderationRoutes } from './moderation-routes';
import {
	bodyObject,
	nullableString,
	optionalBoolean,
	optionalNumber,
	optionalString,
	requiredBoolean,
	requiredEnum,
	requiredString,
} from './params';
import type { OvhCall, OvhRoute } from './routes';
import { estimateText, STOP_CLAUSE } from './segments';
import type { SmsAccount, SmsResponse } from './state';

const SENDER_TYPES = ['alpha', 'numeric', 'shortcode', 'virtual'] as const;
const RESPONSE_TYPES = ['cgi', 'none', 'text'] as const;
const TRACKING_MEDIA = ['email', 'sms', 'voice'] as const;
/** `sms.PackQuantityAutomaticRecreditEnum`, an enum of longs. */
const RECREDIT_AMOUNTS = [100, 200, 250, 500, 1000, 5000, 10000];

/** The `/sms` routes the sandbox emulates (specs/ovh.md §8); all authenticated. */
export const smsRoutes: readonly OvhRoute[] = [
	{ method: 'GET', path: '/sms', auth: 'signed', handle: (call) => [...call.state.accounts.keys()] },
	{ method: 'POST', path: '/sms/estimate', auth: 'signed', handle: estimate },
	{ method: 'GET', path: '/sms/{serviceName}', auth: 'signed', handle: (call) => accountView(account(call)) },
	{ method: 'PUT', path: '/sms/{serviceName}', auth: 'signed', handle: updateAccount },
	...messageRoutes,
	...moderationRoutes,
];

/** `sms.AccountWithIAM` (§8.1). */
function accountView(account: SmsAccount): unknown {
	return {
		automaticRecreditAmount: account.automaticRecreditAmount,
		callBack: account.callBack,
		channel: 'both',
		creditThresholdForAutomaticRecredit: account.creditThresholdForAutomaticRecredit,
		creditsHoldByQuota: 0,
		creditsLeft: account.creditsLeft,
		description: account.description,
		iam: null,
		name: account.name,
		smpp: false,
		smsResponse: { ...account.smsResponse, trackingOptions: account.smsResponse.trackingOptions.map((o) => ({ ...o })) },
		status: 'enable',
		stopCallBack: account.stopCallBack,
		templates: { ...account.templates },
		userQuantityWithQuota: 0,
	};
}

/**
 * `PUT /sms/{serviceName}` with a partial `sms.Account`: the writable fields are checked and set,
 * read-only ones (`creditsLeft`, `name`, `status`, …) ignored. Everything is validated before
 * anything changes.
 */
function updateAccount(call: OvhCall): undefined {
	const target = account(call);
	const body = bodyObject(call.body);
	const description = nullableString(body, 'description');
	const callBack = callbackUrl(body, 'callBack');
	const stopCallBack = callbackUrl(body, 'stopCallBack');
	const smsResponse = body.smsResponse === undefined ? undefined : responseSettings(target.smsResponse, body.smsResponse);
	const templates = body.templates === undefined ? undefined : templateSettings(target.templates, body.templates);
	const recredit = recreditAmount(body);
	const threshold = optionalNumber(body, 'creditThresholdForAutomaticRecredit');
	if (threshold !== undefined && threshold < 0) throw badRequest('[creditThresholdForAutomaticRecredit] Must not be negative');

	if (description !== undefined) target.description = description ?? '';
	if (callBack !== undefined) target.callBack = callBack;
	if (stopCallBack !== undefined) target.stopCallBack = stopCallBack;
	if (smsResponse !== undefined) target.smsResponse = smsResponse;
	if (templates !== undefined) target.templates = templates;
	if (recredit !== undefined) target.automaticRecreditAmount = recredit;
	if (threshold !== undefined) target.creditThresholdForAutomaticRecredit = threshold;
	return undefined;
}

/** `null` or `""` clear the URL; anything else must be an http(s) URL the sandbox can call. */
function callbackUrl(body: Record<string, unknown>, key: string): string | null | undefined {
	const value = nullableString(body, key);
	if (value === undefined || value === null || value === '') return value;
	if (!/^https?:\/\/[^\s/?#]+/i.test(value) || !URL.canParse(value)) throw badRequest(`[${key}] Invalid URL`);
	return value;
}

function responseSettings(current: SmsResponse, value: unknown): SmsResponse {
	if (!isRecord(value)) throw badRequest('[smsResponse] Invalid sms.Response');
	const next: SmsResponse = { ...current, trackingOptions: [...current.trackingOptions] };
	if (value.responseType !== undefined) next.responseType = requiredEnum(value, 'responseType', RESPONSE_TYPES);
	const cgiUrl = callbackUrl(value, 'cgiUrl');
	if (cgiUrl !== undefined) next.cgiUrl = cgiUrl;
	const text = nullableString(value, 'text');
	if (text !== undefined) next.text = text;
	const trackingSender = nullableString(value, 'trackingDefaultSmsSender');
	if (trackingSender !== undefined) next.trackingDefaultSmsSender = trackingSender;
	if ('trackingOptions' in value) next.trackingOptions = trackingOptions(value.trackingOptions);
	return next;
}

function trackingOptions(value: unknown): SmsResponse['trackingOptions'] {
	if (value === null) return [];
	if (!Array.isArray(value)) throw badRequest('[smsResponse.trackingOptions] Invalid sms.ResponseTrackingOptions[]');
	return value.map((option: unknown) => {
		if (!isRecord(option)) throw badRequest('[smsResponse.trackingOptions] Invalid sms.ResponseTrackingOptions');
		return {
			media: requiredEnum(option, 'media', TRACKING_MEDIA),
			sender: requiredString(option, 'sender'),
			target: requiredString(option, 'target'),
		};
	});
}

function templateSettings(current: Record<string, unknown>, value: unknown): Record<string, unknown> {
	if (!isRecord(value)) throw badRequest('[templates] Invalid sms.Templates');
	const next = { ...current };
	for (const key of ['customizedEmailMode', 'customizedSmsMode']) {
		const flag = optionalBoolean(value, key);
		if (flag !== undefined) next[key] = flag;
	}
	for (const key of ['emailBody', 'emailFrom', 'emailSubject', 'smsBody']) {
		const text = nullableString(value, key);
		if (text !== undefined) next[key] = text;
	}
	return next;
}

function recreditAmount(body: Record<string, unknown>): number | null | undefined {
	if (!('automaticRecreditAmount' in body)) return undefined;
	const value = body.automaticRecreditAmount;
	if (value === null) return null;
	const amount = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	if (typeof amount !== 'number' || !RECREDIT_AMOUNTS.includes(amount)) {
		throw badRequest(`[automaticRecreditAmount] Invalid value: expected one of ${RECREDIT_AMOUNTS.join(', ')}`);
	}
	return amount;
}

/**
 * `POST /sms/estimate` (§8.11) → `sms.JobEstimate`. With an alphanumeric sender and
 * `noStopClause: false`, the 11-character STOP mention OVH appends is counted too.
 */
function estimate(call: OvhCall): unknown {
	const body = bodyObject(call.body);
	const message = optionalString(body, 'message');
	if (message === undefined) throw badRequest('[message] Property is mandatory');
	const noStopClause = requiredBoolean(body, 'noStopClause');
	const senderType = requiredEnum(body, 'senderType', SENDER_TYPES);
	const text = !noStopClause && senderType === 'alpha' ? message + STOP_CLAUSE : message;
	return { ...estimateText(text) };
}
