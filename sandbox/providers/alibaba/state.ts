/** One AccessKey pair, as a test hands it to the sandbox. */
export interface AlibabaCredentials {
	readonly accessKeyId: string;
	readonly accessKeySecret: string;
}

/**
 * Public test keys, documented and worthless outside the sandbox. Exactly what
 * `GET /_sandbox/credentials` shows under `alibaba`.
 */
export const ALIBABA_DEFAULT_CREDENTIALS = {
	accessKeyId: 'LTAI5tSMSKitSandbox00001',
	accessKeySecret: 'sandboxAlibabaAccessKeySecret0',
	signName: 'SMSKit',
	/** Approved verification template, `Your SMS Kit code is ${code}.` */
	templateCode: 'SMS_900000001',
} as const;

/** The rest of the seeded account, for tests. */
export const ALIBABA_SEED = {
	signName: 'SMSKit',
	/** Under review: sending with it fails with isv.SMS_SIGNATURE_ILLEGAL. */
	pendingSignName: 'SMSKitReview',
	/** Verification (TemplateType 0), approved: flow control 1/min, 5/h, 10/day per sign and number. */
	verificationTemplateCode: 'SMS_900000001',
	/** Notification (TemplateType 1), approved: `Your order ${order} has shipped.` */
	notificationTemplateCode: 'SMS_900000002',
	/** Notification under review: sending with it fails with isv.SMS_TEMPLATE_ILLEGAL. */
	pendingTemplateCode: 'SMS_900000003',
	/** The approved qualification CreateSmsSign must name. */
	qualificationId: 900001,
	/** Segments the account may still send; `PUT /_sandbox/alibaba/balance` changes it. */
	balance: 100000,
} as const;

/** 0 under review, 1 approved, 2 rejected, 10 cancelled (GetSmsTemplate / GetSmsSign). */
export type ReviewStatus = 0 | 1 | 2 | 10;

export interface SmsSign {
	name: string;
	/** 0 enterprise, 2 app, 5 trademark (legacy 1, 3, 4 still read). */
	source: number;
	/** 0 verification code, 1 general purpose. */
	type: number;
	remark: string;
	qualificationId: number;
	appIcpRecordId: number | null;
	trademarkId: number | null;
	authorizationLetterId: number | null;
	thirdParty: boolean;
	applySceneContent: string;
	status: ReviewStatus;
	reason: string;
	readonly createdAt: number;
	auditedAt: number | null;
	orderId: string;
}

export interface SmsTemplate {
	readonly code: string;
	name: string;
	content: string;
	/** 0 verification, 1 notification, 2 promotional, 3 international (CreateSmsTemplate's numbering). */
	type: number;
	/** For type 3: 0 notification, 1 promotional, 2 verification. */
	intlType: number | null;
	relatedSignName: string;
	templateRule: string;
	remark: string;
	applySceneContent: string;
	trafficDriving: string;
	status: ReviewStatus;
	reason: string;
	readonly createdAt: number;
	auditedAt: number | null;
	orderId: string;
	/** Seeded templates serve mainland and international numbers alike; created ones one side only. */
	readonly anyNumber: boolean;
}

/** One message SendSms or SendBatchSms accepted for one number: what QuerySendDetails reads. */
export interface SentSms {
	readonly bizId: string;
	/** Mainland: 11 digits; elsewhere country code and number, no `+`. */
	readonly phoneNumber: string;
	readonly mainland: boolean;
	readonly signName: string;
	readonly templateCode: string;
	readonly templateType: number;
	/** `【sign】` and the rendered template. */
	readonly content: string;
	readonly smsSize: number;
	readonly outId: string;
	/** SmsUpExtendCode of the send (this number's, for SendBatchSms): a reply's `dest_code`. */
	readonly extendCode: string | null;
	readonly sentAt: number;
	/** 1 waiting for the receipt, 2 failed, 3 delivered. */
	sendStatus: 1 | 2 | 3;
	errCode: string;
	errMsg: string;
	receivedAt: number | null;
}

/** One message of the 2018-05-01 international API, for QueryMessage. */
export interface GlobeMessage {
	readonly messageId: string;
	readonly to: string;
	readonly from: string;
	readonly message: string;
	readonly segments: number;
	readonly taskId: string;
	readonly country: string;
	readonly sentAt: number;
	/** 1 delivered, 2 failed, 3 being sent (QueryMessage's numbering). */
	status: 1 | 2 | 3;
	errorCode: string;
	errorDescription: string;
	receivedAt: number | null;
}

/** One SMS a handset sent to the account (SmsUp), pushed or not: what the phone page lists. */
export interface ReceivedSms {
	readonly sequenceId: string;
	/** As SentSms.phoneNumber: mainland 11 digits, elsewhere country code and number. */
	readonly phoneNumber: string;
	readonly mainland: boolean;
	readonly content: string;
	readonly destCode: string;
	readonly signName: string | null;
	readonly receivedAt: number;
}

/** One accepted send request, as `GET /_sandbox/messages` shows it. */
export interface SentMessage {
	readonly action: string;
	readonly version: string;
	readonly accessKeyId: string;
	readonly phoneNumbers: readonly string[];
	readonly signNames: readonly string[];
	readonly templateCode: string | null;
	readonly templateParams: readonly Record<string, string>[];
	/** The text each handset shows, in number order. */
	readonly contents: readonly string[];
	readonly outId: string | null;
	readonly smsUpExtendCode: string | null;
	/** BizId (2017-05-25) or the MessageIds (2018-05-01). */
	readonly bizId: string | null;
	readonly messageIds: readonly string[];
	readonly segments: readonly number[];
	readonly receivedAt: string;
}

export interface CallbackConfig {
	smsReportUrl: string | null;
	smsUpUrl: string | null;
	templateReportUrl: string | null;
}

export type PushKind = 'SmsReport' | 'SmsUp' | 'TemplateSmsReport';

export interface PushAttempt {
	readonly id: number;
	readonly kind: PushKind;
	readonly url: string;
	/** The JSON array pushed (§10.1). */
	readonly payload: unknown;
	/** 1 for the first try, then 2, 3, 4 for the retries after 1, 5 and 10 minutes. */
	readonly attempt: number;
	/** `accepted`: HTTP 200 with a numeric `code`; `rejected`: any other answer; `failed`: no answer. */
	state: 'pending' | 'accepted' | 'rejected' | 'failed';
	httpStatus: number | null;
	response: unknown;
	error: string | null;
	readonly sentAt: string;
	settledAt: string | null;
	/** When the next retry is due (ISO time), or null when there will be none. */
	nextRetryAt: string | null;
}

export interface AlibabaState {
	readonly keys: Map<string, string>;
	readonly nonces: Map<string, number>;
	/** By lower-case name: sign names are unique regardless of case. */
	readonly signs: Map<string, SmsSign>;
	readonly templates: Map<string, SmsTemplate>;
	readonly sent: SentSms[];
	readonly globe: GlobeMessage[];
	/** Incoming SMS, oldest first. */
	readonly received: ReceivedSms[];
	readonly messages: SentMessage[];
	readonly callbacks: CallbackConfig;
	readonly pushes: PushAttempt[];
	balance: number;
	nextTemplate: number;
	nextSequence: number;
	nextPushId: number;
}

/** 2024-01-01 00:00 China time (UTC+8): creation time of the seeded signs and templates. */
export const SEED_TIME = Date.UTC(2023, 11, 31, 16);

export function createAlibabaState(credentials: readonly AlibabaCredentials[]): AlibabaState {
	const state: AlibabaState = {
		keys: new Map(),
		nonces: new Map(),
		signs: new Map(),
		templates: new Map(),
		sent: [],
		globe: [],
		received: [],
		messages: [],
		callbacks: { smsReportUrl: null, smsUpUrl: null, templateReportUrl: null },
		pushes: [],
		balance: ALIBABA_SEED.balance,
		nextTemplate: 900000004,
		nextSequence: 1,
		nextPushId: 1,
	};
	const sign = {
		source: 0,
		type: 1,
		remark: 'Sandbox seed',
		qualificationId: ALIBABA_SEED.qualificationId,
		appIcpRecordId: null,
		trademarkId: null,
		authorizationLetterId: null,
		thirdParty: false,
		applySceneContent: '',
		reason: '',
		createdAt: SEED_TIME,
	};
	addSign(state, { ...sign, name: ALIBABA_SEED.signName, status: 1, auditedAt: SEED_TIME, orderId: '20000001' });
	addSign(state, { ...sign, name: ALIBABA_SEED.pendingSignName, status: 0, auditedAt: null, orderId: '20000002' });
	const template = {
		intlType: null,
		relatedSignName: ALIBABA_SEED.signName,
		remark: 'Sandbox seed',
		applySceneContent: '',
		trafficDriving: '',
		reason: '',
		createdAt: SEED_TIME,
		anyNumber: true,
	};
	const seeded: [string, string, string, number, ReviewStatus, string][] = [
		[
			ALIBABA_SEED.verificationTemplateCode,
			'SMS Kit code',
			'Your SMS Kit code is ${code}.',
			0,
			1,
			'{"code":"characterWithNumber"}',
		],
		[ALIBABA_SEED.notificationTemplateCode, 'Order shipped', 'Your order ${order} has shipped.', 1, 1, '{"order":"others"}'],
		[ALIBABA_SEED.pendingTemplateCode, 'Parcel out', 'Your parcel ${parcel} is out for delivery.', 1, 0, '{"parcel":"others"}'],
	];
	for (const [code, name, content, type, status, templateRule] of seeded) {
		state.templates.set(code, {
			...template,
			code,
			name,
			content,
			type,
			status,
			templateRule,
			auditedAt: status === 1 ? SEED_TIME : null,
			orderId: `3000${code.slice(-4)}`,
		});
	}
	for (const credential of [ALIBABA_DEFAULT_CREDENTIALS, ...credentials]) addKey(state, credential);
	return state;
}

export function addSign(state: AlibabaState, sign: SmsSign): void {
	state.signs.set(sign.name.toLowerCase(), sign);
}

export function findSign(state: AlibabaState, name: string): SmsSign | undefined {
	return state.signs.get(name.toLowerCase());
}

export class CredentialConflictError extends Error {}

export function addKey(state: AlibabaState, credential: AlibabaCredentials): void {
	const existing = state.keys.get(credential.accessKeyId);
	if (existing !== undefined && existing !== credential.accessKeySecret) {
		throw new CredentialConflictError(`AccessKeyId ${credential.accessKeyId} is already registered with another AccessKeySecret`);
	}
	state.keys.set(credential.accessKeyId, credential.accessKeySecret);
}

/** A review ticket number (`OrderId`), unique within the state. */
export function nextOrderId(state: AlibabaState): string {
	return String(40000000 + state.nextSequence++);
}
