import { randomBytes } from 'node:crypto';
import type { ApiRequest, ApiResponse, Transport } from '../../http';
import { alibabaBaseUrl, alibabaWire } from './endpoints';
import { acs3Headers, type AlibabaKeys } from './sign';

export interface AlibabaCredentials extends AlibabaKeys {
	/** A region id, or "custom". */
	endpoint: string;
	customUrl?: string;
}

/** A fresh nonce per request, as the SDK makes (64 hex characters); the gateway refuses one used twice. */
export const alibabaNonce = () => randomBytes(32).toString('hex');

/** Signs (ACS3-HMAC-SHA256) and sends Dysmsapi calls over any transport, with the current clock. */
export function alibabaSession(credentials: AlibabaCredentials, transport: Transport, now: () => number) {
	const baseUrl = alibabaBaseUrl(credentials.endpoint, credentials.customUrl);
	return async function send(request: ApiRequest): Promise<ApiResponse> {
		const wire = alibabaWire(baseUrl, request);
		Object.assign(wire.headers, acs3Headers(credentials, wire, now(), alibabaNonce()));
		return transport(wire);
	};
}
