import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
	type IPollFunctions,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';
import { inEditorWords, SmsError } from '../../core/errors';
import { lowerCaseHeaders, parseBody } from '../../core/http';
import { internalError } from '../../core/operation';
import { runAction, type RunDeps } from '../../core/run';
import { ACCOUNT_WORD, type N8nProvider } from './provider';

export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions | IWebhookFunctions;

/** One operation of an action node: its own fields, and how they become the action's input. */
export interface N8nOperation {
	description: INodeProperties[];
	input(this: IExecuteFunctions, itemIndex: number, credentials: ICredentialDataDecryptedObject): Record<string, unknown>;
	/** For lists paged by offset/limit: the largest page; Return All reads pages until a short one. */
	pageSize?: number;
}

/** The node's operations, keyed `resource.operation` like the module's actions. */
export type N8nOperations = Record<string, N8nOperation>;

export function credentialType(ctx: RequestContext, provider: N8nProvider): string {
	const types = Object.values(provider.credentials);
	const chosen = ctx.getNode().parameters.authentication as string | undefined;
	return (chosen && provider.credentials[chosen]) || types[0];
}

/**
 * What the core needs to run actions from n8n, for one execution: requests go out through n8n's helper with
 * the credential signing them in `authenticate` (HTTP errors come back as responses, for the core to read the
 * provider's error body); anything the helper throws is a transport failure, which the core classifies.
 */
export async function connect(
	ctx: RequestContext,
	provider: N8nProvider,
): Promise<RunDeps & { credentials: ICredentialDataDecryptedObject }> {
	const type = credentialType(ctx, provider);
	const credentials = await ctx.getCredentials(type);
	const baseUrl = provider.baseUrl(type, credentials);
	return {
		credentials,
		async send(request) {
			const wire = provider.module.connection.wire(baseUrl, request);
			const options: IHttpRequestOptions = {
				method: wire.method,
				url: wire.url,
				headers: wire.headers,
				body: wire.body,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			};
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, type, options)) as IN8nHttpFullResponse;
			return { status: response.statusCode, headers: lowerCaseHeaders(response.headers), body: parseBody(response.body) };
		},
		sleep,
		now: Date.now,
		cache: new Map(),
		defaultCountry: String(credentials.defaultCountry ?? '').trim() || undefined,
		secrets: provider.module.connection.secrets(credentials),
	};
}

/** Any failure as the core's SmsError, in n8n's words. */
export function asSmsError(provider: N8nProvider, error: unknown): SmsError {
	return inEditorWords(error instanceof SmsError ? error : internalError(provider.module.id, error), ACCOUNT_WORD);
}

/** At the edge: what the provider answered is an API error, the rest (input, network, bugs) operation errors. */
export function toNodeError(
	node: INode,
	provider: N8nProvider,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const sms = asSmsError(provider, error);
	if (sms.httpStatus === undefined) {
		return new NodeOperationError(node, sms.describe(), { itemIndex, description: sms.hint });
	}
	return new NodeApiError(node, sms.toJSON() as unknown as JsonObject, {
		itemIndex,
		message: sms.describe(),
		description: sms.hint,
		httpCode: String(sms.httpStatus),
	});
}

/** The item a failed input gives under "continue on fail". */
export function errorItem(provider: N8nProvider, error: unknown): IDataObject {
	const sms = asSmsError(provider, error);
	return {
		error: sms.describe(),
		code: sms.code,
		kind: sms.kind,
		hint: sms.hint ?? null,
		provider: sms.provider,
		httpStatus: sms.httpStatus ?? null,
		requestId: sms.requestId ?? null,
	};
}

/**
 * The one run path of every action node: for each input item, its parameters become the action's input, the
 * module runs it, and every result is paired to the item. A failing item stops the node with an error naming
 * it, or (continue on fail) becomes an error item while the others go on.
 */
export async function runNode(
	this: IExecuteFunctions,
	provider: N8nProvider,
	operations: N8nOperations,
): Promise<INodeExecutionData[][]> {
	const output: INodeExecutionData[] = [];
	const items = this.getInputData();
	let deps: Awaited<ReturnType<typeof connect>> | undefined;
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			deps ??= await connect(this, provider);
			const name = `${this.getNodeParameter('resource', itemIndex)}.${this.getNodeParameter('operation', itemIndex)}`;
			const operation = operations[name];
			// An operation n8n does not know is still asked of the module, which answers UNKNOWN_OPERATION.
			const input = operation ? operation.input.call(this, itemIndex, deps.credentials) : {};
			const results = await run(this, provider, name, input, deps, itemIndex, operation?.pageSize);
			for (const json of results) output.push({ json: json as IDataObject, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(this.getNode(), provider, error, itemIndex);
			output.push({ json: errorItem(provider, error), pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}

async function run(
	ctx: IExecuteFunctions,
	provider: N8nProvider,
	name: string,
	input: Record<string, unknown>,
	deps: RunDeps,
	itemIndex: number,
	pageSize: number | undefined,
): Promise<object[]> {
	if (!pageSize) return runAction(provider.module, name, input, deps);
	if (!ctx.getNodeParameter('returnAll', itemIndex, false)) {
		return runAction(provider.module, name, { ...input, limit: ctx.getNodeParameter('limit', itemIndex, 50) }, deps);
	}
	const all: object[] = [];
	for (let offset = 0; ; offset += pageSize) {
		const page = await runAction(provider.module, name, { ...input, offset, limit: pageSize }, deps);
		all.push(...page);
		if (page.length < pageSize) return all;
	}
}
