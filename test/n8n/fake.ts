import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { OvhApi } from '../../credentials/OvhApi.credentials';
import { SmsMobileApi } from '../../credentials/SmsMobileApi.credentials';
import { SmsMobileApiOAuth2Api } from '../../credentials/SmsMobileApiOAuth2Api.credentials';
import { TencentCloudSmsApi } from '../../credentials/TencentCloudSmsApi.credentials';

/**
 * A small stand-in for n8n's node contexts, enough to run our nodes without n8n: parameters per item,
 * static data, and an httpRequestWithAuthentication that does what n8n does with our credential classes —
 * `preAuthentication` for an expirable field left empty, then `authenticate` — and sends with fetch.
 */
const CREDENTIAL_TYPES: Record<string, ICredentialType> = {
	ovhApi: new OvhApi(),
	tencentCloudSmsApi: new TencentCloudSmsApi(),
	smsMobileApi: new SmsMobileApi(),
	smsMobileApiOAuth2Api: new SmsMobileApiOAuth2Api(),
};

/** What n8n's helper throws for an HTTP error (a NodeApiError whose cause has the status, headers and body). */
class FakeHttpError extends Error {
	constructor(override readonly cause: { statusCode: number; response: { headers: Record<string, string> }; error: unknown }) {
		super(`${cause.statusCode} - ${JSON.stringify(cause.error)}`);
	}
}

export type Parameters = Record<string, unknown>;

export interface FakeOptions {
	/** Node parameters; a function gives each item its own (as expressions would). */
	parameters: Parameters | ((itemIndex: number) => Parameters);
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	items?: IDataObject[];
	continueOnFail?: boolean;
	mode?: 'manual' | 'trigger' | 'webhook';
	staticData?: IDataObject;
	webhookUrl?: string;
	request?: { method: string; query?: IDataObject; body?: unknown; headers?: Record<string, string>; rawBody?: Buffer };
}

export interface FakeResponse {
	status?: number;
	headers: Record<string, string>;
	body?: unknown;
}

/** Every request the fake sent, to check what went out. */
export interface Sent {
	method: string;
	url: string;
	body?: string;
}

function value(raw: unknown, extract: boolean): unknown {
	if (extract && raw && typeof raw === 'object' && '__rl' in raw) return (raw as unknown as { value: unknown }).value;
	return raw;
}

export function fakeContext(options: FakeOptions) {
	const paramsOf = (itemIndex: number) =>
		typeof options.parameters === 'function' ? options.parameters(itemIndex) : options.parameters;
	const staticData = options.staticData ?? {};
	const credentials: Record<string, ICredentialDataDecryptedObject> = { ...options.credentials };
	const response: FakeResponse = { headers: {} };
	const sent: Sent[] = [];
	const node = {
		id: 'sms',
		name: 'SMS',
		type: 'test',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: rawParameters(),
	};

	/**
	 * The node's parameters as n8n holds them: a value that differs between items can only come from an
	 * expression there, so it reads as one (the run path reads the others once for all items).
	 */
	function rawParameters(): Record<string, unknown> {
		const first = paramsOf(0);
		if (typeof options.parameters !== 'function') return first;
		const count = Math.max(options.items?.length ?? 1, 1);
		const perItem = Array.from({ length: count }, (_, i) => paramsOf(i));
		return Object.fromEntries(
			Object.entries(first).map(([name, v]) => [
				name,
				perItem.some((p) => JSON.stringify(p[name]) !== JSON.stringify(v)) ? `={{ item ${name} }}` : v,
			]),
		);
	}

	function param(name: string, itemIndex: number, fallback?: unknown, opts?: { extractValue?: boolean }) {
		const params = paramsOf(itemIndex);
		return name in params ? value(params[name], Boolean(opts?.extractValue)) : fallback;
	}

	async function send(request: IHttpRequestOptions) {
		const init = {
			method: request.method ?? 'GET',
			headers: request.headers as Record<string, string>,
			body: request.body as string,
		};
		sent.push({ method: init.method, url: request.url, body: init.body });
		const res = await fetch(request.url, init);
		const headers: Record<string, string> = {};
		res.headers.forEach((v, k) => (headers[k] = v));
		const text = await res.text();
		return { statusCode: res.status, headers, body: text };
	}

	/**
	 * What n8n does for a credential that extends oAuth2Api with the client-credentials grant: a token from
	 * the Access Token URL when none is stored, `Authorization: Bearer`, and a new token only when the request
	 * throws 401 — which it does not with ignoreHttpStatusErrors.
	 */
	async function oAuth2Request(type: string, request: IHttpRequestOptions) {
		const data = credentials[type];
		const fetchToken = async () => {
			const form = new URLSearchParams({ grant_type: 'client_credentials' });
			form.set('client_id', String(data.clientId));
			form.set('client_secret', String(data.clientSecret));
			const res = await fetch(String(data.accessTokenUrl), {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: form.toString(),
			});
			if (res.status !== 200) throw new Error(`Token request failed: HTTP ${res.status}`);
			data.oauthTokenData = (await res.json()) as IDataObject;
		};
		if (!(data.oauthTokenData as IDataObject | undefined)?.access_token) await fetchToken();
		const signed = () => ({
			...request,
			headers: { ...request.headers, Authorization: `Bearer ${String((data.oauthTokenData as IDataObject).access_token)}` },
		});
		const fail = (res: { statusCode: number; headers: Record<string, string>; body: string }) =>
			new FakeHttpError({ statusCode: res.statusCode, response: { headers: res.headers }, error: res.body });
		let res = await send(signed());
		if (res.statusCode >= 400 && !request.ignoreHttpStatusErrors) {
			if (res.statusCode !== 401) throw fail(res);
			await fetchToken();
			res = await send(signed());
			if (res.statusCode >= 400) throw fail(res);
		}
		return request.returnFullResponse ? res : res.body;
	}

	const helpers = {
		async httpRequestWithAuthentication(type: string, request: IHttpRequestOptions) {
			const credentialType = CREDENTIAL_TYPES[type] as ICredentialType & {
				preAuthentication?: (this: unknown, c: ICredentialDataDecryptedObject) => Promise<IDataObject>;
				authenticate: (c: ICredentialDataDecryptedObject, r: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
			};
			if (!credentialType) throw new Error(`The fake has no credential type ${type}`);
			if (credentialType.extends?.includes('oAuth2Api')) return oAuth2Request(type, request);
			let data = credentials[type];
			const expirable = credentialType.properties.find((p) => p.typeOptions?.expirable);
			if (credentialType.preAuthentication && expirable && !data[expirable.name]) {
				const httpRequest = async (r: IHttpRequestOptions) => JSON.parse(String((await send(r)).body)) as unknown;
				data = {
					...data,
					...(await credentialType.preAuthentication.call({ helpers: { httpRequest } }, data)),
				} as ICredentialDataDecryptedObject;
				credentials[type] = data;
			}
			const signed = await credentialType.authenticate(data, request);
			const res = await send(signed);
			if (res.statusCode >= 400 && !request.ignoreHttpStatusErrors) throw new Error(`HTTP ${res.statusCode}`);
			return request.returnFullResponse ? res : res.body;
		},
	};

	const common = {
		helpers,
		getNode: () => node,
		getMode: () => options.mode ?? 'trigger',
		getWorkflowStaticData: () => staticData,
		async getCredentials(type: string) {
			if (!credentials[type]) throw new Error(`No credential of type ${type}`);
			return credentials[type];
		},
	};

	const execute = {
		...common,
		getInputData: () => (options.items ?? [{}]).map((json) => ({ json })),
		getNodeParameter: param,
		continueOnFail: () => options.continueOnFail ?? false,
		getExecutionId: () => 'test-execution',
	} as unknown as IExecuteFunctions;

	// Triggers, hooks and webhooks read parameters without an item index.
	const single = {
		...common,
		getNodeParameter: (name: string, fallback?: unknown, opts?: { extractValue?: boolean }) => param(name, 0, fallback, opts),
		getNodeWebhookUrl: () => options.webhookUrl,
		getRequestObject: () => ({ method: options.request?.method ?? 'POST', rawBody: options.request?.rawBody }),
		getHeaderData: () => options.request?.headers ?? {},
		getQueryData: () => options.request?.query ?? {},
		getBodyData: () => options.request?.body ?? {},
		getResponseObject: () => ({
			setHeader(name: string, v: string) {
				response.headers[name.toLowerCase()] = v;
				return this;
			},
			status(code: number) {
				response.status = code;
				return this;
			},
			send(body: unknown) {
				response.body = body;
				return this;
			},
		}),
	};

	return {
		execute,
		poll: single as unknown as IPollFunctions,
		hook: single as unknown as IHookFunctions,
		webhook: single as unknown as IWebhookFunctions,
		staticData,
		response,
		sent,
	};
}
