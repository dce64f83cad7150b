import type { NodeAPI } from 'node-red';
import { ovh, providerModule, runOperation, SmsError, type ApiRequest, type Transport } from '../../../core';
import { findAccount, openAccount } from '../../shared/account';
import { asSmsError } from '../../shared/errors';
import { nodeTransport } from '../../shared/transport';
import type { OvhConfigCredentials } from './account';

const ovhModule = providerModule('ovh');

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
	/** What to do next, in Node-RED words (the validation URL, then the account node). */
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
	transport: Transport = nodeTransport(),
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
		nextSteps: nextSteps(result.validationUrl),
		service: service ?? '',
	};
}

/** What to do with a new consumer key, in the account dialog's words (n8n's are in the core). */
export function nextSteps(validationUrl: string): string {
	return (
		`Open ${validationUrl} and log in with the OVHcloud account that owns the SMS service(s); choose a validity and approve. ` +
		'Then click Update (or Add) in this account node and deploy. Until the key is validated, calls fail with INVALID_CREDENTIAL.'
	);
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
		const baseUrl = openAccount(ovhModule, {
			endpoint: text(body.endpoint) || 'ovh-eu',
			customUrl: text(body.customUrl),
		}).baseUrl;
		let applicationKey = text(body.applicationKey);
		if (!applicationKey && id) {
			const deployed = findAccount(RED, id);
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
			(caught: unknown) => refuse(asSmsError(caught, ovhModule)),
		);
	});
}
