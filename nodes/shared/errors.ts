import { NodeApiError, NodeOperationError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';
import { SmsError, type ProviderId } from '../../core/errors';
import { transportError } from '../../core/operation';

/** Maps the core's SmsError to n8n's errors at the edge: provider answers are API errors, local checks operation errors. */
export function toNodeError(
	node: INode,
	provider: ProviderId,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const sms = error instanceof SmsError ? error : transportError(provider, error);
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

/** The item a failed input produces under "continue on fail": the error, its code and the request id. */
export function errorItem(provider: ProviderId, error: unknown): IDataObject {
	const sms = error instanceof SmsError ? error : undefined;
	return {
		error: sms ? sms.describe() : error instanceof Error ? error.message : String(error),
		code: sms?.code ?? null,
		provider,
		httpStatus: sms?.httpStatus ?? null,
		requestId: sms?.requestId ?? null,
	};
}
