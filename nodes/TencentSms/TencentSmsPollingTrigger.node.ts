import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { credentialTest } from '../shared/credentialTest';
import { eventField, pollOnce } from '../shared/trigger';
import { tencentProvider, tencentTriggers } from './provider';

/** Pulls the queues Tencent keeps when push callbacks are off (core/providers/tencent/poll.ts). */
export class TencentSmsPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tencent Cloud SMS Polling Trigger',
		name: 'tencentSmsPollingTrigger',
		icon: { light: 'file:../../icons/tencent.svg', dark: 'file:../../icons/tencent.dark.svg' },
		group: ['trigger'],
		version: [1],
		defaultVersion: 1,
		subtitle: '={{ $parameter["event"] === "incoming" ? "Incoming SMS" : "Delivery report" }}',
		description: 'Starts the workflow when a reply or a delivery receipt waits in Tencent Cloud SMS, read on a schedule',
		defaults: { name: 'Tencent Cloud SMS Polling Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tencentCloudSmsApi', required: true, testedBy: 'tencentCloudSmsApiTest' }],
		polling: true,
		properties: [
			eventField,
			{
				displayName:
					'Tencent keeps replies and receipts in a queue only while push callbacks are off in its console; each is handed out once.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'SmsSdkAppId',
				name: 'smsSdkAppId',
				type: 'string',
				default: '',
				placeholder: '1400000000',
				description: "The SMS application to read; leave empty to use the credential's default",
			},
		],
	};

	methods = { credentialTest: { tencentCloudSmsApiTest: credentialTest(tencentProvider) } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return pollOnce(this, tencentTriggers);
	}
}
