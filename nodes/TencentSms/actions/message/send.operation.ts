import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { sendInBatches } from '../../../../core/batching';
import { failedSend, listTemplates, planSendSms, sendSms } from '../../../../core/providers/tencent';
import { asItems, runTencent, smsSdkAppId } from '../../transport';
import { signLocator, templateLocator } from '../common.descriptions';
import { appIdField, optionalString, show } from '../fields';

const s = show('message', 'send');

export const description: INodeProperties[] = [
	{
		displayName: 'Phone Numbers',
		name: 'phoneNumbers',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+8613800000000, +33601020304',
		description: 'Numbers in international format, separated by commas; more than 200 are sent in several requests',
		displayOptions: { show: s },
	},
	{ ...templateLocator, displayOptions: { show: s } },
	{
		displayName: 'Template Parameters',
		name: 'templateParams',
		type: 'string',
		default: '',
		placeholder: '1234, 5',
		description: 'Values for {1}, {2}, … in order, separated by commas (or an expression giving an array)',
		displayOptions: { show: s },
	},
	{ ...signLocator, displayOptions: { show: s } },
	appIdField(s),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: s },
		options: [
			{
				displayName: 'Extend Code',
				name: 'extendCode',
				type: 'string',
				default: '',
				description: 'SMS extension number (must be activated)',
			},
			{
				displayName: 'Sender ID',
				name: 'senderId',
				type: 'string',
				default: '',
				description: 'International only: a dedicated Sender ID',
			},
			{
				displayName: 'Session Context',
				name: 'sessionContext',
				type: 'string',
				default: '',
				description: 'Any text (under 512 bytes) returned with the result and receipts',
			},
		],
	},
];

/** Template texts looked up once per execution, to report the encoding and segments of what is sent. */
const templateTexts = new WeakMap<IExecuteFunctions, Map<string, Promise<string | undefined>>>();

function templateContent(ctx: IExecuteFunctions, templateId: string): Promise<string | undefined> {
	const cache = templateTexts.get(ctx) ?? new Map<string, Promise<string | undefined>>();
	templateTexts.set(ctx, cache);
	if (!cache.has(templateId)) {
		const lookup = async () => {
			if (!/^\d+$/.test(templateId)) return undefined;
			for (const international of [0, 1]) {
				const [template] = await runTencent(ctx, listTemplates, { international, ids: [templateId] });
				if (template?.TemplateContent) return template.TemplateContent;
			}
			return undefined;
		};
		// The lookup only enriches the result: without it, segments come from Tencent's Fee.
		cache.set(
			templateId,
			lookup().catch(() => undefined),
		);
	}
	return cache.get(templateId)!;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const appId = await smsSdkAppId(this, this.getNodeParameter('smsSdkAppId', itemIndex, ''));
	const templateId = String(this.getNodeParameter('templateId', itemIndex, '', { extractValue: true }));
	const batches = planSendSms({
		smsSdkAppId: appId,
		phoneNumbers: this.getNodeParameter('phoneNumbers', itemIndex),
		templateId,
		templateParams: this.getNodeParameter('templateParams', itemIndex, ''),
		signName: optionalString({ v: this.getNodeParameter('signName', itemIndex, '', { extractValue: true }) }, 'v'),
		extendCode: optionalString(options, 'extendCode'),
		sessionContext: optionalString(options, 'sessionContext'),
		senderId: optionalString(options, 'senderId'),
		templateContent: await templateContent(this, templateId),
	});
	const results = await sendInBatches(
		'tencent',
		batches.map((b) => b.phoneNumbers),
		(phoneNumbers) => runTencent(this, sendSms, { ...batches[0], phoneNumbers }),
		failedSend,
	);
	return asItems(results);
}
