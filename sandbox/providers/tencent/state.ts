/** One API key pair, with the SMS application it may use, as a test hands it to the sandbox. */
export interface TencentCredentials {
	readonly secretId: string;
	readonly secretKey: string;
	/** Defaults to the seeded application, 1400000001; a new id creates an application of its own. */
	readonly smsSdkAppId?: string;
}

/**
 * Public test keys, like a payment provider's: documented, and worthless outside the sandbox.
 * Exactly what `GET /_sandbox/credentials` shows under `tencent`.
 */
export const TENCENT_DEFAULT_CREDENTIALS = {
	secretId: 'AKIDsandboxTencentSecretId00000000',
	secretKey: 'sandboxTencentSecretKey000000000',
	smsSdkAppId: '1400000001',
	signName: 'SMSKit',
	templateId: '100001',
} as const;

/** The rest of the seeded state, for tests. */
export const TENCENT_SEED = {
	signId: 1,
	/** Approved, `Your SMS Kit code is {1}, valid for {2} minutes.`, usable for any number. */
	templateId: 100001,
	/** Under review (StatusCode 1): sending with it fails with TemplateIncorrectOrUnapproved. */
	pendingTemplateId: 100002,
	qualificationId: 1,
	packageId: 1000000001,
	packageAmount: 100000,
} as const;

/** §6.13, §6.17: 0 approved, 1 under review, -1 rejected (2, approved but not yet effective, is never used). */
export type ReviewStatus = 0 | 1 | -1;

export interface SmsTemplate {
	readonly id: number;
	name: string;
	content: string;
	smsType: number;
	/** 0 domestic, 1 international. */
	international: number;
	/** Seeded templates serve numbers on both sides of the mainland/international split. */
	readonly anyNumber: boolean;
	remark: string;
	statusCode: ReviewStatus;
	reviewReply: string;
	createTime: number;
}

export interface SmsSign {
	readonly id: number;
	name: string;
	signType: number;
	documentType: number;
	international: number;
	signPurpose: number;
	remark: string;
	qualificationId: number;
	statusCode: ReviewStatus;
	reviewReply: string;
	createTime: number;
}

/** `PullSmsSendStatus` (§6.3) plus the application it belongs to and the callback's texts (§8.1). */
export interface Receipt {
	readonly smsSdkAppId: string;
	readonly serialNo: string;
	readonly phoneNumber: string;
	readonly countryCode: string;
	readonly subscriberNumber: string;
	readonly reportStatus: 'SUCCESS' | 'FAIL';
	/** Carrier code, e.g. `DELIVRD`: `Description` when pulled, `errmsg` in the callback. */
	readonly errmsg: string;
	/** Human-readable text of the callback's `description`. */
	readonly description: string;
	/** Unix seconds. */
	readonly userReceiveTime: number;
	readonly sessionContext: string;
}

/** `PullSmsReplyStatus` (§6.5) plus its application. */
export interface Reply {
	readonly smsSdkAppId: string;
	readonly extendCode: string;
	readonly countryCode: string;
	readonly phoneNumber: string;
	readonly subscriberNumber: string;
	readonly signName: string;
	readonly replyContent: string;
	/** Unix seconds. */
	readonly replyTime: number;
	/** Epoch milliseconds the sandbox got it (ReplyTime may be set otherwise): orders the phone page's list. */
	readonly receivedAt: number;
}

/** One message SendSms accepted for one number. */
export interface SentSms {
	readonly smsSdkAppId: string;
	readonly serialNo: string;
	readonly phoneNumber: string;
	readonly countryCode: string;
	readonly subscriberNumber: string;
	readonly sessionContext: string;
	/** Epoch milliseconds. */
	readonly sentAt: number;
}

export interface SendStatus {
	readonly SerialNo: string;
	readonly PhoneNumber: string;
	readonly Fee: number;
	readonly SessionContext: string;
	readonly Code: string;
	readonly Message: string;
	readonly IsoCode: string;
}

/** One SendSms that passed the request-wide checks, as `GET /_sandbox/messages` shows it. */
export interface SentMessage {
	readonly action: 'SendSms';
	readonly smsSdkAppId: string;
	readonly signName: string | null;
	readonly templateId: string;
	readonly templateParams: readonly string[];
	readonly phoneNumbers: readonly string[];
	readonly sessionContext: string | null;
	readonly extendCode: string | null;
	readonly senderId: string | null;
	/** The text a handset shows: `【Sign】` then the template with its parameters filled in. */
	readonly content: string;
	readonly statuses: readonly SendStatus[];
	readonly receivedAt: string;
}

export interface CallbackConfig {
	statusUrl: string | null;
	replyUrl: string | null;
	/** Queue (and push) a SUCCESS receipt for every number sent, one second after sending. */
	autoDeliver: boolean;
}

export interface PushAttempt {
	readonly id: number;
	readonly kind: 'status' | 'reply';
	readonly url: string;
	/** The JSON body pushed: an array of receipts, or one reply object (§8). */
	readonly payload: unknown;
	/** `accepted`: HTTP 200 with `result: 0` (§8.3); `rejected`: any other answer; `failed`: no answer. */
	state: 'pending' | 'accepted' | 'rejected' | 'failed';
	httpStatus: number | null;
	/** The answer's body, parsed as JSON when it is. */
	response: unknown;
	error: string | null;
	readonly sentAt: string;
	settledAt: string | null;
}

export interface TencentState {
	/** SecretId → its key and the applications it may use. */
	readonly keys: Map<string, { readonly secretKey: string; readonly appIds: Set<string> }>;
	readonly templates: Map<number, SmsTemplate>;
	readonly signs: Map<number, SmsSign>;
	readonly sent: SentSms[];
	readonly messages: SentMessage[];
	/** Every receipt and reply, for the ByPhoneNumber actions and statistics (never drained). */
	readonly receipts: Receipt[];
	readonly replies: Reply[];
	/** Per SmsSdkAppId, what PullSmsSendStatus and PullSmsReplyStatus have not handed out yet. */
	readonly receiptQueues: Map<string, Receipt[]>;
	readonly replyQueues: Map<string, Reply[]>;
	readonly callbacks: CallbackConfig;
	readonly pushes: PushAttempt[];
	readonly createdAt: number;
	nextTemplateId: number;
	nextSignId: number;
	nextSerial: number;
	nextPushId: number;
}

/** 2024-01-01 00:00 Beijing time: creation time of the seeded templates, sign and package. */
export const SEED_TIME = 1704038400;

export function createTencentState(credentials: readonly TencentCredentials[], now: number): TencentState {
	const state: TencentState = {
		keys: new Map(),
		templates: new Map(),
		signs: new Map(),
		sent: [],
		messages: [],
		receipts: [],
		replies: [],
		receiptQueues: new Map(),
		replyQueues: new Map(),
		callbacks: { statusUrl: null, replyUrl: null, autoDeliver: true },
		pushes: [],
		createdAt: now,
		nextTemplateId: 100003,
		nextSignId: 2,
		nextSerial: 1,
		nextPushId: 1,
	};
	const template = { smsType: 3, international: 0, remark: 'Sandbox seed', reviewReply: '', createTime: SEED_TIME };
	state.templates.set(TENCENT_SEED.templateId, {
		...template,
		id: TENCENT_SEED.templateId,
		name: 'SMS Kit code',
		content: 'Your SMS Kit code is {1}, valid for {2} minutes.',
		anyNumber: true,
		statusCode: 0,
	});
	state.templates.set(TENCENT_SEED.pendingTemplateId, {
		...template,
		id: TENCENT_SEED.pendingTemplateId,
		name: 'SMS Kit notice',
		content: 'Your SMS Kit order {1} has shipped.',
		smsType: 2,
		anyNumber: true,
		statusCode: 1,
	});
	state.signs.set(TENCENT_SEED.signId, {
		id: TENCENT_SEED.signId,
		name: TENCENT_DEFAULT_CREDENTIALS.signName,
		signType: 0,
		documentType: 1,
		international: 0,
		signPurpose: 0,
		remark: 'Sandbox seed',
		qualificationId: TENCENT_SEED.qualificationId,
		statusCode: 0,
		reviewReply: '',
		createTime: SEED_TIME,
	});
	for (const credential of [TENCENT_DEFAULT_CREDENTIALS, ...credentials]) addKey(state, credential);
	return state;
}

export class CredentialConflictError extends Error {}

/** Registers a key pair (or another application for a known one). */
export function addKey(state: TencentState, credential: TencentCredentials): void {
	const existing = state.keys.get(credential.secretId);
	if (existing && existing.secretKey !== credential.secretKey) {
		throw new CredentialConflictError(`SecretId ${credential.secretId} is already registered with another SecretKey`);
	}
	const appId = credential.smsSdkAppId ?? TENCENT_DEFAULT_CREDENTIALS.smsSdkAppId;
	if (existing) existing.appIds.add(appId);
	else state.keys.set(credential.secretId, { secretKey: credential.secretKey, appIds: new Set([appId]) });
}

/** Whether any key may use this application: otherwise it does not exist. */
export function appExists(state: TencentState, appId: string): boolean {
	for (const key of state.keys.values()) if (key.appIds.has(appId)) return true;
	return false;
}

export function queueOf<T>(queues: Map<string, T[]>, appId: string): T[] {
	let queue = queues.get(appId);
	if (!queue) queues.set(appId, (queue = []));
	return queue;
}
