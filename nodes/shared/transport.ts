import type {
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';
import { lowerCaseHeaders, parseBody, type ApiResponse, type WireRequest } from '../../core/http';

export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions;

/**
 * The only place n8n requests leave: the credential type signs them in its `authenticate`.
 * HTTP errors come back as responses so the core can read the provider's own error body.
 */
export async function sendWire(ctx: RequestContext, credentialType: string, wire: WireRequest): Promise<ApiResponse> {
	const options: IHttpRequestOptions = {
		method: wire.method,
		url: wire.url,
		headers: wire.headers,
		body: wire.body,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, options)) as IN8nHttpFullResponse;
	return { status: response.statusCode, headers: lowerCaseHeaders(response.headers), body: parseBody(response.body) };
}
