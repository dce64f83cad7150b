import {
	NodeConnectionTypes,
	NodeOperationError,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { SmsError } from '../../core/errors';
import {
	parseTencentReplyCallback,
	parseTencentStatusCallback,
	pullReplies,
	pullSendStatus,
	TENCENT_CALLBACK_ANSWER,
	tencentReplyItem,
	tencentReportItem,
} from '../../core/providers/tencent';
import { freshItems } from '../shared/dedupe';
import { toExecutionData } from '../shared/items';
import { runTencent, smsSdkAppId } from './transport';

type Event = 'reply' | 'status';

/** Tencent has no API to register callback URLs: the user pastes the URL in the console, so these do nothing. */
const consoleManagedWebhook = {
	async checkExists(): Promise<boolean> {
		return true;
	},
	async create(): Promise<boolean> {
		return true;
	},
	async delete(): Promise<boolean> {
		return true;
	},
};

export class TencentSmsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tencent Cloud SMS Trigger',
		name: 'tencentSmsTrigger',
		icon: { light: 'file:../../icons/tencent.svg', dark: 'file:../../icons/tencent.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] === "reply" ? "Incoming reply" : "Delivery status" }}',
		description: 'Starts the workflow when an SMS reply or a delivery receipt arrives from Tencent Cloud SMS',
		defaults: { name: 'Tencent Cloud SMS Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tencentCloudSmsApi', required: true, displayOptions: { show: { mode: ['polling'] } } }],
		polling: true,
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'tencent-sms' }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				default: 'reply',
				options: [
					{ name: 'Incoming Reply', value: 'reply', description: 'A phone answered one of your messages' },
					{ name: 'Delivery Status', value: 'status', description: 'A delivery receipt for a message you sent' },
				],
			},
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				default: 'webhook',
				options: [
					{ name: 'Webhook', value: 'webhook', description: 'Tencent pushes each event to this node’s URL' },
					{ name: 'Polling', value: 'polling', description: 'The node pulls the queue on the schedule below' },
				],
			},
			{
				displayName:
					'Copy the Production URL above into the Tencent Cloud SMS console: SMS → Application Management → your application → Callback Configuration, as the "Reply callback URL" (Incoming Reply) or the "Status report callback URL" (Delivery Status). Activate the workflow first.',
				name: 'webhookNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { mode: ['webhook'] } },
			},
			{
				displayName:
					'Polling reads the queue Tencent keeps only when push callbacks are off: each receipt or reply is handed out once. The schedule above is only used in this mode.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { mode: ['polling'] } },
			},
			{
				displayName: 'SmsSdkAppId',
				name: 'smsSdkAppId',
				type: 'string',
				default: '',
				description: "The SMS application to read; leave empty to use the credential's default",
				displayOptions: { show: { mode: ['polling'] } },
			},
		],
	};

	webhookMethods = { default: consoleManagedWebhook };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const res = this.getResponseObject();
		if (this.getNodeParameter('mode') !== 'webhook') {
			res.status(404).json({ result: 1, errmsg: 'This trigger is in polling mode' });
			return { noWebhookResponse: true };
		}
		const event = this.getNodeParameter('event') as Event;
		let items: Array<{ dedupeKey: string }>;
		try {
			const body = this.getBodyData() as unknown;
			items = event === 'status' ? parseTencentStatusCallback(body) : [parseTencentReplyCallback(body)];
		} catch (error) {
			// A malformed push starts nothing; Tencent gets a non-zero result and the reason.
			if (!(error instanceof SmsError)) throw new NodeOperationError(this.getNode(), error as Error);
			res.status(400).json({ result: 1, errmsg: error.message });
			return { noWebhookResponse: true };
		}
		const fresh = freshItems(this.getWorkflowStaticData('node'), items);
		// Answered here rather than through webhookResponse, which n8n 2.x replaces by its responseData default.
		res.status(200).json(TENCENT_CALLBACK_ANSWER);
		return fresh.length === 0 ? { noWebhookResponse: true } : { noWebhookResponse: true, workflowData: [toExecutionData(fresh)] };
	}

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (this.getNodeParameter('mode') !== 'polling') return null;
		const event = this.getNodeParameter('event') as Event;
		const input = { smsSdkAppId: await smsSdkAppId(this, this.getNodeParameter('smsSdkAppId', '')), limit: 100 };
		const items: Array<{ dedupeKey: string }> =
			event === 'status'
				? (await runTencent(this, pullSendStatus, input)).map(tencentReportItem)
				: (await runTencent(this, pullReplies, input)).map(tencentReplyItem);
		const fresh = freshItems(this.getWorkflowStaticData('node'), items);
		return fresh.length ? [toExecutionData(fresh)] : null;
	}
}
