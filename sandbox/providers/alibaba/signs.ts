import { chinaDateTime } from './dates';
import { BusinessError } from './errors';
import { boolean, integer, optional, page, paginate, required, type Action, type Call } from './params';
import { addSign, ALIBABA_SEED, findSign, nextOrderId, type ReviewStatus, type SmsSign } from './state';

/**
 * The current sign APIs (specs/aliyun.md §0.3; models from @alicloud/dysmsapi20170525 4.6.0). A
 * created or updated sign is under review until `POST /_sandbox/alibaba/signs/{name}/review`.
 */

/** CreateSmsSign: needs an approved qualification, and an ICP record (apps) or trademark per source. */
export const createSmsSign: Action = (call) => {
	const name = required(call, 'SignName');
	const fields = signFields(call);
	const length = [...name].length;
	if (length < 2 || length > 12) throw new BusinessError('isv.SIGN_NAME_ILLEGAL', '签名长度须为2-12个字符');
	if (findSign(call.state, name)) throw new BusinessError('isv.SIGN_NAME_ILLEGAL', `签名已存在: ${name}`);
	const sign: SmsSign = {
		...fields,
		name,
		status: 0,
		reason: '',
		createdAt: call.now,
		auditedAt: null,
		orderId: nextOrderId(call.state),
	};
	addSign(call.state, sign);
	return { SignName: name, OrderId: sign.orderId };
};

/** UpdateSmsSign: only a rejected sign may change; it goes back to review. */
export const updateSmsSign: Action = (call) => {
	const sign = existing(call);
	if (sign.status !== 2) throw new BusinessError('isv.ERROR_SIGN_NOT_MODIFY', '只能修改未通过审核的签名');
	Object.assign(sign, signFields(call), { status: 0, reason: '', auditedAt: null, orderId: nextOrderId(call.state) });
	return { SignName: sign.name, OrderId: sign.orderId };
};

/** DeleteSmsSign: refused while under review. */
export const deleteSmsSign: Action = (call) => {
	const sign = existing(call);
	if (sign.status === 0) throw new BusinessError('isv.ERROR_SIGN_NOT_DELETE', '审核中的签名不支持删除');
	call.state.signs.delete(sign.name.toLowerCase());
	return { SignName: sign.name };
};

/** GetSmsSign: numeric SignStatus 0/1/2/10 and AuditInfo. */
export const getSmsSign: Action = (call) => {
	const s = existing(call);
	return {
		SignName: s.name,
		SignStatus: s.status,
		SignUsage: s.type === 0 ? '验证码' : '通用',
		ApplyScene: s.applySceneContent,
		AuditInfo: { AuditDate: s.auditedAt === null ? '' : chinaDateTime(s.auditedAt), RejectInfo: s.reason },
		CreateDate: chinaDateTime(s.createdAt),
		OrderId: s.orderId,
		QualificationId: s.qualificationId,
		Remark: s.remark,
		ThirdParty: s.thirdParty,
		...(s.appIcpRecordId === null ? {} : { AppIcpRecordId: s.appIcpRecordId }),
		...(s.trademarkId === null ? {} : { TrademarkId: s.trademarkId }),
		...(s.authorizationLetterId === null
			? {}
			: { AuthorizationLetterId: s.authorizationLetterId, AuthorizationLetterAuditPass: s.status === 1 }),
		FileUrlList: [],
		SignIspRegisterDetailList: [],
	};
};

/** QuerySmsSignList (§8.13): AuditStatus strings, and `authorizationLetterAuditPass` lower-case on the wire. */
export const querySmsSignList: Action = (call) => {
	const paging = page(call, 'PageIndex', 'PageSize', false);
	const all = [...call.state.signs.values()].reverse();
	return {
		TotalCount: all.length,
		CurrentPage: paging.index,
		PageSize: paging.size,
		SmsSignList: paginate(all, paging).map((s) => ({
			SignName: s.name,
			AuditStatus: AUDIT_STATE[s.status],
			BusinessType: s.type === 0 ? '验证码类型' : '通用类型',
			CreateDate: chinaDateTime(s.createdAt),
			OrderId: s.orderId,
			Reason:
				s.status === 2
					? { RejectDate: s.auditedAt === null ? '' : chinaDateTime(s.auditedAt), RejectInfo: s.reason, RejectSubInfo: '' }
					: { RejectDate: '', RejectInfo: '无审批备注', RejectSubInfo: '' },
			...(s.appIcpRecordId === null ? {} : { AppIcpRecordId: s.appIcpRecordId }),
			...(s.trademarkId === null ? {} : { TrademarkId: s.trademarkId }),
			...(s.authorizationLetterId === null
				? {}
				: { AuthorizationLetterId: s.authorizationLetterId, authorizationLetterAuditPass: s.status === 1 }),
		})),
	};
};

const AUDIT_STATE: Record<ReviewStatus, string> = {
	0: 'AUDIT_STATE_INIT',
	1: 'AUDIT_STATE_PASS',
	2: 'AUDIT_STATE_NOT_PASS',
	10: 'AUDIT_STATE_CANCEL',
};

function existing(call: Call): SmsSign {
	const name = required(call, 'SignName');
	const sign = findSign(call.state, name);
	if (!sign) throw new BusinessError('isv.SMS_SIGNATURE_ILLEGAL', `签名不存在: ${name}`);
	return sign;
}

/** What CreateSmsSign and UpdateSmsSign take besides the name. */
function signFields(call: Call) {
	const source = integer(call, 'SignSource', true);
	const qualificationId = integer(call, 'QualificationId', true);
	const type = integer(call, 'SignType') ?? 1;
	const appIcpRecordId = integer(call, 'AppIcpRecordId') ?? null;
	const trademarkId = integer(call, 'TrademarkId') ?? null;
	const thirdParty = boolean(call, 'ThirdParty') ?? false;
	const authorizationLetterId = integer(call, 'AuthorizationLetterId') ?? null;
	const invalid = (detail: string) => new BusinessError('isv.INVALID_PARAMETERS', detail);
	if (![0, 1, 2, 3, 4, 5].includes(source)) throw new BusinessError('isv.SIGN_SOURCE_ILLEGAL', '签名来源不合法');
	if (type !== 0 && type !== 1) throw invalid('SignType must be 0 or 1.');
	if (qualificationId !== ALIBABA_SEED.qualificationId) {
		throw invalid(`QualificationId ${qualificationId} is not an approved qualification of this account.`);
	}
	if (source === 2 && appIcpRecordId === null) throw invalid('AppIcpRecordId is required for SignSource 2 (app).');
	if (source === 5 && trademarkId === null) throw invalid('TrademarkId is required for SignSource 5 (trademark).');
	if (thirdParty && authorizationLetterId === null) throw invalid('AuthorizationLetterId is required for third-party signs.');
	return {
		source,
		type,
		remark: optional(call, 'Remark') ?? '',
		qualificationId,
		appIcpRecordId,
		trademarkId,
		authorizationLetterId,
		thirdParty,
		applySceneContent: optional(call, 'ApplySceneContent') ?? '',
	};
}
