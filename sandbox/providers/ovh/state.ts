import { randomBytes } from 'node:crypto';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface OvhAccessRule {
	readonly method: HttpMethod;
	readonly path: string;
}

/** One application plus one consumer key, validated, as a test hands it to the sandbox. */
export interface OvhCredentials {
	readonly applicationKey: string;
	readonly applicationSecret: string;
	readonly consumerKey: string;
	/** Defaults to every method on `/*`. */
	readonly accessRules?: readonly OvhAccessRule[];
}

/** Public test keys, like a payment provider's: documented, and worthless outside the sandbox. */
export const OVH_DEFAULT_CREDENTIALS = {
	applicationKey: 'sandbox-ovh-application-key',
	applicationSecret: 'sandbox-ovh-application-secret',
	consumerKey: 'sandbox-ovh-consumer-key',
} as const;

export const FULL_ACCESS: readonly OvhAccessRule[] = HTTP_METHODS.map((method) => ({ method, path: '/*' }));

export type CredentialState = 'pendingValidation' | 'validated' | 'expired' | 'refused';

export interface Application {
	readonly id: number;
	readonly secret: string;
}

export interface ConsumerKeyRecord {
	readonly consumerKey: string;
	readonly applicationKey: string;
	readonly credentialId: number;
	readonly creation: number;
	readonly rules: readonly OvhAccessRule[];
	readonly allowedIPs: readonly string[] | null;
	readonly redirection: string | null;
	/** Secret part of the validation URL, for keys requested through `POST /auth/credential`. */
	readonly credentialToken: string | null;
	state: CredentialState;
	lastUse: number | null;
}

export type ModerationStatus = 'enable' | 'disable' | 'refused' | 'waitingValidation';
export type SenderType = 'alpha' | 'numeric' | 'shortcode' | 'virtual';

/** `sms.Sender` (§8.8). */
export interface SmsSender {
	readonly sender: string;
	description: string;
	status: ModerationStatus;
	readonly type: SenderType;
	/** The moderator's message, set by a control-API review. */
	comment: string | null;
	/** Text given to the moderator when the sender was requested. */
	readonly reason: string | null;
}

/** `sms.TemplateControl` (§8.9). */
export interface TemplateControl {
	name: string;
	activity: 'alerting' | 'authentification' | 'transactional';
	message: string;
	description: string;
	reason: string | null;
	status: ModerationStatus;
	comment: string;
	readonly datetime: number;
}

export interface SmsAccount {
	readonly name: string;
	creditsLeft: number;
	description: string;
	callBack: string | null;
	stopCallBack: string | null;
	smsResponse: SmsResponse;
	templates: Record<string, unknown>;
	automaticRecreditAmount: number | null;
	creditThresholdForAutomaticRecredit: number;
	readonly senders: Map<string, SmsSender>;
	readonly templatesControl: Map<string, TemplateControl>;
}

/** `sms.Response` (§9.2). */
export interface SmsResponse {
	cgiUrl: string | null;
	responseType: 'cgi' | 'none' | 'text';
	text: string | null;
	trackingDefaultSmsSender: string | null;
	trackingOptions: { media: 'email' | 'sms' | 'voice'; sender: string; target: string }[];
}

/**
 * One SMS to one receiver: an `sms.Job` while `dueAt` is ahead of the SMS clock, then an
 * `sms.Outgoing` under the same id (§8.4, §8.5). Times in epoch milliseconds.
 */
export interface SmsRecord {
	readonly service: string;
	readonly id: number;
	readonly creationDatetime: number;
	/** creationDatetime + differedDelivery minutes: when the job leaves the pending list. */
	readonly dueAt: number;
	readonly credits: number;
	deliveredAt: number | null;
	deliveryReceipt: number;
	readonly differedDelivery: number;
	readonly message: string;
	readonly messageLength: number;
	readonly numberOfSms: number;
	ptt: number;
	readonly receiver: string;
	readonly sender: string;
	sentAt: number | null;
	readonly tag: string;
}

/** `sms.Incoming` (§8.6) plus the account it belongs to. */
export interface IncomingRecord {
	readonly service: string;
	readonly id: number;
	readonly creationDatetime: number;
	readonly credits: number;
	readonly message: string;
	readonly sender: string;
	readonly tag: string;
}

/** One accepted `POST /jobs`, as exposed by `GET /_sandbox/messages`. */
export interface SentMessage {
	readonly service: string;
	readonly receivers: readonly string[];
	readonly invalidReceivers: readonly string[];
	readonly message: string;
	readonly sender: string | null;
	readonly senderForResponse: boolean | null;
	readonly noStopClause: boolean | null;
	readonly priority: string | null;
	readonly validityPeriod: number | null;
	readonly tag: string | null;
	readonly charset: string | null;
	readonly class: string | null;
	readonly coding: string | null;
	readonly differedPeriod: number | null;
	readonly ids: readonly number[];
	readonly receivedAt: string;
}

/** A callback the sandbox pushed (or is pushing) to a URL configured on an account (§9). */
export interface PushAttempt {
	readonly id: number;
	readonly kind: 'delivery' | 'incoming';
	readonly service: string;
	readonly method: 'GET' | 'POST';
	/** The URL called, query string included for delivery reports. */
	readonly url: string;
	/** The parameters sent: the query of a delivery report, the form of an incoming SMS. */
	readonly payload: Readonly<Record<string, string>>;
	state: 'pending' | 'accepted' | 'failed';
	httpStatus: number | null;
	error: string | null;
	readonly sentAt: string;
	settledAt: string | null;
}

export interface AccessToken {
	readonly clientId: string;
	/** Epoch milliseconds, on the sandbox clock. */
	readonly expiresAt: number;
}

export interface OvhState {
	readonly applications: Map<string, Application>;
	readonly consumerKeys: Map<string, ConsumerKeyRecord>;
	readonly accounts: Map<string, SmsAccount>;
	/** Jobs not yet due, in id order. */
	readonly jobs: SmsRecord[];
	/** Sent SMS, in id order. */
	readonly outgoing: SmsRecord[];
	readonly incoming: IncomingRecord[];
	readonly sent: SentMessage[];
	readonly pushes: PushAttempt[];
	/** OAuth2 client id → secret (§6). */
	readonly oauth2Clients: Map<string, string>;
	readonly accessTokens: Map<string, AccessToken>;
	/** Added to the sandbox clock for SMS times only (not `/auth/time`, not the signature window). */
	smsClockOffsetMs: number;
	nextSmsId: number;
	nextIncomingId: number;
	nextPushId: number;
	nextCredentialId: number;
	nextApplicationId: number;
}

/** The default OAuth2 client (service account) of `GET /_sandbox/ovh/oauth2`. */
export const OVH_DEFAULT_OAUTH2_CLIENT = {
	clientId: 'sandbox-ovh-client-id',
	clientSecret: 'sandbox-ovh-client-secret',
} as const;

export const SEEDED_ACCOUNTS: readonly { name: string; creditsLeft: number }[] = [
	{ name: 'sms-sandbox-1', creditsLeft: 1000 },
	{ name: 'sms-sandbox-2', creditsLeft: 10 },
];

const SEEDED_SENDERS: readonly Omit<SmsSender, 'comment' | 'reason'>[] = [
	{ sender: 'SMSKit', description: 'Sandbox sender', status: 'enable', type: 'alpha' },
	{ sender: 'PendingCo', description: 'Sandbox sender awaiting moderation', status: 'waitingValidation', type: 'alpha' },
];

export function createOvhState(credentials: readonly OvhCredentials[], now: number): OvhState {
	const state: OvhState = {
		applications: new Map(),
		consumerKeys: new Map(),
		accounts: new Map(),
		jobs: [],
		outgoing: [],
		incoming: [],
		sent: [],
		pushes: [],
		oauth2Clients: new Map([[OVH_DEFAULT_OAUTH2_CLIENT.clientId, OVH_DEFAULT_OAUTH2_CLIENT.clientSecret]]),
		accessTokens: new Map(),
		smsClockOffsetMs: 0,
		nextSmsId: 480_000_001,
		nextIncomingId: 780_000_001,
		nextPushId: 1,
		nextCredentialId: 1,
		nextApplicationId: 1,
	};
	for (const seed of SEEDED_ACCOUNTS) state.accounts.set(seed.name, newAccount(seed.name, seed.creditsLeft));
	for (const credential of [OVH_DEFAULT_CREDENTIALS, ...credentials]) addCredentials(state, credential, now);
	return state;
}

function newAccount(name: string, creditsLeft: number): SmsAccount {
	return {
		name,
		creditsLeft,
		description: '',
		callBack: null,
		stopCallBack: null,
		smsResponse: { cgiUrl: null, responseType: 'none', text: null, trackingDefaultSmsSender: null, trackingOptions: [] },
		templates: {
			customizedEmailMode: false,
			customizedSmsMode: false,
			emailBody: null,
			emailFrom: null,
			emailSubject: null,
			smsBody: null,
		},
		automaticRecreditAmount: null,
		creditThresholdForAutomaticRecredit: 0,
		senders: new Map(SEEDED_SENDERS.map((s) => [s.sender, { ...s, comment: null, reason: null }])),
		templatesControl: new Map(),
	};
}

export class CredentialConflictError extends Error {}

/** Registers an application (if new) and a validated consumer key for it. */
export function addCredentials(state: OvhState, credential: OvhCredentials, now: number): void {
	const application = state.applications.get(credential.applicationKey);
	if (application && application.secret !== credential.applicationSecret) {
		throw new CredentialConflictError(`Application key ${credential.applicationKey} is already registered with another secret`);
	}
	const existing = state.consumerKeys.get(credential.consumerKey);
	if (existing && existing.applicationKey !== credential.applicationKey) {
		throw new CredentialConflictError('This consumer key already belongs to another application');
	}
	ensureApplication(state, credential.applicationKey, credential.applicationSecret);
	state.consumerKeys.set(credential.consumerKey, {
		consumerKey: credential.consumerKey,
		applicationKey: credential.applicationKey,
		credentialId: state.nextCredentialId++,
		creation: now,
		rules: credential.accessRules ?? FULL_ACCESS,
		allowedIPs: null,
		redirection: null,
		credentialToken: null,
		state: 'validated',
		lastUse: null,
	});
}

function ensureApplication(state: OvhState, applicationKey: string, secret: string): void {
	if (!state.applications.has(applicationKey)) {
		state.applications.set(applicationKey, { id: state.nextApplicationId++, secret });
	}
}

/** A consumer key waiting for the user's approval, as `POST /auth/credential` creates it (§5). */
export function requestConsumerKey(
	state: OvhState,
	request: {
		applicationKey: string;
		rules: readonly OvhAccessRule[];
		redirection: string | null;
		allowedIPs: readonly string[] | null;
	},
	now: number,
): ConsumerKeyRecord {
	const record: ConsumerKeyRecord = {
		consumerKey: randomToken(32),
		applicationKey: request.applicationKey,
		credentialId: state.nextCredentialId++,
		creation: now,
		rules: request.rules,
		allowedIPs: request.allowedIPs,
		redirection: request.redirection,
		credentialToken: randomToken(64),
		state: 'pendingValidation',
		lastUse: null,
	};
	state.consumerKeys.set(record.consumerKey, record);
	return record;
}

export function findByCredentialToken(state: OvhState, token: string): ConsumerKeyRecord | undefined {
	for (const record of state.consumerKeys.values()) {
		if (record.credentialToken === token) return record;
	}
	return undefined;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Alphanumeric like OVH's keys; the slight modulo bias is irrelevant for sandbox tokens. */
export function randomToken(length: number): string {
	return Array.from(randomBytes(length), (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
}
