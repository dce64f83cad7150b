import * as z from 'zod';
import { defineOperation } from '../../operation';
import { e164List } from '../../schemas';
import { countSegments, type Encoding } from '../../segments';
import { ovhParse, sendingReport, serviceNames } from './parse';

export const OVH_PRIORITIES = ['high', 'medium', 'low', 'veryLow'] as const;

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
		message: z.string().min(1, 'the message is empty'),
		receivers: e164List,
		sender: z.string().trim().max(20).optional(),
		senderForResponse: z.boolean().optional(),
		noStopClause: z.boolean().optional(),
		priority: z.enum(OVH_PRIORITIES).optional(),
		validityPeriod: z.number().int().positive().optional(),
		tag: z.string().max(128).optional(),
	})
	.refine((v) => !(v.sender && v.senderForResponse), {
		message: 'use either a sender or "sender for response", not both',
	});

/** What every provider's send reports per recipient. */
export interface SendResult {
	provider: 'ovh';
	status: 'queued' | 'rejected';
	to: string;
	messageId: string | null;
	encoding: Encoding;
	segments: number;
	characters: number;
	error: { code: string; message: string } | null;
	service: string;
	tag: string;
	totalCreditsRemoved: number;
}

/** POST /sms/{serviceName}/jobs (spec §8.2): one result per recipient, accepted or reported invalid. */
export const sendMessage = defineOperation({
	provider: 'ovh',
	name: 'message.send',
	input: sendInput,
	request: ({ service, ...job }) => ({
		method: 'POST',
		path: `/sms/${encodeURIComponent(service)}/jobs`,
		body: dropUndefined(job),
	}),
	parse: (body, input): SendResult[] => {
		const report = ovhParse(sendingReport, body, 'the send');
		const { encoding, segments, characters } = countSegments(input.message);
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
			totalCreditsRemoved: report.totalCreditsRemoved,
		});
		// OVHcloud lists one id per valid receiver, in the same order.
		const accepted = report.validReceivers.map((to, i) => result(to, report.ids[i], null));
		const rejected = report.invalidReceivers.map((to) =>
			result(to, undefined, { code: 'INVALID_RECEIVER', message: 'OVHcloud refused this receiver as invalid.' }),
		);
		return [...accepted, ...rejected];
	},
});

function dropUndefined<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}
