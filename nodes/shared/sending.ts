import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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

/** The sending options of an item. `scope` `execution`: one key for every item (sends that join items). */
export function sendingInput(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
	scope: 'item' | 'execution' = 'item',
): { idempotencyKey: string; skipAlreadySent: boolean; onInvalidNumber: 'reject' | 'fail' } {
	const given = String(options.idempotencyKey ?? '').trim();
	const made = scope === 'item' ? `n8n-${ctx.getExecutionId()}-${itemIndex}` : `n8n-${ctx.getExecutionId()}`;
	return {
		idempotencyKey: given || made,
		skipAlreadySent: options.skipAlreadySent === true,
		onInvalidNumber: options.onInvalidNumber === 'fail' ? 'fail' : 'reject',
	};
}

/** How long a request may wait for its answer unless the node says otherwise. */
export const DEFAULT_TIMEOUT_S = 30;

/** Every action node's last field: the request timeout (a send that times out is `unknown`, never sent again). */
export const requestOptionsField: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
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

/** The node's timeout in ms. */
export function timeoutMs(ctx: IExecuteFunctions): number {
	const options = ctx.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	const seconds = Number(options.timeout);
	return (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_TIMEOUT_S) * 1000;
}
