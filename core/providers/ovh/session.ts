import type { ApiRequest, ApiResponse, Transport } from '../../http';
import { parseBody } from '../../http';
import { SmsError } from '../../errors';
import { ovhBaseUrl, ovhWire } from './endpoints';
import { ovhAuthHeaders, ovhTimeDelta, ovhTimestamp, type OvhKeys } from './sign';

export interface OvhCredentials extends OvhKeys {
	endpoint: string;
	customUrl?: string;
}

/**
 * Signs and sends OVHcloud calls over any transport. The server-time delta is fetched once from
 * GET /auth/time (unsigned) before the first signed call, like the official clients (spec §3.8).
 */
export function ovhSession(credentials: OvhCredentials, transport: Transport, now: () => number) {
	const baseUrl = ovhBaseUrl(credentials.endpoint, credentials.customUrl);
	let delta: Promise<number> | undefined;

	async function timeDelta(): Promise<number> {
		const response = await transport({
			method: 'GET',
			url: `${baseUrl}/auth/time`,
			headers: { Accept: 'application/json', 'X-Ovh-Application': credentials.applicationKey },
		});
		const serverTime = parseBody(response.body);
		if (response.status !== 200 || typeof serverTime !== 'number') {
			throw new SmsError({
				provider: 'ovh',
				code: 'TIME_UNAVAILABLE',
				message: `Unable to read the OVHcloud server time from ${baseUrl}/auth/time (HTTP ${response.status}).`,
				hint: 'Check the endpoint or custom base URL of the OVHcloud {account}.',
				retryable: true,
			});
		}
		return ovhTimeDelta(serverTime, now());
	}

	return async function send(request: ApiRequest): Promise<ApiResponse> {
		delta ??= timeDelta().catch((error: unknown) => {
			delta = undefined; // measure again on the next call
			throw error;
		});
		const wire = ovhWire(baseUrl, request);
		const timestamp = ovhTimestamp(now(), await delta);
		Object.assign(wire.headers, ovhAuthHeaders(credentials, wire, timestamp));
		return transport(wire);
	};
}
