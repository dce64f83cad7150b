import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { SmsError } from '../../core/errors';
import {
	getIncoming,
	getOutgoing,
	getService,
	listIncomingIds,
	listOutgoingIds,
	ovhDeliveryItem,
	ovhDeliveryKey,
	ovhIncomingItem,
	ovhIncomingKey,
	parseOvhDeliveryCallback,
	parseOvhIncomingCallback,
	updateService,
} from '../../core/providers/ovh';
import { freshItems } from '../shared/dedupe';
import { toExecutionData } from '../shared/items';
import { serviceLocator } from './actions/common.descriptions';
import { searchServices } from './methods/listSearch';
import { runOvh } from './transport';

type Event = 'incoming' | 'delivery';

const MINUTE = 60_000;
/** Polls re-read this far back, so a message stamped just before the last poll is not missed. */
const OVERLAP = 5 * MINUTE;
/** Delivery reports can come up to the default validity period (48 h) after the send. */
const REPORT_WINDOW = 48 * 60 * MINUTE;

const iso = (ms: number) => new Date(ms).toISOString();

export class OvhSmsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OVHcloud SMS Trigger',
		name: 'ovhSmsTrigger',
		icon: { light: 'file:../../icons/ovh.svg', dark: 'file:../../icons/ovh.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] === "incoming" ? "Incoming SMS" : "Delivery report" }}',
		description: 'Starts the workflow when an SMS arrives on an OVHcloud SMS account, or a delivery report comes back',
		defaults: { name: 'OVHcloud SMS Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ovhApi', required: true }],
		polling: true,
		webhooks: [
			{
				name: 'default',
				httpMethod: '={{ $parameter["event"] === "delivery" ? "GET" : "POST" }}',
				responseMode: 'onReceived',
				path: 'ovh-sms',
			},
		],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				default: 'incoming',
				options: [
					{ name: 'Incoming SMS', value: 'incoming', description: 'An SMS received on the account (e.g. a reply)' },
					{ name: 'Delivery Report', value: 'delivery', description: 'A sent message was delivered or failed' },
				],
			},
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				default: 'polling',
				options: [
					{ name: 'Polling', value: 'polling', description: 'Read the account on the schedule below' },
					{ name: 'Webhook', value: 'webhook', description: 'OVHcloud calls this node; registered on the account while active' },
				],
			},
			{
				displayName:
					'While the workflow is active, this node sets the account’s delivery callback (Delivery Report) or reply URL (Incoming SMS) to its production URL, and puts the previous value back when deactivated. An SMS account has only one of each: another tool using it stops receiving.',
				name: 'webhookNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { mode: ['webhook'] } },
			},
			serviceLocator,
		],
	};

	methods = { listSearch: { searchServices } };

	webhookMethods = {
		default: {
			// n8n registers the webhook of every active trigger that has one; in polling mode nothing is registered.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (!isWebhookMode(this)) return true;
				const url = this.getNodeWebhookUrl('default');
				const account = await runOvh(this, getService, { service: service(this) });
				return eventOf(this) === 'delivery'
					? account.callBack === url
					: (account.smsResponse as IDataObject | undefined)?.cgiUrl === url;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (!isWebhookMode(this)) return true;
				const url = this.getNodeWebhookUrl('default');
				const name = service(this);
				const account = await runOvh(this, getService, { service: name });
				const data = this.getWorkflowStaticData('node');
				if (eventOf(this) === 'delivery') {
					data.previousCallBack = (account.callBack as string | null | undefined) ?? null;
					await runOvh(this, updateService, { service: name, callBack: url });
				} else {
					data.previousSmsResponse = (account.smsResponse as IDataObject | undefined) ?? { responseType: 'none' };
					await runOvh(this, updateService, { service: name, smsResponse: { responseType: 'cgi', cgiUrl: url } });
				}
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				if (!isWebhookMode(this)) return true;
				const name = service(this);
				const data = this.getWorkflowStaticData('node');
				// Restore what the account had before this workflow took the URL over.
				if (eventOf(this) === 'delivery') {
					await runOvh(this, updateService, {
						service: name,
						callBack: (data.previousCallBack as string | null | undefined) ?? '',
					});
					delete data.previousCallBack;
				} else {
					const previous = (data.previousSmsResponse as IDataObject | undefined) ?? { responseType: 'none' };
					await runOvh(this, updateService, { service: name, smsResponse: previous });
					delete data.previousSmsResponse;
				}
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const res = this.getResponseObject();
		if (this.getNodeParameter('mode') !== 'webhook') {
			res.status(404).send('This trigger is in polling mode');
			return { noWebhookResponse: true };
		}
		const name = this.getNodeParameter('service', '', { extractValue: true }) as string;
		let item: { dedupeKey: string };
		try {
			item =
				this.getNodeParameter('event') === 'delivery'
					? parseOvhDeliveryCallback(this.getQueryData(), name, new Date())
					: parseOvhIncomingCallback(this.getBodyData(), name, new Date());
		} catch (error) {
			if (!(error instanceof SmsError)) throw new NodeOperationError(this.getNode(), error as Error);
			res.status(400).send(error.message);
			return { noWebhookResponse: true };
		}
		const fresh = freshItems(this.getWorkflowStaticData('node'), [item]);
		res.status(200).send('OK');
		return fresh.length ? { noWebhookResponse: true, workflowData: [toExecutionData(fresh)] } : { noWebhookResponse: true };
	}

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (this.getNodeParameter('mode') !== 'polling') return null;
		const data = this.getWorkflowStaticData('node');
		const now = Date.now();
		// The first poll looks a little back (a day when run by hand, to show sample data), never the whole history.
		const since = (data.since as number | undefined) ?? now - (this.getMode() === 'manual' ? 24 * 60 * MINUTE : OVERLAP);
		const seen = new Set((data.seen as string[] | undefined) ?? []);
		const name = this.getNodeParameter('service', '', { extractValue: true }) as string;
		const items: Array<{ dedupeKey: string }> = [];

		if (this.getNodeParameter('event') === 'incoming') {
			const cursor = (data.cursor as number | undefined) ?? since;
			const ids = await runOvh(this, listIncomingIds, { service: name, from: iso(Math.max(since, cursor - OVERLAP)) });
			for (const id of ids.filter((i) => !seen.has(ovhIncomingKey(i)))) {
				items.push(ovhIncomingItem(await runOvh(this, getIncoming, { service: name, id })));
			}
		} else {
			const from = iso(Math.max(since, now - REPORT_WINDOW));
			for (const [deliveryReceipt, status] of [
				[1, 'delivered'],
				[2, 'failed'],
				[16, 'failed'],
			] as const) {
				const ids = await runOvh(this, listOutgoingIds, { service: name, from, deliveryReceipt });
				for (const id of ids.filter((i) => !seen.has(ovhDeliveryKey(i, status)))) {
					items.push(ovhDeliveryItem(await runOvh(this, getOutgoing, { service: name, id })));
				}
			}
		}
		if (this.getMode() !== 'manual') {
			data.since = since;
			data.cursor = now;
		}
		const fresh = freshItems(data, items);
		return fresh.length ? [toExecutionData(fresh)] : null;
	}
}

function service(ctx: IHookFunctions): string {
	return ctx.getNodeParameter('service', '', { extractValue: true }) as string;
}

function isWebhookMode(ctx: IHookFunctions): boolean {
	return ctx.getNodeParameter('mode') === 'webhook';
}

function eventOf(ctx: IHookFunctions): Event {
	return ctx.getNodeParameter('event') as Event;
}
