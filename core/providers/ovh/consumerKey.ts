import * as z from 'zod';
import { defineOperation } from '../../operation';
import { ovhParse } from './parse';

export interface OvhAccessRule {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	path: string;
}

/**
 * The access rules SMS Kit asks for (spec ovh.md §5): reading accounts, sending, jobs, sent and received
 * messages, templates, senders, and PUT on the account for the webhook trigger's callback URLs.
 * One account, or every SMS account of the customer.
 */
export function smsKitAccessRules(service?: string): OvhAccessRule[] {
	const base = service ? `/sms/${service}` : '/sms/*';
	return [
		{ method: 'GET', path: '/sms' },
		{ method: 'GET', path: base },
		{ method: 'GET', path: `${base}/*` },
		{ method: 'POST', path: `${base}/*` },
		{ method: 'PUT', path: base },
		{ method: 'PUT', path: `${base}/*` },
		{ method: 'DELETE', path: `${base}/*` },
		{ method: 'POST', path: '/sms/estimate' },
	];
}

/** POST /auth/credential (unsigned: only the application key goes with it). */
export const createConsumerKey = defineOperation({
	provider: 'ovh',
	name: 'auth.createConsumerKey',
	input: z.object({
		service: z.string().trim().optional(),
		redirection: z.string().url().optional(),
	}),
	request: ({ service, redirection }) => ({
		method: 'POST',
		path: '/auth/credential',
		body: { accessRules: smsKitAccessRules(service || undefined), ...(redirection ? { redirection } : {}) },
	}),
	parse: (body) =>
		ovhParse(
			z.object({ validationUrl: z.string(), consumerKey: z.string(), state: z.string() }).loose(),
			body,
			'the consumer key request',
		),
});

/** What to tell someone who just asked for a consumer key. */
export function consumerKeyNextSteps(validationUrl: string): string {
	return [
		`1. Open ${validationUrl}`,
		'   and log in with the OVHcloud account that owns the SMS service(s); choose a validity and approve.',
		'2. Put the consumer key above in the OVHcloud credential (n8n) or account node (Node-RED), with the',
		'   same application key and secret. Until step 1 is done, calls fail with INVALID_CREDENTIAL.',
	].join('\n');
}
