import type { ApiRequest, ApiResponse, Transport } from '../../http';
import { tencentBaseUrl, tencentWire } from './endpoints';
import { tencentAuthHeaders } from './sign';

export interface TencentCredentials {
	secretId: string;
	secretKey: string;
	region: string;
	endpoint: string;
	customUrl?: string;
}

/** Signs and sends Tencent calls over any transport; every call is signed with the current clock. */
export function tencentSession(credentials: TencentCredentials, transport: Transport, now: () => number) {
	const baseUrl = tencentBaseUrl(credentials.endpoint, credentials.customUrl);
	return async function send(request: ApiRequest): Promise<ApiResponse> {
		const wire = tencentWire(baseUrl, credentials.region, request);
		Object.assign(wire.headers, tencentAuthHeaders(credentials, wire, Math.floor(now() / 1000)));
		return transport(wire);
	};
}
