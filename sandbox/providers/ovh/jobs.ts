import { RESPONSE_SHORTCODE } from './callbacks';
import { badRequest, forbidden, notFound } from './errors';
import {
	bodyObject,
	optionalBoolean,
	optionalEnum,
	optionalInteger,
	optionalString,
	optionalStringArray,
	ovhDatetime,
	pathLong,
} from './params';
import type { OvhCall } from './routes';
import { countParts, STOP_CLAUSE } from './segments';
import type { OvhState, SmsAccount, SmsRecord } from './state';

const PRIORITIES = ['high', 'medium', 'low', 'veryLow'] as const;
const CHARSETS = ['UTF-8'] as const;
const CODINGS = ['7bit', '8bit'] as const;
const CLASSES = ['flash', 'phoneDisplay', 'sim', 'toolkit'] as const;

/** `+` then 8 to 15 digits: E.164 without separators, the form OVH answers with. */
const VALID_RECEIVER = /^\+\d{8,15}$/;

const MINUTE_MS = 60_000;

/** `0033…` and `+33…` name the same number; responses use the `+` form (§8.2). */
export function normaliseReceiver(receiver: string): string {
	return receiver.startsWith('00') ? `+${receiver.slice(2)}` : receiver;
}

/** `POST /sms/{serviceName}/jobs` (specs/ovh.md §8.2, §11). */
export function sendJobs(call: OvhCall, account: SmsAccount): unknown {
	const body = bodyObject(call.body);
	const message = optionalString(body, 'message');
	if (message === undefined || message === '') throw badRequest('[message] Property is mandatory');
	const receivers = optionalStringArray(body, 'receivers');
	if (body.receiversDocumentUrl !== undefined || body.receiversSlotId !== undefined) {
		throw badRequest('receiversDocumentUrl and receiversSlotId are not emulated by the sandbox: use receivers');
	}
	if (receivers === undefined || receivers.length === 0) throw badRequest('[receivers] No receiver given');

	const sender = optionalString(body, 'sender');
	const senderForResponse = optionalBoolean(body, 'senderForResponse');
	const noStopClause = optionalBoolean(body, 'noStopClause');
	const priority = optionalEnum(body, 'priority', PRIORITIES);
	const validityPeriod = optionalInteger(body, 'validityPeriod');
	const differedPeriod = optionalInteger(body, 'differedPeriod');
	const tag = optionalString(body, 'tag');
	const charset = optionalEnum(body, 'charset', CHARSETS);
	const coding = optionalEnum(body, 'coding', CODINGS);
	const smsClass = optionalEnum(body, 'class', CLASSES);
	if (validityPeriod !== undefined && validityPeriod < 1) throw badRequest('[validityPeriod] Must be at least 1 minute');
	if (differedPeriod !== undefined && differedPeriod < 0) throw badRequest('[differedPeriod] Must not be negative');

	if (sender !== undefined && senderForResponse === true) {
		throw badRequest('sender and senderForResponse cannot be used together: replies need the short number as sender');
	}
	const senderRecord = sender === undefined ? undefined : account.senders.get(sender);
	if (sender !== undefined && senderRecord?.status !== 'enable') {
		throw badRequest(`The sender ${sender} does not exist or is not enabled on ${account.name}`);
	}

	const validReceivers: string[] = [];
	const invalidReceivers: string[] = [];
	for (const receiver of receivers) {
		const normalised = normaliseReceiver(receiver);
		if (VALID_RECEIVER.test(normalised)) validReceivers.push(normalised);
		else invalidReceivers.push(receiver);
	}

	// A custom alphanumeric sender gets the legal STOP mention unless noStopClause, and pays for it.
	const stopClause = senderRecord?.type === 'alpha' && noStopClause !== true;
	const parts = countParts(stopClause ? message + STOP_CLAUSE : message);
	const totalCreditsRemoved = parts * validReceivers.length;
	if (totalCreditsRemoved > account.creditsLeft) throw forbidden('Not enough credits');
	account.creditsLeft -= totalCreditsRemoved;
	automaticRecredit(account);

	const { state } = call;
	// Whole seconds, as OVH shows them, so a filter copied from a record still selects it.
	const created = Math.floor(call.smsNow / 1000) * 1000;
	const differed = differedPeriod ?? 0;
	const ids = validReceivers.map((receiver) => {
		const record: SmsRecord = {
			service: account.name,
			id: state.nextSmsId++,
			creationDatetime: created,
			dueAt: created + differed * MINUTE_MS,
			credits: parts,
			deliveredAt: null,
			deliveryReceipt: 0,
			differedDelivery: differed,
			message,
			messageLength: message.length,
			numberOfSms: parts,
			ptt: 0,
			receiver,
			sender: sender ?? (senderForResponse === true ? RESPONSE_SHORTCODE : ''),
			sentAt: null,
			tag: tag ?? '',
		};
		(differed > 0 ? state.jobs : state.outgoing).push(record);
		return record.id;
	});

	state.sent.push({
		service: account.name,
		receivers: validReceivers,
		invalidReceivers,
		message,
		sender: sender ?? null,
		senderForResponse: senderForResponse ?? null,
		noStopClause: noStopClause ?? null,
		priority: priority ?? null,
		validityPeriod: validityPeriod ?? null,
		tag: tag ?? null,
		charset: charset ?? null,
		class: smsClass ?? null,
		coding: coding ?? null,
		differedPeriod: differedPeriod ?? null,
		ids,
		receivedAt: new Date(call.now).toISOString(),
	});

	return { totalCreditsRemoved, invalidReceivers, ids, validReceivers, tag: tag ?? '' };
}

/** With `automaticRecreditAmount` set, falling under the threshold buys that many credits at once. */
function automaticRecredit(account: SmsAccount): void {
	if (account.automaticRecreditAmount !== null && account.creditsLeft < account.creditThresholdForAutomaticRecredit) {
		account.creditsLeft += account.automaticRecreditAmount;
	}
}

/**
 * Moves the jobs whose differed period has run out on the SMS clock to the outgoing records, in id
 * order. Called lazily before every API and control call, so no timer is involved.
 */
export function releaseDueJobs(state: OvhState, smsNow: number): void {
	const due = state.jobs.filter((job) => job.dueAt <= smsNow);
	if (due.length === 0) return;
	for (const job of due) state.jobs.splice(state.jobs.indexOf(job), 1);
	state.outgoing.push(...due);
	state.outgoing.sort((a, b) => a.id - b.id);
}

/** `GET /sms/{serviceName}/jobs`: ids of the jobs still waiting for their differed period. */
export function listJobs(call: OvhCall, account: SmsAccount): number[] {
	return call.state.jobs.filter((job) => job.service === account.name).map((job) => job.id);
}

export function findJob(call: OvhCall, account: SmsAccount): SmsRecord {
	const id = pathLong(call.params.id);
	const found = call.state.jobs.find((job) => job.service === account.name && job.id === id);
	if (!found) throw notFound(`The requested object (id = ${id}) does not exist`);
	return found;
}

/** `sms.Job` (§8.4). */
export function jobView(record: SmsRecord): unknown {
	return {
		creationDatetime: ovhDatetime(record.creationDatetime),
		credits: record.credits,
		deliveredAt: null,
		deliveryReceipt: record.deliveryReceipt,
		differedDelivery: record.differedDelivery,
		id: record.id,
		message: record.message,
		messageLength: record.messageLength,
		numberOfSms: record.numberOfSms,
		ptt: record.ptt,
		receiver: record.receiver,
		sender: record.sender,
		sentAt: null,
	};
}

/** `DELETE /sms/{serviceName}/jobs/{id}`: the job is dropped and its credits go back to the account. */
export function cancelJob(call: OvhCall, account: SmsAccount): undefined {
	const job = findJob(call, account);
	call.state.jobs.splice(call.state.jobs.indexOf(job), 1);
	account.creditsLeft += job.credits;
	return undefined;
}
