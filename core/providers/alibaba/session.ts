import { randomBytes } from 'node:crypto';
import type { ApiRequest, ApiResponse, Transport } from '../../http';
import { alibabaBaseUrl, alibabaWire } from './endpoints';
import { acs3Headers, type AlibabaKeys } from './sign';

export interface AlibabaCredentials extends AlibabaKeys {
	/** A region id, or "custom". */
	endpoint: string;
	customUrl?: string;
}

const NONCE_BYTES = 32;
const POOL_BYTES = NONCE_BYTES * 128;
let pool = Buffer.alloc(0);
let used = 0;

/**
 * A fresh nonce per request, as the SDK makes (64 hex characters); the gateway refuses one used twice. The random
 * bytes are drawn 128 nonces at a time (one call into the CSPRNG instead of one per request), each used once.
 */
export function alibabaNonce(): string {
	if (used + NONCE_BYTES > pool.length) {
		pool = randomBytes(POOL_BYTES);
		used = 0;
	}
	const nonce = pool.toString('hex', used, used + NONCE_BYTES);
	used += NONCE_BYTES;
	return nonce;
}

/** Signs (ACS3-HMAC-SHA256) and sends Dysmsapi calls over any transport, with the current clock. */
export function alibabaSession(credentials: AlibabaCredentials, transport: Transport, now: () => number) {
	const baseUrl = alibabaBaseUrl(credentials.endpoint, credentials.customUrl);
	return async function send(request: ApiRequest): Promise<ApiResponse> {
		const wire = alibabaWire(baseUrl, request);
		Object.assign(wire.headers, acs3Headers(credentials, wire, now(), alibabaNonce()));
		return transport(wire);
	};
}
