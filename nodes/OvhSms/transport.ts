import { sleep } from 'n8n-workflow';
import type { z } from 'zod';
import { runOperation, type Operation } from '../../core/operation';
import { ovhBaseUrl, ovhError, ovhWire } from '../../core/providers/ovh';
import { sendWire, type RequestContext } from '../shared/transport';

/** Application key + consumer key (signed requests), or a service account (OAuth2 client credentials). */
export const OVH_CREDENTIALS = { applicationKey: 'ovhApi', oAuth2: 'ovhOAuth2Api' } as const;

async function credentialOf(ctx: RequestContext): Promise<{ type: string; baseUrl: string }> {
	const authentication = ctx.getNode().parameters.authentication as keyof typeof OVH_CREDENTIALS | undefined;
	const type = OVH_CREDENTIALS[authentication ?? 'applicationKey'] ?? OVH_CREDENTIALS.applicationKey;
	const credentials = await ctx.getCredentials(type);
	const baseUrl =
		type === OVH_CREDENTIALS.oAuth2
			? ovhBaseUrl('custom', String(credentials.baseUrl ?? ''))
			: ovhBaseUrl(String(credentials.endpoint), String(credentials.customUrl ?? ''));
	return { type, baseUrl };
}

/** Runs one OVHcloud operation from the core through n8n's authenticated request helper. */
export async function runOvh<S extends z.ZodType, O>(ctx: RequestContext, op: Operation<S, O>, input: unknown): Promise<O> {
	const { type, baseUrl } = await credentialOf(ctx);
	return runOperation(op, input, {
		toError: ovhError,
		sleep,
		send: (request) => sendWire(ctx, type, ovhWire(baseUrl, request)),
	});
}

/** List routes answer ids; "Get Many" fetches the details of the first `limit` (or all) of them. */
export async function detailsOf<S extends z.ZodType, O>(
	ctx: RequestContext,
	ids: Array<number | string>,
	limit: number | undefined,
	op: Operation<S, O>,
	input: (id: number | string) => unknown,
): Promise<O[]> {
	const chosen = limit === undefined ? ids : ids.slice(0, limit);
	const out: O[] = [];
	for (const id of chosen) out.push(await runOvh(ctx, op, input(id)));
	return out;
}

export { asItems } from '../shared/items';
