import { sleep } from 'n8n-workflow';
import type { z } from 'zod';
import { runOperation, type Operation } from '../../core/operation';
import { ovhBaseUrl, ovhError, ovhWire } from '../../core/providers/ovh';
import { sendWire, type RequestContext } from '../shared/transport';

export const OVH_CREDENTIAL = 'ovhApi';

/** Runs one OVHcloud operation from the core through n8n's authenticated request helper. */
export async function runOvh<S extends z.ZodType, O>(ctx: RequestContext, op: Operation<S, O>, input: unknown): Promise<O> {
	const credentials = await ctx.getCredentials(OVH_CREDENTIAL);
	const baseUrl = ovhBaseUrl(String(credentials.endpoint), String(credentials.customUrl ?? ''));
	return runOperation(op, input, {
		toError: ovhError,
		sleep,
		send: (request) => sendWire(ctx, OVH_CREDENTIAL, ovhWire(baseUrl, request)),
	});
}
