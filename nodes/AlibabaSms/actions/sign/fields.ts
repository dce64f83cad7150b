import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { optionalNumber, show } from '../fields';

const s = show('sign', 'create', 'update');

export const signFields: INodeProperties[] = [
	{
		displayName: 'Sign Source',
		name: 'signSource',
		type: 'options',
		default: 0,
		options: [
			{ name: 'Company or Institution Name', value: 0 },
			{ name: 'Website (ICP Filed)', value: 1 },
			{ name: 'App Name', value: 2 },
			{ name: 'Official Account or Mini Program', value: 3 },
			{ name: 'E-Commerce Store', value: 4 },
			{ name: 'Trademark', value: 5 },
		],
		description: 'What the sign names, which the review checks',
		displayOptions: { show: s },
	},
	{
		displayName: 'Sign Type',
		name: 'signType',
		type: 'options',
		default: 1,
		options: [
			{ name: 'Verification Codes Only', value: 0 },
			{ name: 'General', value: 1 },
		],
		displayOptions: { show: s },
	},
	{
		displayName: 'Qualification ID',
		name: 'qualificationId',
		type: 'number',
		default: 0,
		required: true,
		description: 'The ID of an approved qualification (SMS console → Qualification Management)',
		displayOptions: { show: s },
	},
	{
		displayName: 'Remark',
		name: 'remark',
		type: 'string',
		default: '',
		description: 'A note for the reviewers: what the sign is used for',
		displayOptions: { show: s },
	},
	{
		displayName: 'Options',
		name: 'signOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: s },
		options: [
			{
				displayName: 'App ICP Record ID',
				name: 'appIcpRecordId',
				type: 'number',
				default: 0,
				description: 'For an app sign: the ID of its ICP record',
			},
			{
				displayName: 'Application Scene',
				name: 'applySceneContent',
				type: 'string',
				default: '',
				description: 'A link to where the sign is used (a website or app page), for the review',
			},
			{
				displayName: 'Authorization Letter ID',
				name: 'authorizationLetterId',
				type: 'number',
				default: 0,
				description: 'For a sign used on behalf of another party: the ID of its letter of authorisation',
			},
			{
				displayName: 'Third Party',
				name: 'thirdParty',
				type: 'boolean',
				default: false,
				description: 'Whether the sign is used on behalf of another party',
			},
			{
				displayName: 'Trademark ID',
				name: 'trademarkId',
				type: 'number',
				default: 0,
				description: 'For a trademark sign: the ID of the trademark',
			},
		],
	},
];

export function signInput(ctx: IExecuteFunctions, itemIndex: number) {
	const options = ctx.getNodeParameter('signOptions', itemIndex, {}) as IDataObject;
	const id = (name: string) => optionalNumber(options, name) || undefined;
	return {
		signSource: ctx.getNodeParameter('signSource', itemIndex),
		signType: ctx.getNodeParameter('signType', itemIndex, 1),
		qualificationId: ctx.getNodeParameter('qualificationId', itemIndex),
		remark: String(ctx.getNodeParameter('remark', itemIndex, '')) || undefined,
		applySceneContent: String(options.applySceneContent ?? '') || undefined,
		appIcpRecordId: id('appIcpRecordId'),
		trademarkId: id('trademarkId'),
		authorizationLetterId: id('authorizationLetterId'),
		thirdParty: typeof options.thirdParty === 'boolean' ? options.thirdParty : undefined,
	};
}
