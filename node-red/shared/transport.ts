import axios from 'axios';
import { lowerCaseHeaders, parseBody, type Transport } from '../../core';

/** The account node's default; a send that times out is reported unknown, never sent again. */
export const DEFAULT_TIMEOUT_S = 30;

/**
 * The only place Node-RED requests leave: axios sends the signed bytes exactly as the core built them
 * (no re-serialisation, no redirects to a URL the signature was not made for) and every HTTP status is
 * handed back to the core, which owns the error mapping. Its Node http adapter is the only one bundled, without
 * form-data or follow-redirects (gulpfile.js, leanAxios): bodies are strings and `maxRedirects` stays 0.
 */
export function axiosTransport(timeoutMs = DEFAULT_TIMEOUT_S * 1000): Transport {
	return async (wire) => {
		const response = await axios.request<string>({
			adapter: 'http',
			method: wire.method,
			url: wire.url,
			headers: wire.headers,
			data: wire.body,
			transformRequest: [(data: unknown) => data],
			transformResponse: [(data: unknown) => data],
			responseType: 'text',
			validateStatus: () => true,
			maxRedirects: 0,
			timeout: timeoutMs,
		});
		return {
			status: response.status,
			headers: lowerCaseHeaders(response.headers as Record<string, unknown>),
			body: parseBody(response.data),
		};
	};
}
