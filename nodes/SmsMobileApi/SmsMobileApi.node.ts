import { NodeConnectionTypes, type IExecuteFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { credentialTest } from '../shared/credentialTest';
import * as device from './actions/device';
import * as message from './actions/message';
import * as received from './actions/received';
import { router } from './actions/router';
import * as sentLog from './actions/sentLog';
import * as whatsapp from './actions/whatsapp';
import { searchDevices } from './methods/listSearch';
import { authenticationField, smsMobileApiProvider } from './provider';
import { requestOptionsField } from '../shared/sending';

/** SMS and WhatsApp through your own phone running the SMSMobileAPI app (core/providers/smsmobileapi). */
export class SmsMobileApi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SMSMobileAPI',
		name: 'smsMobileApi',
		icon: { light: 'file:../../icons/smsmobileapi.svg', dark: 'file:../../icons/smsmobileapi.dark.svg' },
		group: ['output'],
		// A list from the start: later versions are added without breaking saved workflows.
		version: [1],
		defaultVersion: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send SMS and WhatsApp messages through your phone, and read what it sent and received, with SMSMobileAPI',
		defaults: { name: 'SMSMobileAPI' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'smsMobileApi',
				required: true,
				testedBy: 'smsMobileApiTest',
				displayOptions: { show: { authentication: ['apiKey'] } },
			},
			{
				name: 'smsMobileApiOAuth2Api',
				required: true,
				testedBy: 'smsMobileApiTest',
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
		],
		properties: [
			authenticationField,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Device', value: 'device', description: 'Phones connected to the account' },
					{ name: 'Message', value: 'message' },
					{ name: 'Received', value: 'received', description: 'SMS received on the phone' },
					{ name: 'Sent Log', value: 'sentLog', description: 'Messages sent and their status' },
					{ name: 'WhatsApp', value: 'whatsapp' },
				],
				default: 'message',
			},
			...message.description,
			...sentLog.description,
			...received.description,
			...device.description,
			...whatsapp.description,
			requestOptionsField,
		],
	};

	methods = { listSearch: { searchDevices }, credentialTest: { smsMobileApiTest: credentialTest(smsMobileApiProvider) } };

	async execute(this: IExecuteFunctions) {
		return router.call(this);
	}
}
