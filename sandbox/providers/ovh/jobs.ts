import { badRequest, forbidden } from './errors';
import { bodyObject, optionalBoolean, optionalEnum, optionalInteger, optionalString, optionalStringArray } from './params';
import type { OvhCall } from './routes';
import { countParts } from './segments';
import type { SmsAccount } from './state';

const PRIORITIES = ['high', 'medium', 'low', 'veryLow'] as const;
const CHARSETS = ['UTF-8'] as const;
const CODINGS = ['7bit', '8bit'] as const;
const CLASSES = ['flash', 'phoneDisplay', 'sim', 'toolkit'] as const;

/** `+` then 8 to 15 digits: E.164 without separators, the form OVH answers with. */
const VALID_RECEIVER = /^\+\d{8,15}$/;

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
	optionalEnum(body, 'charset', CHARSETS);
	optionalEnum(body, 'coding', CODINGS);
	optionalEnum(body, 'class', CLASSES);

	if (sender !== undefined && account.senders.get(sender)?.status !== 'enable') {
		throw badRequest(`The sender ${sender} does not exist or is not enabled on ${account.name}`);
	}

	const validReceivers: string[] = [];
	const invalidReceivers: string[] = [];
	for (const receiver of receivers) {
		const normalised = normaliseReceiver(receiver);
		if (VALID_RECEIVER.test(normalised)) validReceivers.push(normalised);
		else invalidReceivers.push(receiver);
	}

	const parts = countParts(message);
	const totalCreditsRemoved = parts * validReceivers.length;
	if (totalCreditsRemoved > account.creditsLeft) throw forbidden('Not enough credits');
	account.creditsLeft -= totalCreditsRemoved;

	const { state } = call;
	// Whole seconds, as OVH shows them, so a filter copied from a record still selects it.
	const created = Math.floor(call.now / 1000) * 1000;
	const ids = validReceivers.map((receiver) => {
		const id = state.nextSmsId++;
		state.outgoing.push({
			service: account.name,
			id,
			creationDatetime: created,
			credits: parts,
			deliveredAt: null,
			deliveryReceipt: 0,
			differedDelivery: differedPeriod ?? 0,
			message,
			messageLength: message.length,
			numberOfSms: parts,
			ptt: 0,
			receiver,
			sender: sender ?? '',
			sentAt: null,
			tag: tag ?? '',
		});
		return id;
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
		ids,
		receivedAt: new Date(call.now).toISOString(),
	});

	return { totalCreditsRemoved, invalidReceivers, ids, validReceivers, tag: tag ?? '' };
}
