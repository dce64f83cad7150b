import { sleep } from 'n8n-workflow';
import type { z } from 'zod';
import { runOperation, type Operation } from '../../core/operation';
import { tencentBaseUrl, tencentHttpError, tencentWire } from '../../core/providers/tencent';
import { sendWire, type RequestContext } from '../shared/transport';

export const TENCENT_CREDENTIAL = 'tencentCloudSmsApi';

/** Runs one Tencent Cloud SMS operation from the core through n8n's authenticated request helper. */
export async function runTencent<S extends z.ZodType, O>(ctx: RequestContext, op: Operation<S, O>, input: unknown): Promise<O> {
	const credentials = await ctx.getCredentials(TENCENT_CREDENTIAL);
	const baseUrl = tencentBaseUrl(String(credentials.endpoint), String(credentials.customUrl ?? ''));
	return runOperation(op, input, {
		toError: tencentHttpError,
		sleep,
		// The credential adds the region and the signature.
		send: (request) => sendWire(ctx, TENCENT_CREDENTIAL, tencentWire(baseUrl, '', request)),
	});
}

/** The node's SmsSdkAppId, or the credential's default when the field is empty. */
export async function smsSdkAppId(ctx: RequestContext, value: unknown): Promise<string> {
	const text = String(value ?? '').trim();
	if (text) return text;
	const credentials = await ctx.getCredentials(TENCENT_CREDENTIAL);
	return String(credentials.smsSdkAppId ?? '').trim();
}

export { asItems } from '../shared/items';
