import * as z from 'zod';
import type { SendResult as NormalisedSendResult } from '../../normalised';
import { defineOperation } from '../../operation';
import { e164List, smsText } from '../../schemas';
import type { SmsError } from '../../errors';
import { resultError } from '../../send';
import { countSegments } from '../../segments';
import { ovhParse, sendingReport, serviceNames } from './parse';

export const OVH_PRIORITIES = ['high', 'medium', 'low', 'veryLow'] as const;
export const OVH_CLASSES = ['flash', 'phoneDisplay', 'sim', 'toolkit'] as const;
export const OVH_CODINGS = ['7bit', '8bit'] as const;

const serviceName = z.string().trim().min(1, 'choose an SMS service (sms-xx00000-1)');

/** GET /sms: the SMS accounts (services) the consumer key can see. */
export const listServices = defineOperation({
	provider: 'ovh',
	name: 'account.getMany',
	input: z.object({}),
	request: () => ({ method: 'GET', path: '/sms' }),
	parse: (body) => ovhParse(serviceNames, body, 'GET /sms').map((name) => ({ service: name })),
});

const sendInput = z
	.object({
		service: serviceName,
		message: smsText.pipe(z.string().min(1, 'the message is empty')),
		receivers: e164List,
		sender: z.string().trim().max(20).optional(),
		senderForResponse: z.boolean().optional(),
		noStopClause: z.boolean().optional(),
		priority: z.enum(OVH_PRIORITIES).optional(),
		validityPeriod: z.coerce.number().int().positive().optional(),
		differedPeriod: z.coerce.number().int().min(0).optional(),
		tag: z.string().max(128).optional(),
		charset: z.literal('UTF-8').optional(),
		class: z.enum(OVH_CLASSES).optional(),
		coding: z.enum(OVH_CODINGS).optional(),
	})
	.refine((v) => !(v.sender && v.senderForResponse), {
		message: 'use either a sender or "sender for response", not both',
	});

/** The normalised per-recipient result, with OVHcloud's job details. */
export interface SendResult extends NormalisedSendResult {
	provider: 'ovh';
	service: string;
	tag: string;
	/** This recipient's share of the job's credits (OVHcloud reports one total per job). */
	credits: number;
	/** The job's total, on its first result only, so a sum over items counts it once. */
	totalCreditsRemoved?: number;
}

/** POST /sms/{serviceName}/jobs (spec §8.2): one result per recipient, accepted or reported invalid. */
export const sendMessage = defineOperation({
	provider: 'ovh',
	name: 'message.send',
	sends: true,
	input: sendInput,
	request: ({ service, ...job }) => ({
		method: 'POST',
		path: `/sms/${encodeURIComponent(service)}/jobs`,
		body: dropUndefined(job),
	}),
	parse: (body, input): SendResult[] => {
		const report = ovhParse(sendingReport, body, 'the send');
		const { encoding, segments, characters } = countSegments(input.message);
		// Credits are billed per accepted receiver; OVHcloud only says the total, shared out evenly here.
		const share = report.validReceivers.length ? report.totalCreditsRemoved / report.validReceivers.length : 0;
		const result = (to: string, messageId: number | undefined, error: SendResult['error']): SendResult => ({
			provider: 'ovh',
			status: error ? 'rejected' : 'queued',
			to,
			messageId: messageId === undefined ? null : String(messageId),
			encoding,
			segments,
			characters,
			error,
			service: input.service,
			tag: report.tag ?? input.tag ?? '',
			credits: error ? 0 : Math.round(share * 1000) / 1000,
		});
		// OVHcloud lists one id per valid receiver, in the same order.
		const accepted = report.validReceivers.map((to, i) => result(to, report.ids[i], null));
		const rejected = report.invalidReceivers.map((to) =>
			result(to, undefined, {
				code: 'INVALID_RECEIVER',
				message: 'OVHcloud refused this receiver as invalid: check the number and that its country is enabled.',
			}),
		);
		const all = [...accepted, ...rejected];
		if (all[0]) all[0].totalCreditsRemoved = report.totalCreditsRemoved;
		return all;
	},
});

/** A receiver that was not sent (or that an earlier run reached), in the shape of a send result. */
export function unsentResult(
	service: string,
	tag: string,
	to: string,
	status: SendResult['status'],
	error: SmsError | null,
	messageId: string | null = null,
): SendResult {
	return {
		provider: 'ovh',
		status,
		to,
		messageId,
		encoding: null,
		segments: null,
		characters: null,
		error: resultError(error),
		service,
		tag,
		credits: 0,
	};
}

function dropUndefined<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

const svc = (service: string) => `/sms/${encodeURIComponent(service)}`;
const serviceOnly = z.object({ service: serviceName });
const idInput = z.object({ service: serviceName, id: z.coerce.number().int().positive('must be a positive number') });
const ids = z.array(z.number());
const names = z.array(z.string());
const anyObject = z.object({}).loose();
/** A date filter: ISO text or epoch ms; anything else is refused by name instead of failing later. */
const isoDate = z
	.union([z.string(), z.number()])
	.optional()
	.transform((v, ctx) => {
		if (v === undefined || v === '') return undefined;
		const ms = typeof v === 'number' ? v : Date.parse(v);
		if (Number.isNaN(ms)) {
			ctx.addIssue({ code: 'custom', message: `"${String(v)}" is not a date (e.g. 2026-11-22T08:00:00Z)` });
			return z.NEVER;
		}
		return new Date(ms).toISOString();
	});

/** GET /sms/{serviceName}: credits left and settings (sms.AccountWithIAM). */
export const getService = defineOperation({
	provider: 'ovh',
	name: 'account.get',
	input: serviceOnly,
	request: ({ service }) => ({ method: 'GET', path: svc(service) }),
	parse: (body) => ovhParse(anyObject, body, 'the account'),
});

/** PUT /sms/{serviceName}: the account-wide callback settings the webhook trigger registers and restores. */
export const updateService = defineOperation({
	provider: 'ovh',
	name: 'account.update',
	input: z.object({
		service: serviceName,
		callBack: z.string().nullable().optional(),
		smsResponse: z
			.object({
				responseType: z.enum(['cgi', 'none', 'text']),
				cgiUrl: z.string().nullable().optional(),
				text: z.string().nullable().optional(),
			})
			.loose()
			.optional(),
	}),
	request: ({ service, ...settings }) => ({ method: 'PUT', path: svc(service), body: settings }),
	parse: () => ({ updated: true }),
});

/** POST /sms/estimate: OVHcloud's own count of characters and parts (spec §8.11). */
export const estimateMessage = defineOperation({
	provider: 'ovh',
	name: 'message.estimate',
	input: z.object({
		message: z.string().min(1, 'the message is empty'),
		noStopClause: z.boolean().default(false),
		senderType: z.enum(['alpha', 'numeric', 'shortcode', 'virtual']).default('alpha'),
	}),
	request: (body) => ({ method: 'POST', path: '/sms/estimate', body }),
	parse: (body, input) => ({ ...ovhParse(anyObject, body, 'the estimate'), ...countSegments(input.message) }),
});

export const listJobIds = defineOperation({
	provider: 'ovh',
	name: 'job.getMany',
	input: serviceOnly,
	request: ({ service }) => ({ method: 'GET', path: `${svc(service)}/jobs` }),
	parse: (body) => ovhParse(ids, body, 'the pending jobs'),
});

export const getJob = defineOperation({
	provider: 'ovh',
	name: 'job.get',
	input: idInput,
	request: ({ service, id }) => ({ method: 'GET', path: `${svc(service)}/jobs/${id}` }),
	parse: (body, { service }) => ({ service, ...ovhParse(anyObject, body, 'the job') }),
});

export const cancelJob = defineOperation({
	provider: 'ovh',
	name: 'job.cancel',
	input: idInput,
	request: ({ service, id }) => ({ method: 'DELETE', path: `${svc(service)}/jobs/${id}` }),
	parse: (_body, { service, id }) => ({ service, id, cancelled: true }),
});

/** Delivery state in plain words from OVHcloud's DLR id (spec §9.5), else its ptt code (§9.4). */
export function ovhDeliveryStatus(
	deliveryReceipt: number | undefined,
	ptt: number | undefined,
): 'delivered' | 'failed' | 'pending' | 'unknown' {
	if (deliveryReceipt === 1) return 'delivered';
	if (deliveryReceipt === 2 || deliveryReceipt === 16) return 'failed';
	if (ptt === 4) return 'delivered';
	if (ptt === 6) return 'unknown';
	if (ptt === undefined || ptt === 0 || [1, 2, 3, 24, 25, 26].includes(ptt)) return 'pending';
	return 'failed';
}

const outgoing = z
	.object({ id: z.number(), receiver: z.string(), deliveryReceipt: z.number().optional(), ptt: z.number().optional() })
	.loose();

export const OUTGOING_FILTERS = ['receiver', 'sender', 'tag', 'deliveryReceipt', 'ptt'] as const;

export const listOutgoingIds = defineOperation({
	provider: 'ovh',
	name: 'outgoing.getMany',
	input: z.object({
		service: serviceName,
		receiver: z.string().optional(),
		sender: z.string().optional(),
		tag: z.string().optional(),
		deliveryReceipt: z.coerce.number().int().optional(),
		ptt: z.coerce.number().int().optional(),
		from: isoDate,
		to: isoDate,
	}),
	request: ({ service, from, to, ...filters }) => ({
		method: 'GET',
		path: `${svc(service)}/outgoing`,
		query: { ...filters, 'creationDatetime.from': from, 'creationDatetime.to': to },
	}),
	parse: (body) => ovhParse(ids, body, 'the sent messages'),
});

/** sms.Outgoing with a normalised status beside OVHcloud's codes. */
export const getOutgoing = defineOperation({
	provider: 'ovh',
	name: 'outgoing.get',
	input: idInput,
	request: ({ service, id }) => ({ method: 'GET', path: `${svc(service)}/outgoing/${id}` }),
	parse: (body, { service }) => {
		const record = ovhParse(outgoing, body, 'the sent message');
		return {
			provider: 'ovh' as const,
			status: ovhDeliveryStatus(record.deliveryReceipt, record.ptt),
			to: record.receiver,
			messageId: String(record.id),
			service,
			...record,
		};
	},
});

export const getOutgoingHlr = defineOperation({
	provider: 'ovh',
	name: 'outgoing.hlr',
	input: idInput,
	request: ({ service, id }) => ({ method: 'GET', path: `${svc(service)}/outgoing/${id}/hlr` }),
	parse: (body, { id }) => ({ id, ...ovhParse(anyObject, body, 'the HLR lookup') }),
});

const incoming = z
	.object({ id: z.number(), sender: z.string(), message: z.string(), creationDatetime: z.string(), tag: z.string().optional() })
	.loose();

export const listIncomingIds = defineOperation({
	provider: 'ovh',
	name: 'incoming.getMany',
	input: z.object({
		service: serviceName,
		sender: z.string().optional(),
		tag: z.string().optional(),
		from: isoDate,
		to: isoDate,
	}),
	request: ({ service, from, to, ...filters }) => ({
		method: 'GET',
		path: `${svc(service)}/incoming`,
		query: { ...filters, 'creationDatetime.from': from, 'creationDatetime.to': to },
	}),
	parse: (body) => ovhParse(ids, body, 'the received messages'),
});

/** sms.Incoming in the normalised inbound shape (from, text, receivedAt) with OVHcloud's fields. */
export const getIncoming = defineOperation({
	provider: 'ovh',
	name: 'incoming.get',
	input: idInput,
	request: ({ service, id }) => ({ method: 'GET', path: `${svc(service)}/incoming/${id}` }),
	parse: (body, { service }) => {
		const record = ovhParse(incoming, body, 'the received message');
		return {
			provider: 'ovh' as const,
			from: record.sender,
			text: record.message,
			receivedAt: new Date(record.creationDatetime).toISOString(),
			service,
			...record,
		};
	},
});

export const deleteIncoming = defineOperation({
	provider: 'ovh',
	name: 'incoming.delete',
	input: idInput,
	request: ({ service, id }) => ({ method: 'DELETE', path: `${svc(service)}/incoming/${id}` }),
	parse: (_body, { service, id }) => ({ service, id, deleted: true }),
});

export const OVH_TEMPLATE_ACTIVITIES = ['alerting', 'authentification', 'transactional'] as const;
const templateName = z.string().trim().min(1, 'required');

export const addTemplate = defineOperation({
	provider: 'ovh',
	name: 'template.add',
	input: z.object({
		service: serviceName,
		name: templateName,
		activity: z.enum(OVH_TEMPLATE_ACTIVITIES),
		message: z.string().min(1, 'required'),
		description: z.string().optional(),
		reason: z.string().optional(),
	}),
	request: ({ service, ...template }) => ({ method: 'POST', path: `${svc(service)}/templatesControl`, body: template }),
	parse: (_body, { service, name }) => ({ service, name, submitted: true }),
});

export const listTemplateNames = defineOperation({
	provider: 'ovh',
	name: 'template.getMany',
	input: serviceOnly,
	request: ({ service }) => ({ method: 'GET', path: `${svc(service)}/templatesControl` }),
	parse: (body) => ovhParse(names, body, 'the templates'),
});

const templateInput = z.object({ service: serviceName, name: templateName });
const templatePath = (service: string, name: string) => `${svc(service)}/templatesControl/${encodeURIComponent(name)}`;

export const getTemplate = defineOperation({
	provider: 'ovh',
	name: 'template.get',
	input: templateInput,
	request: ({ service, name }) => ({ method: 'GET', path: templatePath(service, name) }),
	parse: (body, { service }) => ({ service, ...ovhParse(anyObject, body, 'the template') }),
});

export const deleteTemplate = defineOperation({
	provider: 'ovh',
	name: 'template.delete',
	input: templateInput,
	request: ({ service, name }) => ({ method: 'DELETE', path: templatePath(service, name) }),
	parse: (_body, { service, name }) => ({ service, name, deleted: true }),
});

export const relaunchTemplate = defineOperation({
	provider: 'ovh',
	name: 'template.relaunch',
	input: templateInput.extend({ description: z.string().min(1, 'required'), message: z.string().min(1, 'required') }),
	request: ({ service, name, description, message }) => ({
		method: 'POST',
		path: `${templatePath(service, name)}/relaunchValidation`,
		body: { description, message },
	}),
	parse: (_body, { service, name }) => ({ service, name, relaunched: true }),
});

export const listSenderNames = defineOperation({
	provider: 'ovh',
	name: 'sender.getMany',
	input: serviceOnly,
	request: ({ service }) => ({ method: 'GET', path: `${svc(service)}/senders` }),
	parse: (body) => ovhParse(names, body, 'the senders'),
});

export const getSender = defineOperation({
	provider: 'ovh',
	name: 'sender.get',
	input: z.object({ service: serviceName, sender: z.string().min(1) }),
	request: ({ service, sender }) => ({ method: 'GET', path: `${svc(service)}/senders/${encodeURIComponent(sender)}` }),
	parse: (body, { service }) => ({ service, ...ovhParse(anyObject, body, 'the sender') }),
});
