import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { internationalField, optionalString, show } from '../fields';

const s = show('sign', 'add', 'modify');

export const signFields: INodeProperties[] = [
	{
		displayName: 'Signature Text',
		name: 'signNameText',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'MyCompany',
		displayOptions: { show: s },
	},
	{
		displayName: 'Signature Type',
		name: 'signType',
		type: 'options',
		default: 0,
		options: [
			{ name: 'Company', value: 0 },
			{ name: 'App', value: 1 },
			{ name: 'Trademark', value: 4 },
			{ name: 'Government, Public Institution or Other', value: 5 },
		],
		displayOptions: { show: s },
	},
	{
		displayName: 'Document Type',
		name: 'documentType',
		type: 'options',
		default: 1,
		description: 'The proof submitted; allowed pairs: company 0/1, app 0–4, trademark 7, government 2/3',
		options: [
			{ name: 'App Admin Screenshot', value: 4 },
			{ name: 'Business Licence', value: 1 },
			{ name: 'Organisation Code Certificate', value: 2 },
			{ name: 'Social Credit Code Certificate', value: 3 },
			{ name: 'Three-in-One Licence', value: 0 },
			{ name: 'Trademark Registration', value: 7 },
		],
		displayOptions: { show: s },
	},
	internationalField(s),
	{
		displayName: 'Purpose',
		name: 'signPurpose',
		type: 'options',
		default: 0,
		options: [
			{ name: 'Own Use', value: 0 },
			{ name: 'For Others', value: 1 },
		],
		displayOptions: { show: s },
	},
	{
		displayName: 'Proof Image (Base64)',
		name: 'proofImage',
		type: 'string',
		default: '',
		required: true,
		description: 'The document image as base64, e.g. from an expression over binary data',
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
				displayName: 'Commission Image (Base64)',
				name: 'commissionImage',
				type: 'string',
				default: '',
				description: 'Power of attorney, when the purpose is "for others"',
			},
			{
				displayName: 'Qualification ID',
				name: 'qualificationId',
				type: 'number',
				default: 0,
				description: 'Needed for mainland China signatures',
			},
			{ displayName: 'Remark', name: 'remark', type: 'string', default: '' },
		],
	},
];

export function signInput(ctx: IExecuteFunctions, itemIndex: number) {
	const options = ctx.getNodeParameter('signOptions', itemIndex, {}) as IDataObject;
	return {
		signName: ctx.getNodeParameter('signNameText', itemIndex),
		signType: ctx.getNodeParameter('signType', itemIndex),
		documentType: ctx.getNodeParameter('documentType', itemIndex),
		international: ctx.getNodeParameter('international', itemIndex),
		signPurpose: ctx.getNodeParameter('signPurpose', itemIndex),
		proofImage: ctx.getNodeParameter('proofImage', itemIndex),
		commissionImage: optionalString(options, 'commissionImage'),
		remark: optionalString(options, 'remark'),
		qualificationId: options.qualificationId || undefined,
	};
}
