import { account } from './accounts';
import { notFound } from './errors';
import { hlrFor } from './hlr';
import { cancelJob, findJob, jobView, listJobs, sendJobs } from './jobs';
import { ovhDatetime, pathLong, queryDatetime, queryLong, queryUuid } from './params';
import type { OvhCall, OvhRoute } from './routes';
import type { IncomingRecord, SmsRecord } from './state';

/** Jobs, sent and received SMS (specs/ovh.md §8.2, §8.4–§8.6). */
export const messageRoutes: readonly OvhRoute[] = [
	{ method: 'GET', path: '/sms/{serviceName}/jobs', auth: 'signed', handle: (call) => listJobs(call, account(call)) },
	{ method: 'POST', path: '/sms/{serviceName}/jobs', auth: 'signed', handle: (call) => sendJobs(call, account(call)) },
	{
		method: 'GET',
		path: '/sms/{serviceName}/jobs/{id}',
		auth: 'signed',
		handle: (call) => jobView(findJob(call, account(call))),
	},
	{ method: 'DELETE', path: '/sms/{serviceName}/jobs/{id}', auth: 'signed', handle: (call) => cancelJob(call, account(call)) },
	{ method: 'GET', path: '/sms/{serviceName}/outgoing', auth: 'signed', handle: listOutgoing },
	{ method: 'GET', path: '/sms/{serviceName}/outgoing/{id}', auth: 'signed', handle: (call) => outgoingView(outgoing(call)) },
	{ method: 'DELETE', path: '/sms/{serviceName}/outgoing/{id}', auth: 'signed', handle: deleteOutgoing },
	{
		method: 'GET',
		path: '/sms/{serviceName}/outgoing/{id}/hlr',
		auth: 'signed',
		handle: (call) => hlrFor(outgoing(call).receiver),
	},
	{ method: 'GET', path: '/sms/{serviceName}/incoming', auth: 'signed', handle: listIncoming },
	{ method: 'GET', path: '/sms/{serviceName}/incoming/{id}', auth: 'signed', handle: (call) => incomingView(incoming(call)) },
	{ method: 'DELETE', path: '/sms/{serviceName}/incoming/{id}', auth: 'signed', handle: deleteIncoming },
];

/** Exact-match filters of `GET /outgoing` (§8.5); `creationDatetime.*` compare instants, offsets included. */
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
	const unmatchable = queryUuid(query, 'batchID') !== undefined || queryUuid(query, 'messageID') !== undefined;
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

function outgoing(call: OvhCall): SmsRecord {
	const name = account(call).name;
	const id = pathLong(call.params.id);
	const found = call.state.outgoing.find((record) => record.service === name && record.id === id);
	if (!found) throw notFound(`The requested object (id = ${id}) does not exist`);
	return found;
}

/** `sms.Outgoing` (§8.5). */
export function outgoingView(record: SmsRecord): unknown {
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

function listIncoming(call: OvhCall): number[] {
	const name = account(call).name;
	const { query } = call;
	const from = queryDatetime(query, 'creationDatetime.from');
	const to = queryDatetime(query, 'creationDatetime.to');
	const sender = query.get('sender');
	const tag = query.get('tag');
	return call.state.incoming
		.filter(
			(record) =>
				record.service === name &&
				(from === undefined || record.creationDatetime >= from) &&
				(to === undefined || record.creationDatetime <= to) &&
				(sender === null || record.sender === sender) &&
				(tag === null || record.tag === tag),
		)
		.map((record) => record.id);
}

function incoming(call: OvhCall): IncomingRecord {
	const name = account(call).name;
	const id = pathLong(call.params.id);
	const found = call.state.incoming.find((record) => record.service === name && record.id === id);
	if (!found) throw notFound(`The requested object (id = ${id}) does not exist`);
	return found;
}

/** `sms.Incoming` (§8.6). */
export function incomingView(record: IncomingRecord): unknown {
	return {
		creationDatetime: ovhDatetime(record.creationDatetime),
		credits: record.credits,
		id: record.id,
		message: record.message,
		sender: record.sender,
		tag: record.tag,
	};
}

function deleteIncoming(call: OvhCall): undefined {
	const record = incoming(call);
	const { incoming: records } = call.state;
	records.splice(records.indexOf(record), 1);
	return undefined;
}
