import type { IDataObject } from 'n8n-workflow';
import { fakeContext, type FakeOptions } from './fake';

export interface WebhookContextOptions extends FakeOptions {
	/** The workflow's id; by default one per static data object, as n8n has one static data per workflow. */
	workflowId?: string;
	/** The client address the request came from (express's req.ip). */
	ip?: string;
}

const ids = new WeakMap<IDataObject, string>();

/** fakeContext plus what a webhook trigger reads besides: the workflow it belongs to and the client address. */
export function webhookContext(options: WebhookContextOptions) {
	const ctx = fakeContext(options);
	if (!ids.has(ctx.staticData)) ids.set(ctx.staticData, `wf-${Math.random().toString(36).slice(2)}`);
	const workflowId = options.workflowId ?? ids.get(ctx.staticData)!;
	const request = ctx.webhook.getRequestObject();
	// The hook, poll and webhook contexts of the fake are one object.
	Object.assign(ctx.webhook, {
		getWorkflow: () => ({ id: workflowId, active: true }),
		getRequestObject: () => ({ ...request, ip: options.ip ?? '127.0.0.1' }),
	});
	return ctx;
}
