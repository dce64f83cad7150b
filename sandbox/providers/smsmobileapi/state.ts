import { SMSMOBILEAPI_DEFAULT_CREDENTIALS, type SmsMobileApiCredentials } from './credentials';

export type MessageStatus = 'queued' | 'sent' | 'failed';
export type Channel = 'sms' | 'whatsapp' | 'both';

/** One `/sendsms/` call: a message queued on a virtual phone, which the control API sends or fails. */
export interface SentMessage {
	readonly guid: string;
	readonly recipient: string;
	readonly message: string;
	readonly channel: Channel;
	/** SID of the phone it was queued on. */
	readonly sIdentifiant: string;
	readonly urlMedia: string | null;
	readonly scheduleTimestamp: number | null;
	readonly port: number | null;
	readonly encrypted: boolean;
	readonly from: string | null;
	/** Epoch milliseconds. */
	readonly createdAt: number;
	status: MessageStatus;
	/** Why the phone could not send it; empty unless failed. */
	error: string;
	updatedAt: number;
	resends: number;
}

/** An SMS the phone received, as `/getsms/` lists it. */
export interface ReceivedSms {
	readonly id: number;
	readonly guid: string;
	readonly sIdentifiantPhone: string;
	readonly number: string;
	readonly message: string;
	readonly alias: string | null;
	/** Epoch milliseconds. */
	readonly receivedAt: number;
	read: boolean;
}

export interface Phone {
	readonly sid: string;
	readonly name: string;
	online: boolean;
}

export interface Token {
	readonly clientId: string;
	expiresAt: number;
}

/** One POST to the webhook URL; `variant` says how it differs from the event's first delivery. */
export interface WebhookAttempt {
	readonly id: number;
	readonly variant: 'original' | 'replay' | 'stale' | 'bad-signature' | 'legacy';
	readonly eventId: string | null;
	readonly type: string;
	readonly url: string;
	readonly headers: Readonly<Record<string, string>>;
	/** The bytes sent, as text. */
	readonly body: string;
	state: 'pending' | 'accepted' | 'rejected' | 'failed';
	httpStatus: number | null;
	response: unknown;
	error: string | null;
	readonly sentAt: string;
	settledAt: string | null;
}

export interface WebhookSettings {
	url: string | null;
	secret: string;
	/** The unsigned received-SMS payload of §6.3 instead of V2 events. */
	legacy: boolean;
}

export interface SmsMobileApiState {
	readonly apikeys: Set<string>;
	/** client id → secret. */
	readonly clients: Map<string, string>;
	readonly tokens: Map<string, Token>;
	readonly phones: Phone[];
	readonly sent: SentMessage[];
	readonly received: ReceivedSms[];
	nextReceivedId: number;
	readonly webhook: WebhookSettings;
	readonly attempts: WebhookAttempt[];
	nextAttemptId: number;
	rateLimit: { on: boolean; retryAfter: number };
}

/** The account's phones: one online, one offline whose sends fail (§3.7 `/gateway/mobile/list/`). */
export const SEED_PHONES: readonly Phone[] = [
	{ sid: 'sandbox-phone-1', name: 'Sandbox Phone 1', online: true },
	{ sid: 'sandbox-phone-offline', name: 'Sandbox Phone (offline)', online: false },
];

export function createState(startup: readonly SmsMobileApiCredentials[]): SmsMobileApiState {
	const state: SmsMobileApiState = {
		apikeys: new Set([SMSMOBILEAPI_DEFAULT_CREDENTIALS.apikey]),
		clients: new Map([[SMSMOBILEAPI_DEFAULT_CREDENTIALS.clientId, SMSMOBILEAPI_DEFAULT_CREDENTIALS.clientSecret]]),
		tokens: new Map(),
		phones: SEED_PHONES.map((phone) => ({ ...phone })),
		sent: [],
		received: [],
		nextReceivedId: 1,
		webhook: { url: null, secret: SMSMOBILEAPI_DEFAULT_CREDENTIALS.webhookSecret, legacy: false },
		attempts: [],
		nextAttemptId: 1,
		rateLimit: { on: false, retryAfter: 60 },
	};
	for (const credentials of startup) addCredentials(state, credentials);
	return state;
}

/** Every key and client shares the one account: the sandbox has a single set of phones and logs. */
export function addCredentials(state: SmsMobileApiState, credentials: SmsMobileApiCredentials): void {
	state.apikeys.add(credentials.apikey);
	if (credentials.clientId !== undefined && credentials.clientSecret !== undefined) {
		state.clients.set(credentials.clientId, credentials.clientSecret);
	}
}
