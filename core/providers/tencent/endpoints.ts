import { SmsError } from '../../errors';
import type { ApiRequest, WireRequest } from '../../http';

export const TENCENT_API_VERSION = '2021-01-11';

/** Hosts of the SMS API (spec tencent.md §1); the path is always "/" and the action travels in X-TC-Action. */
export const TENCENT_ENDPOINTS = {
	'sms.tencentcloudapi.com': 'China site, nearest region',
	'sms.intl.tencentcloudapi.com': 'International site, nearest region',
} as const;

export const TENCENT_REGIONS = [
	'ap-guangzhou',
	'ap-beijing',
	'ap-shanghai',
	'ap-nanjing',
	'ap-chengdu',
	'ap-chongqing',
	'ap-hongkong',
	'ap-singapore',
	'ap-bangkok',
	'ap-jakarta',
	'ap-seoul',
	'ap-tokyo',
	'eu-frankfurt',
	'na-siliconvalley',
	'na-ashburn',
] as const;

export function tencentBaseUrl(endpoint: string, customUrl?: string): string {
	if (endpoint === 'custom') {
		if (!customUrl?.trim()) throw invalidEndpoint('The Tencent Cloud SMS {account} uses a custom endpoint but has no base URL.');
		return customUrl.trim().replace(/\/+$/, '');
	}
	if (!/^sms(\.[a-z0-9-]+)*\.tencentcloudapi\.com$/.test(endpoint))
		throw invalidEndpoint(`Unknown Tencent Cloud SMS endpoint "${endpoint}".`);
	return `https://${endpoint}`;
}

function invalidEndpoint(message: string): SmsError {
	return new SmsError({
		provider: 'tencent',
		code: 'INVALID_ENDPOINT',
		message,
		hint: 'Choose an endpoint in the Tencent Cloud SMS {account}.',
	});
}

/** One API 3.0 call: POST / with the action and version in headers and the parameters as compact JSON. */
export function tencentWire(baseUrl: string, region: string, request: ApiRequest): WireRequest {
	return {
		method: 'POST',
		url: `${baseUrl}/`,
		headers: {
			'Content-Type': 'application/json',
			...request.headers,
			'X-TC-Version': TENCENT_API_VERSION,
			// n8n's credential adds the region itself, so it may be left empty here.
			...(region ? { 'X-TC-Region': region } : {}),
			'X-TC-Language': 'en-US',
		},
		body: JSON.stringify(request.body ?? {}),
	};
}

/** The request of one action: the operations only name it and give its parameters. */
export function tencentAction(action: string, params: object): ApiRequest {
	return { method: 'POST', path: '/', headers: { 'X-TC-Action': action }, body: params };
}
