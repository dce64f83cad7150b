import { action, checkPage } from './call';
import { invalidValue, TencentError } from './errors';
import { optional, required, type Params } from './params';
import { TENCENT_SEED, type SmsSign, type TencentState } from './state';
import { checkInternational, deleteStatus } from './templates';

/** Signature actions (specs/tencent.md §6.14–§6.17). New and modified signatures wait for review (StatusCode 1). */

/** §6.14: the document types each signature type accepts. */
const DOCUMENT_TYPES: Readonly<Record<number, readonly number[]>> = { 0: [0, 1], 1: [0, 1, 2, 3, 4], 4: [7], 5: [2, 3] };
const MAX_IDS = 100;
/** Domestic signatures: 2 to 12 characters (`FailedOperation.SignatureIncorrectOrUnapproved`'s text). */
const MAX_DOMESTIC_NAME = 12;
const QUALIFICATION_NAME = 'SMS Kit Sandbox Ltd';

const SIGN_FIELDS = {
	SignName: required('String'),
	SignType: required('Integer'),
	DocumentType: required('Integer'),
	International: required('Integer'),
	SignPurpose: required('Integer'),
	ProofImage: required('String'),
	CommissionImage: optional('String'),
	Remark: optional('String'),
	QualificationId: optional('Integer'),
};
type SignParams = Params<typeof SIGN_FIELDS>;

export const addSmsSign = action(SIGN_FIELDS, (call, params) => {
	checkSign(call.state, params, null);
	const id = call.state.nextSignId++;
	call.state.signs.set(id, {
		id,
		...signFields(params),
		statusCode: 1,
		reviewReply: '',
		createTime: Math.floor(call.now / 1000),
	});
	return { AddSignStatus: { SignId: id } };
});

export const modifySmsSign = action({ SignId: required('Integer'), ...SIGN_FIELDS }, (call, params) => {
	const sign = call.state.signs.get(params.SignId);
	if (!sign) throw new TencentError('FailedOperation.MissingSignatureToModify');
	if (sign.statusCode === 0) throw invalidValue('SignAlreadyPassedCheck');
	if (params.International !== sign.international) {
		throw invalidValue('InvalidInternational', 'International must stay what it was when the signature was added.');
	}
	checkSign(call.state, params, sign.id);
	Object.assign(sign, { ...signFields(params), statusCode: 1, reviewReply: '', createTime: Math.floor(call.now / 1000) });
	return { ModifySignStatus: { SignId: sign.id } };
});

export const deleteSmsSign = action({ SignId: required('Integer') }, (call, params) => {
	if (!call.state.signs.delete(params.SignId)) throw new TencentError('FailedOperation.SignIdNotExist');
	return { DeleteSignStatus: deleteStatus(call) };
});

/** By `SignIdSet`, or else a page of `Limit` (default 10) from `Offset`. */
export const describeSmsSignList = action(
	{
		International: required('Integer'),
		SignIdSet: optional('Array of Integer'),
		Limit: optional('Integer'),
		Offset: optional('Integer'),
	},
	(call, params) => {
		checkInternational(params.International);
		const all = [...call.state.signs.values()].filter((s) => s.international === params.International);
		let found: SmsSign[];
		const ids = params.SignIdSet ?? [];
		if (ids.length > 0) {
			if (ids.length > MAX_IDS) throw invalidValue(null, `SignIdSet holds ${MAX_IDS} ids at most.`);
			found = ids.flatMap((id) => all.filter((s) => s.id === id));
		} else {
			const limit = params.Limit ?? 10;
			const offset = params.Offset ?? 0;
			checkPage(limit, offset, MAX_IDS, 0);
			found = all.sort((a, b) => a.id - b.id).slice(offset, offset + limit);
		}
		return { DescribeSignListStatusSet: found.map(signView) };
	},
);

function signView(sign: SmsSign): Record<string, unknown> {
	const qualified = sign.international === 0 && sign.qualificationId !== 0;
	return {
		SignId: sign.id,
		International: sign.international,
		StatusCode: sign.statusCode,
		ReviewReply: sign.reviewReply,
		SignName: sign.name,
		CreateTime: sign.createTime,
		QualificationId: qualified ? sign.qualificationId : 0,
		QualificationName: qualified ? QUALIFICATION_NAME : '',
		QualificationStatusCode: qualified ? 1 : 0,
	};
}

function signFields(params: SignParams) {
	return {
		name: params.SignName,
		signType: params.SignType,
		documentType: params.DocumentType,
		international: params.International,
		signPurpose: params.SignPurpose,
		remark: params.Remark ?? '',
		qualificationId: params.International === 0 ? (params.QualificationId ?? 0) : 0,
	};
}

function checkSign(state: TencentState, params: SignParams, self: number | null): void {
	checkInternational(params.International);
	const length = [...params.SignName.trim()].length;
	if (length < 2)
		throw new TencentError('FailedOperation.SignatureIncorrectOrUnapproved', 'SignName needs 2 characters at least.');
	if (params.International === 0 && length > MAX_DOMESTIC_NAME) throw invalidValue('SignNameLengthTooLong');
	const documents = DOCUMENT_TYPES[params.SignType];
	if (!documents) throw invalidValue(null, 'SignType must be 0, 1, 4 or 5.');
	if (!documents.includes(params.DocumentType)) {
		throw invalidValue('InvalidDocumentType', `SignType ${params.SignType} accepts DocumentType ${documents.join(', ')}.`);
	}
	if (params.SignPurpose !== 0 && params.SignPurpose !== 1)
		throw invalidValue('InvalidSignPurpose', 'SignPurpose must be 0 or 1.');
	if (!isBase64Image(params.ProofImage)) throw invalidValue('ImageInvalid', 'ProofImage must be base64 without a data: prefix.');
	if (params.SignPurpose === 1 && !isBase64Image(params.CommissionImage ?? '')) {
		throw invalidValue('ImageInvalid', 'CommissionImage is needed, in base64, when SignPurpose is 1.');
	}
	if (params.QualificationId !== undefined && params.QualificationId !== TENCENT_SEED.qualificationId) {
		throw invalidValue('QualificationIdNotFound');
	}
	const duplicate = [...state.signs.values()].some(
		(s) => s.id !== self && s.name === params.SignName && s.international === params.International && s.statusCode !== -1,
	);
	if (duplicate) throw invalidValue('SignExistAndUnapproved');
}

function isBase64Image(value: string): boolean {
	return /^[A-Za-z0-9+/]+={0,2}$/.test(value);
}
