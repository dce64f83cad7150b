import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { joinDigest, joinKey, joinSends, paceFrom, splitResults, type Pace } from '../../core/bulk';
import type { N8nOperation } from './run';

/**
 * The options every send operation has, for the never-twice rule (core/send.ts): the Idempotency Key the
 * provider echoes back, whether to ask it first which recipients already got it, and what an invalid number
 * does.
 */
export const idempotencyOptions: INodeProperties[] = [
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		placeholder: '={{ $json.orderId }}',
		description:
			'Marks what this send sends, so a re-run can tell what already went: travels as the OVHcloud tag, the Tencent SessionContext or the Alibaba OutId (SMSMobileAPI has none: the text is matched). Empty: one made from this execution and item. Use a stable value such as an order ID to be safe across re-runs.',
	},
	{
		displayName: 'Skip Recipients Already Sent',
		name: 'skipAlreadySent',
		type: 'boolean',
		default: false,
		description:
			'Whether to ask the provider first which recipients already received a message with this Idempotency Key, and output them as already_sent instead of sending again (one lookup per recipient on some providers)',
	},
];

export const invalidNumberOption: INodeProperties = {
	displayName: 'On Invalid Number',
	name: 'onInvalidNumber',
	type: 'options',
	default: 'reject',
	options: [
		{
			name: 'Reject the Number',
			value: 'reject',
			description: 'The invalid number is a rejected result (INVALID_PHONE_NUMBER) and the others are sent',
		},
		{ name: 'Fail the Item', value: 'fail', description: 'Nothing of the item is sent' },
	],
};

/**
 * The sending options of an item. Without a key of the user's, runNode makes one (`defaultKey`) once the whole
 * input is known.
 */
export function sendingInput(
	_ctx: IExecuteFunctions,
	_itemIndex: number,
	options: IDataObject,
): {
	idempotencyKey: string | undefined;
	skipAlreadySent: boolean;
	onInvalidNumber: 'reject' | 'fail';
	batchAcrossItems: boolean;
} {
	return {
		idempotencyKey: String(options.idempotencyKey ?? '').trim() || undefined,
		skipAlreadySent: options.skipAlreadySent === true,
		onInvalidNumber: options.onInvalidNumber === 'fail' ? 'fail' : 'reject',
		batchAcrossItems: options.batchAcrossItems !== false,
	};
}

/**
 * The key of a send the user gave none: this execution and what is sent (every field but the recipients), so
 * items sending the same message share it and can be joined, and the same message is never sent twice to a
 * number by a re-run of this execution. A send that cannot join items keys on the item.
 */
export function defaultKey(
	ctx: IExecuteFunctions,
	itemIndex: number,
	input: Record<string, unknown>,
	recipientsField?: string,
): string {
	if (!recipientsField) return `n8n-${ctx.getExecutionId()}-${itemIndex}`;
	return `n8n-${ctx.getExecutionId()}-${joinDigest(input, recipientsField)}`;
}

/** Items whose sends are equal but for their recipients go in shared requests; each gets its own results back. */
export function sendAcrossItems(recipientsField: string): NonNullable<N8nOperation['acrossItems']> {
	// What combine worked out, for split to use again (10,000 items' recipients are not read twice).
	const joined = new WeakMap<object, ReturnType<typeof joinSends>>();
	const join = (inputs: Array<Record<string, unknown>>) => {
		let result = joined.get(inputs);
		if (!result) joined.set(inputs, (result = joinSends(inputs, recipientsField)));
		return result;
	};
	return {
		recipientsField,
		key: (input) => joinKey(input, recipientsField),
		combine: (inputs) => join(inputs).input,
		split: (results, inputs) => splitResults(results, join(inputs).counts),
	};
}

export const batchOption: INodeProperties = {
	displayName: 'Batch Across Items',
	name: 'batchAcrossItems',
	type: 'boolean',
	default: true,
	description:
		"Whether items whose sends are equal but for their recipients go in shared requests at the provider's batch size (one result per recipient, paired to its item, either way)",
};

/** How long a request may wait for its answer unless the node says otherwise. */
export const DEFAULT_TIMEOUT_S = 30;

/**
 * Every action node's last field: the timeout (a send that times out is `unknown`, never sent again) and the
 * pace, whose defaults (0) are the provider's (n8n wants literal defaults).
 */
export const requestOptionsField: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Requests per Second',
			name: 'perSecond',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				"How many requests may start per second; 0: the provider's default, under its documented limit (OVHcloud 50, Tencent 200, Alibaba 100, SMSMobileAPI 5). A throttling answer slows every request down for as long as it asks. Counted per run of this node: in queue mode, executions running at once on several workers each get this rate.",
		},
		{
			displayName: 'Requests in Parallel',
			name: 'parallel',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: "How many requests may be in flight at once; 0: the provider's default (4; SMSMobileAPI 2)",
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TIMEOUT_S,
			description:
				'How long to wait for the provider to answer. A send that gets no answer in time may still have been accepted, so it is reported as unknown and not sent again.',
		},
	],
};

/** The node's pace: its Request Options, else (0, or unset) the provider's default. */
export function paceOf(ctx: IExecuteFunctions, pace: Pace): Pace {
	const options = ctx.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	return paceFrom(options, pace);
}

/** The node's timeout in ms. */
export function timeoutMs(ctx: IExecuteFunctions): number {
	const options = ctx.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	const seconds = Number(options.timeout);
	return (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_TIMEOUT_S) * 1000;
}
