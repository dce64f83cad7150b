import { SmsError } from '../../errors';
import type { ApiRequest, WireRequest } from '../../http';
import { popEncode } from './sign';

/** Dysmsapi versions: the main API, and the international one (spec aliyun.md §0.9). */
export const ALIBABA_VERSION = '2017-05-25';
export const ALIBABA_INTL_VERSION = '2018-05-01';

/** Regions users pick (§1, §0.1); the generated SDK's host map, every other region on the shared host. */
export const ALIBABA_REGIONS: Record<string, string> = {
	'cn-hangzhou': 'China (Hangzhou) — dysmsapi.aliyuncs.com',
	'cn-shanghai': 'China (Shanghai)',
	'cn-qingdao': 'China (Qingdao)',
	'cn-beijing': 'China (Beijing)',
	'cn-zhangjiakou': 'China (Zhangjiakou)',
	'cn-huhehaote': 'China (Hohhot)',
	'cn-shenzhen': 'China (Shenzhen)',
	'cn-chengdu': 'China (Chengdu)',
	'cn-hongkong': 'China (Hong Kong)',
	'ap-southeast-1': 'Singapore (international)',
	'ap-southeast-5': 'Indonesia (Jakarta)',
	'eu-central-1': 'Germany (Frankfurt)',
	'us-east-1': 'US (Virginia)',
	custom: 'Custom Base URL (e.g. the SMS Kit sandbox)',
};

const HOSTS: Record<string, string> = {
	'cn-beijing': 'dysmsapi-proxy.cn-beijing.aliyuncs.com',
	'cn-hongkong': 'dysmsapi-xman.cn-hongkong.aliyuncs.com',
	'ap-southeast-1': 'dysmsapi.ap-southeast-1.aliyuncs.com',
	'ap-southeast-5': 'dysmsapi.ap-southeast-5.aliyuncs.com',
	'eu-central-1': 'dysmsapi.eu-central-1.aliyuncs.com',
	'us-east-1': 'dysmsapi.us-east-1.aliyuncs.com',
};

export function alibabaBaseUrl(region: string, customUrl?: string): string {
	if (region === 'custom') {
		if (!customUrl?.trim()) throw invalidEndpoint('The Alibaba Cloud SMS {account} uses a custom endpoint but has no base URL.');
		return customUrl.trim().replace(/\/+$/, '');
	}
	if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw invalidEndpoint(`Unknown Alibaba Cloud region "${region}".`);
	return `https://${HOSTS[region] ?? 'dysmsapi.aliyuncs.com'}`;
}

function invalidEndpoint(message: string): SmsError {
	return new SmsError({
		provider: 'alibaba',
		code: 'INVALID_ENDPOINT',
		message,
		hint: 'Choose a region in the Alibaba Cloud SMS {account}.',
	});
}

/** The parameters of one RPC call: where they travel (§6) and which API version answers them. */
export interface AlibabaCall {
	action: string;
	version?: string;
	query: Record<string, string | undefined>;
	/** Form-body parameters (SendBatchSms' *Json lists). */
	form?: Record<string, string | undefined>;
}

export function alibabaAction(call: AlibabaCall): ApiRequest {
	return {
		method: 'POST',
		path: '/',
		headers: { 'x-acs-action': call.action, 'x-acs-version': call.version ?? ALIBABA_VERSION },
		query: defined(call.query),
		body: call.form ? defined(call.form) : undefined,
	};
}

function defined(params: Record<string, string | undefined>): Record<string, string> {
	return Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
}

/** POP-encoded, sorted: the query is sent exactly as it is signed (§4.2). */
export function canonicalQuery(params: Record<string, unknown> | undefined): string {
	return Object.keys(params ?? {})
		.sort()
		.map((k) => `${popEncode(k)}=${popEncode(String(params![k]))}`)
		.join('&');
}

/** The unsigned wire request: POST /?query, a form body when the action has one. */
export function alibabaWire(baseUrl: string, request: ApiRequest): WireRequest {
	const query = canonicalQuery(request.query as Record<string, unknown>);
	const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
	const form = request.body as Record<string, string> | undefined;
	const wire: WireRequest = { method: request.method, url: `${baseUrl}/${query ? `?${query}` : ''}`, headers };
	if (form && Object.keys(form).length) {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		wire.body = canonicalQuery(form);
	}
	return wire;
}
