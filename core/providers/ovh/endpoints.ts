import { SmsError } from '../../errors';
import { encodeQuery, type ApiRequest, type WireRequest } from '../../http';

/** API base URLs built into every official OVHcloud client (spec ovh.md §1). */
export const OVH_ENDPOINTS = {
	'ovh-eu': 'https://eu.api.ovh.com/1.0',
	'ovh-ca': 'https://ca.api.ovh.com/1.0',
	'ovh-us': 'https://api.us.ovhcloud.com/1.0',
	'kimsufi-eu': 'https://eu.api.kimsufi.com/1.0',
	'kimsufi-ca': 'https://ca.api.kimsufi.com/1.0',
	'soyoustart-eu': 'https://eu.api.soyoustart.com/1.0',
	'soyoustart-ca': 'https://ca.api.soyoustart.com/1.0',
} as const;

export type OvhEndpoint = keyof typeof OVH_ENDPOINTS | 'custom';

export const OVH_ENDPOINT_LABELS: Record<OvhEndpoint, string> = {
	'ovh-eu': 'OVHcloud Europe (ovh-eu)',
	'ovh-ca': 'OVHcloud Canada (ovh-ca)',
	'ovh-us': 'OVHcloud US (ovh-us)',
	'kimsufi-eu': 'Kimsufi Europe (kimsufi-eu)',
	'kimsufi-ca': 'Kimsufi Canada (kimsufi-ca)',
	'soyoustart-eu': 'So you Start Europe (soyoustart-eu)',
	'soyoustart-ca': 'So you Start Canada (soyoustart-ca)',
	custom: 'Custom Base URL (e.g. the SMS Kit sandbox)',
};

export function ovhBaseUrl(endpoint: string, customUrl?: string): string {
	if (endpoint === 'custom') {
		if (!customUrl?.trim()) throw invalidEndpoint('The OVHcloud {account} uses a custom endpoint but has no base URL.');
		return customUrl.trim().replace(/\/+$/, '');
	}
	const url = (OVH_ENDPOINTS as Record<string, string>)[endpoint];
	if (!url) throw invalidEndpoint(`Unknown OVHcloud endpoint "${endpoint}".`);
	return url;
}

function invalidEndpoint(message: string): SmsError {
	return new SmsError({
		provider: 'ovh',
		code: 'INVALID_ENDPOINT',
		message,
		hint: 'Choose an endpoint in the OVHcloud {account}.',
	});
}

/**
 * Serialises a body the way node-ovh and python-ovh do (spec §3.5): JSON without spaces and every
 * non-ASCII character escaped as \uXXXX, so the signed bytes are plain ASCII whatever the transport does.
 */
export function ovhJson(body: unknown): string {
	return JSON.stringify(body).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function ovhWire(baseUrl: string, request: ApiRequest): WireRequest {
	const query = encodeQuery(request.query);
	const url = `${baseUrl}${request.path}${query ? `?${query}` : ''}`;
	const headers: Record<string, string> = { Accept: 'application/json' };
	if (request.body === undefined) return { method: request.method, url, headers };
	headers['Content-Type'] = 'application/json';
	return { method: request.method, url, headers, body: ovhJson(request.body) };
}
