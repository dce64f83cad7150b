import { badRequest, notFound } from './errors';
import { sendJobs } from './jobs';
import { bodyObject, optionalString, ovhDatetime, queryDatetime, queryLong } from './params';
import type { OvhCall, OvhRoute } from './routes';
import type { OutgoingRecord, SmsAccount } from './state';

/** The `/sms` routes the sandbox emulates (specs/ovh.md §8); all signed. */
export const smsRoutes: readonly OvhRoute[] = [
	{ method: 'GET', path: '/sms', auth: 'signed', handle: (call) => [...call.state.accounts.keys()] },
	{ method: 'GET', path: '/sms/{serviceName}', auth: 'signed', handle: (call) => accountView(account(call)) },
	{ method: 'PUT', path: '/sms/{serviceName}', auth: 'signed', handle: updateAccount },
	{ method: 'GET', path: '/sms/{serviceName}/senders', auth: 'signed', handle: (call) => [...account(call).senders.keys()] },
	{ method: 'GET', path: '/sms/{serviceName}/senders/{sender}', auth: 'signed', handle: getSender },
	{ method: 'GET', path: '/sms/{serviceName}/jobs', auth: 'signed', handle: pendingJobs },
	{ method: 'POST', path: '/sms/{serviceName}/jobs', auth: 'signed', handle: (call) => sendJobs(call, account(call)) },
	{ method: 'GET', path: '/sms/{serviceName}/outgoing', auth: 'signed', handle: listOutgoing },
	{ method: 'GET', path: '/sms/{serviceName}/outgoing/{id}', auth: 'signed', handle: (call) => outgoingView(outgoing(call)) },
	{ method: 'DELETE', path: '/sms/{serviceName}/outgoing/{id}', auth: 'signed', handle: deleteOutgoing },
];

function account(call: OvhCall): SmsAccount {
	const found = call.state.accounts.get(call.params.serviceName);
	if (!found) throw notFound();
	return found;
}

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
		smsResponse: account.smsResponse,
		status: 'enable',
		stopCallBack: account.stopCallBack,
		templates: account.templates,
		userQuantityWithQuota: 0,
	};
}

/** Writable fields of `sms.Account`; read-only ones are ignored as OVH ignores them. */
function updateAccount(call: OvhCall): undefined {
	const target = account(call);
	const body = bodyObject(call.body);
	if ('callBack' in body) target.callBack = optionalString(body, 'callBack') ?? null;
	if ('stopCallBack' in body) target.stopCallBack = optionalString(body, 'stopCallBack') ?? null;
	if ('description' in body) target.description = optionalString(body, 'description') ?? '';
	if (body.smsResponse !== undefined) target.smsResponse = { ...target.smsResponse, ...bodyObject(body.smsResponse) };
	if (body.templates !== undefined) target.templates = { ...target.templates, ...bodyObject(body.templates) };
	return undefined;
}

function getSender(call: OvhCall): unknown {
	const sender = account(call).senders.get(call.params.sender);
	if (!sender) throw notFound(`The requested object (sender = ${call.params.sender}) does not exist`);
	return { comment: null, referer: 'custom', validationMedia: null, ...sender };
}

/** Sends complete at once, so nothing is ever pending. */
function pendingJobs(call: OvhCall): number[] {
	account(call);
	return [];
}

function listOutgoing(call: OvhCall): number[] {
	const name = account(call).name;
	const { query } = call;
	const from = queryDatetime(query, 'creationDatetime.from');
	const to = queryDatetime(query, 'creationDatetime.to');
	const deliveryReceipt = queryLong(query, 'deliveryReceipt');
	const differedDelivery = queryLong(query, 'differedDelivery');
	const ptt = queryLong(query, 'ptt');
	const receiver = query.get('receiver');
	const sender = query.get('sender');
	const tag = query.get('tag');
	// Records never belong to a batch or carry an SMPP id, so these filters select nothing.
	const unmatchable = query.has('batchID') || query.has('messageID');
	return call.state.outgoing
		.filter(
			(record) =>
				!unmatchable &&
				record.service === name &&
				(from === undefined || record.creationDatetime >= from) &&
				(to === undefined || record.creationDatetime <= to) &&
				(deliveryReceipt === undefined || record.deliveryReceipt === deliveryReceipt) &&
				(differedDelivery === undefined || record.differedDelivery === differedDelivery) &&
				(ptt === undefined || record.ptt === ptt) &&
				(receiver === null || record.receiver === receiver) &&
				(sender === null || record.sender === sender) &&
				(tag === null || record.tag === tag),
		)
		.map((record) => record.id);
}

function outgoing(call: OvhCall): OutgoingRecord {
	const name = account(call).name;
	const { id } = call.params;
	if (!/^\d+$/.test(id)) throw badRequest('[id] Invalid long');
	const found = call.state.outgoing.find((record) => record.service === name && record.id === Number(id));
	if (!found) throw notFound(`The requested object (id = ${id}) does not exist`);
	return found;
}

/** `sms.Outgoing` (§8.5). */
function outgoingView(record: OutgoingRecord): unknown {
	return {
		batchID: null,
		creationDatetime: ovhDatetime(record.creationDatetime),
		credits: record.credits,
		deliveredAt: record.deliveredAt === null ? null : ovhDatetime(record.deliveredAt),
		deliveryReceipt: record.deliveryReceipt,
		differedDelivery: record.differedDelivery,
		id: record.id,
		message: record.message,
		messageID: null,
		messageLength: record.messageLength,
		numberOfSms: record.numberOfSms,
		ptt: record.ptt,
		receiver: record.receiver,
		sender: record.sender,
		sentAt: record.sentAt === null ? null : ovhDatetime(record.sentAt),
		tag: record.tag,
		tariffCode: '',
	};
}

function deleteOutgoing(call: OvhCall): undefined {
	const record = outgoing(call);
	const { outgoing: records } = call.state;
	records.splice(records.indexOf(record), 1);
	return undefined;
}
