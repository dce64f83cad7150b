import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { credentialTest } from '../shared/credentialTest';
import { eventField, pollOnce } from '../shared/trigger';
import { serviceLocator } from './actions/common.descriptions';
import { searchServices } from './methods/listSearch';
import { authenticationField, ovhProvider, ovhTriggers } from './provider';

/** Reads the SMS account on a schedule: nothing is registered on it (core/providers/ovh/poll.ts). */
export class OvhSmsPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OVHcloud SMS Polling Trigger',
		name: 'ovhSmsPollingTrigger',
		icon: { light: 'file:../../icons/ovh.svg', dark: 'file:../../icons/ovh.dark.svg' },
		group: ['trigger'],
		version: [1],
		defaultVersion: 1,
		subtitle: '={{ $parameter["event"] === "incoming" ? "Incoming SMS" : "Delivery report" }}',
		description: 'Starts the workflow when an SMS arrives on an OVHcloud SMS account, or a delivery report, read on a schedule',
		defaults: { name: 'OVHcloud SMS Polling Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'ovhApi',
				required: true,
				testedBy: 'ovhApiTest',
				displayOptions: { show: { authentication: ['applicationKey'] } },
			},
			{ name: 'ovhOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
		],
		polling: true,
		properties: [
			authenticationField,
			eventField,
			{
				displayName:
					'Each poll lists what is new since the last one; delivery reports are emitted once they are final (delivered or failed). Nothing is changed on the account.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			serviceLocator,
		],
	};

	methods = { listSearch: { searchServices }, credentialTest: { ovhApiTest: credentialTest(ovhProvider) } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return pollOnce(this, ovhTriggers);
	}
}
