import { SmsError } from '../../errors';
import { encodeQuery, type ApiRequest, type WireRequest } from '../../http';

/** One base URL, no regions (spec smsmobileapi.md §1). */
export const SMSMOBILEAPI_BASE_URL = 'https://api.smsmobileapi.com';

export const SMSMOBILEAPI_ENDPOINTS: Record<string, string> = {
	default: 'api.smsmobileapi.com',
	custom: 'Custom Base URL (e.g. the SMS Kit sandbox)',
};

/**
 * Delete SMS is in the vendor's menu but its page could not be read and no client calls it (§0.7, §3.5):
 * this guessed path is the one place to change once it is confirmed.
 */
export const SMSMOBILEAPI_DELETE_PATH = '/deletesms/';

export function smsmobileapiBaseUrl(endpoint: string, customUrl?: string): string {
	if (endpoint === 'custom') {
		if (!customUrl?.trim()) {
			throw new SmsError({
				provider: 'smsmobileapi',
				code: 'INVALID_ENDPOINT',
				message: 'The SMSMobileAPI {account} uses a custom endpoint but has no base URL.',
				hint: 'Give the base URL in the SMSMobileAPI {account}, or choose the default endpoint.',
			});
		}
		return customUrl.trim().replace(/\/+$/, '');
	}
	return SMSMOBILEAPI_BASE_URL;
}

/**
 * Reads are GETs with a query; sends are POSTs with a form body, as the vendor's PHP SDK does, so the message
 * and the key (added by the session or the n8n credential) stay out of URLs.
 */
export function smsmobileapiWire(baseUrl: string, request: ApiRequest): WireRequest {
	const query = encodeQuery(request.query);
	const url = `${baseUrl}${request.path}${query ? `?${query}` : ''}`;
	const headers: Record<string, string> = { Accept: 'application/json' };
	if (request.body === undefined) return { method: request.method, url, headers };
	headers['Content-Type'] = 'application/x-www-form-urlencoded';
	return { method: request.method, url, headers, body: formBody(request.body as Record<string, unknown>) };
}

export function formBody(fields: Record<string, unknown>): string {
	return new URLSearchParams(
		Object.entries(fields)
			.filter(([, v]) => v !== undefined && v !== '')
			.map(([k, v]) => [k, String(v)]),
	).toString();
}
