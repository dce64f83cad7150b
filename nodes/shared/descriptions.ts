import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** An operation as the editor lists it: every one says what it does. */
export interface OperationOption extends INodePropertyOptions {
	action: string;
	description: string;
}

/**
 * The Operation dropdown of one resource. Action names become node names on the canvas, so each says the
 * provider: two providers' "Send an SMS" nodes are told apart.
 */
export function operationField(
	providerName: string,
	resource: string,
	options: OperationOption[],
	defaultValue: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: options.map((o) => ({ ...o, action: `${o.action} with ${providerName}` })),
		default: defaultValue,
	};
}

/** The credential field that lets national numbers (0601020304) through. */
export const defaultCountryField: INodeProperties = {
	displayName: 'Default Country',
	name: 'defaultCountry',
	type: 'string',
	default: '',
	placeholder: 'FR',
	description:
		'Two-letter ISO country code for phone numbers written without a country prefix (e.g. FR for 0601020304); leave empty to accept international numbers only',
};
