import type { NodeAPI } from 'node-red';
import { ovh, runOperation, SmsError, type ApiRequest, type Transport } from '../../../core';
import { asSmsError } from '../../shared/errors';
import { axiosTransport } from '../../shared/transport';
import { accountBaseUrl, type OvhConfigCredentials, type OvhConfigNode } from './ovh-sms-config';

export interface ConsumerKeyRequest {
	/** The account node, when it is deployed: its stored application key is used if none is typed. */
	id?: string;
	endpoint?: string;
	customUrl?: string;
	applicationKey?: string;
	/** Limit the key to one SMS account; empty: every SMS account of the customer. */
	service?: string;
	redirection?: string;
}

export interface ConsumerKeyAnswer {
	consumerKey: string;
	validationUrl: string;
	state: string;
	/** What to do next, in plain English (the validation URL, then the account node). */
	nextSteps: string;
	/** The SMS account the key is limited to, or '' for every one. */
	service: string;
}

/**
 * Asks OVHcloud for a consumer key with the access rules SMS Kit needs (POST /auth/credential). The call is
 * not signed: only the application key goes with it, in X-Ovh-Application.
 */
export async function requestConsumerKey(
	baseUrl: string,
	applicationKey: string,
	input: { service?: string; redirection?: string },
	transport: Transport = axiosTransport(),
): Promise<ConsumerKeyAnswer> {
	const send = (request: ApiRequest) => {
		const wire = ovh.ovhWire(baseUrl, request);
		wire.headers['X-Ovh-Application'] = applicationKey;
		return transport(wire);
	};
	const service = input.service?.trim() || undefined;
	const result = await runOperation(
		ovh.createConsumerKey,
		{ service, redirection: input.redirection?.trim() || undefined },
		{ send, toError: ovh.ovhError, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
	);
	return {
		consumerKey: result.consumerKey,
		validationUrl: result.validationUrl,
		state: result.state,
		nextSteps: ovh.consumerKeyNextSteps(result.validationUrl),
		service: service ?? '',
	};
}

/**
 * The account dialog's "Get a consumer key" button: POST with the endpoint (or custom URL), the application
 * key typed in the dialog — or, left empty, the deployed account's, but only towards the base URL it was
 * deployed with — and the scope. Answers the key and its validation URL, or 400 { code, error, hint }.
 */
export function registerOvhConsumerKeyRoute(RED: NodeAPI): void {
	RED.httpAdmin.post('/smskit/ovh/consumer-key', RED.auth.needsPermission('ovh-sms-config.write'), (req, res) => {
		const body = (req.body ?? {}) as ConsumerKeyRequest;
		const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
		const id = text(body.id);
		const baseUrl = accountBaseUrl({ endpoint: text(body.endpoint) || 'ovh-eu', customUrl: text(body.customUrl) });
		let applicationKey = text(body.applicationKey);
		if (!applicationKey && id) {
			const deployed = RED.nodes.getNode(id) as OvhConfigNode | null;
			const stored = RED.nodes.getCredentials(id) as OvhConfigCredentials | undefined;
			if (deployed?.baseUrl && deployed.baseUrl === baseUrl) applicationKey = stored?.applicationKey ?? '';
		}
		const refuse = (error: SmsError) => res.status(400).json({ code: error.code, error: error.describe(), hint: error.hint });
		if (!baseUrl) {
			refuse(
				new SmsError({
					provider: 'ovh',
					code: 'INVALID_ENDPOINT',
					message: 'Choose an endpoint, or type the custom base URL.',
				}),
			);
			return;
		}
		if (!applicationKey) {
			refuse(
				new SmsError({
					provider: 'ovh',
					code: 'MISSING_APPLICATION_KEY',
					message: 'Type the application key first: the consumer key is made for it.',
					hint: 'Create an application at https://eu.api.ovh.com/createApp/ (or your endpoint’s) to get the application key and secret.',
				}),
			);
			return;
		}
		requestConsumerKey(baseUrl, applicationKey, { service: text(body.service), redirection: text(body.redirection) }).then(
			(answer) => res.json(answer),
			(caught: unknown) => refuse(asSmsError(caught, 'ovh')),
		);
	});
}
