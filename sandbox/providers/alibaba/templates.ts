import { chinaDateTime } from './dates';
import { BusinessError } from './errors';
import { integer, optional, page, paginate, parseJson, required, type Action, type Call } from './params';
import { variables } from './send';
import { findSign, nextOrderId, type ReviewStatus, type SmsTemplate } from './state';

/**
 * The current template APIs (specs/aliyun.md §0.3; request and response models from
 * @alicloud/dysmsapi20170525 4.6.0 `src/models`). A created or updated template is under review
 * until `POST /_sandbox/alibaba/templates/{code}/review` decides.
 */

/** CreateSmsTemplate: TemplateCode, TemplateName and the review ticket (OrderId). */
export const createSmsTemplate: Action = (call) => {
	const fields = templateFields(call);
	const code = `SMS_${call.state.nextTemplate++}`;
	const template: SmsTemplate = {
		...fields,
		code,
		status: 0,
		reason: '',
		createdAt: call.now,
		auditedAt: null,
		orderId: nextOrderId(call.state),
		anyNumber: false,
	};
	call.state.templates.set(code, template);
	return { TemplateCode: code, TemplateName: template.name, OrderId: template.orderId };
};

/** UpdateSmsTemplate: only a rejected template may change; it goes back to review. */
export const updateSmsTemplate: Action = (call) => {
	const template = existing(call);
	if (template.status !== 2) throw new BusinessError('isv.ERROR_TEMPLATE_NOT_MODIFY', '只能修改未通过审核的模板');
	Object.assign(template, templateFields(call), {
		status: 0,
		reason: '',
		auditedAt: null,
		orderId: nextOrderId(call.state),
	});
	return { TemplateCode: template.code, TemplateName: template.name, OrderId: template.orderId };
};

/** DeleteSmsTemplate: refused while under review (§8.8). */
export const deleteSmsTemplate: Action = (call) => {
	const template = existing(call);
	if (template.status === 0) throw new BusinessError('isv.ERROR_TEMPLATE_NOT_DELETE', '审核中的模板不支持删除');
	call.state.templates.delete(template.code);
	return { TemplateCode: template.code };
};

/** GetSmsTemplate: TemplateType and TemplateStatus are strings here (§0.3). */
export const getSmsTemplate: Action = (call) => {
	const t = existing(call);
	return {
		TemplateCode: t.code,
		TemplateName: t.name,
		TemplateContent: t.content,
		TemplateType: String(t.type),
		TemplateStatus: String(t.status),
		...(t.intlType === null ? {} : { IntlType: t.intlType }),
		RelatedSignName: t.relatedSignName,
		Remark: t.remark,
		ApplyScene: t.applySceneContent,
		CreateDate: chinaDateTime(t.createdAt),
		OrderId: t.orderId,
		TemplateTag: 2,
		VariableAttribute: t.templateRule,
		AuditInfo: { AuditDate: t.auditedAt === null ? '' : chinaDateTime(t.auditedAt), RejectInfo: t.reason },
		SignList: { SignList: t.relatedSignName === '' ? [] : [t.relatedSignName] },
		FileUrlList: { FileUrl: [] },
		MoreDataFileUrlList: { MoreDataFileUrl: [] },
	};
};

/** QuerySmsTemplateList (§8.10): its own TemplateType numbering and AuditStatus strings. */
export const querySmsTemplateList: Action = (call) => {
	const paging = page(call, 'PageIndex', 'PageSize', false);
	const all = listed(call);
	return {
		TotalCount: all.length,
		CurrentPage: paging.index,
		PageSize: paging.size,
		SmsTemplateList: paginate(all, paging).map((t) => ({
			TemplateCode: t.code,
			TemplateName: t.name,
			TemplateContent: t.content,
			AuditStatus: AUDIT_STATE[t.status],
			TemplateType: LIST_TEMPLATE_TYPE[t.type],
			OuterTemplateType: t.type,
			CreateDate: chinaDateTime(t.createdAt),
			OrderId: t.orderId,
			SignatureName: t.relatedSignName,
			TrafficDriving: t.trafficDriving,
			Reason: rejection(t),
		})),
	};
};

/** GetSmsTemplateList: the other envelope, `Success` and `Data{List, PageNo, PageSize, Total}`, numeric AuditStatus. */
export const getSmsTemplateList: Action = (call) => {
	const paging = page(call, 'PageIndex', 'PageSize', false);
	const auditStatus = integer(call, 'AuditStatus');
	const templateType = integer(call, 'TemplateType');
	const code = optional(call, 'TemplateCode');
	const name = optional(call, 'TemplateName');
	const signName = optional(call, 'SignName');
	const all = listed(call).filter(
		(t) =>
			(auditStatus === undefined || t.status === auditStatus) &&
			(templateType === undefined || t.type === templateType) &&
			(code === undefined || t.code === code) &&
			(name === undefined || t.name.includes(name)) &&
			(signName === undefined || t.relatedSignName === signName),
	);
	return {
		Success: true,
		Data: {
			List: paginate(all, paging).map((t) => ({
				AuditStatus: t.status,
				GmtCreate: chinaDateTime(t.createdAt),
				SignName: t.relatedSignName,
				TemplateCode: t.code,
				TemplateContent: t.content,
				TemplateName: t.name,
				TemplateTag: [],
				TemplateType: t.type,
				UsableStateList: [],
				WorkOrderId: t.orderId,
			})),
			PageNo: paging.index,
			PageSize: paging.size,
			Total: all.length,
		},
	};
};

const AUDIT_STATE: Record<ReviewStatus, string> = {
	0: 'AUDIT_STATE_INIT',
	1: 'AUDIT_STATE_PASS',
	2: 'AUDIT_STATE_NOT_PASS',
	// sic, as the vendor spells it for templates (§8.10).
	10: 'AUDIT_SATE_CANCEL',
};
/** Create's 0 verification, 1 notification, 2 promotional, 3 international → the list's 2, 0, 1, 6. */
const LIST_TEMPLATE_TYPE: Record<number, number> = { 0: 2, 1: 0, 2: 1, 3: 6 };

function rejection(t: SmsTemplate): Record<string, string> {
	return t.status === 2
		? { RejectDate: t.auditedAt === null ? '' : chinaDateTime(t.auditedAt), RejectInfo: t.reason, RejectSubInfo: '' }
		: { RejectDate: '', RejectInfo: '无审批备注', RejectSubInfo: '' };
}

/** Newest first, as the console lists them. */
function listed(call: Call): SmsTemplate[] {
	return [...call.state.templates.values()].reverse();
}

function existing(call: Call): SmsTemplate {
	const code = required(call, 'TemplateCode');
	const template = call.state.templates.get(code);
	if (!template) throw new BusinessError('isv.SMS_TEMPLATE_ILLEGAL', `模板不存在: ${code}`);
	return template;
}

/** What CreateSmsTemplate and UpdateSmsTemplate take, checked as their models describe. */
function templateFields(call: Call) {
	const name = required(call, 'TemplateName');
	const content = required(call, 'TemplateContent');
	const type = integer(call, 'TemplateType', true);
	const invalid = (detail: string) => new BusinessError('isv.INVALID_PARAMETERS', detail);
	if ([...name].length > 30) throw invalid('TemplateName must be 30 characters or fewer.');
	if ([...content].length > 500) throw invalid('TemplateContent must be 500 characters or fewer.');
	if (![0, 1, 2, 3].includes(type)) throw invalid('TemplateType must be 0, 1, 2 or 3.');
	const relatedSignName = optional(call, 'RelatedSignName') ?? '';
	if (type !== 3) {
		if (relatedSignName === '') throw invalid('RelatedSignName is required for TemplateType 0, 1 and 2.');
		if (findSign(call.state, relatedSignName)?.status !== 1) {
			throw new BusinessError('isv.SMS_SIGNATURE_ILLEGAL', `签名不存在或未审核通过: ${relatedSignName}`);
		}
	}
	const intlType = integer(call, 'IntlType') ?? null;
	if (type === 3 && (intlType === null || ![0, 1, 2].includes(intlType))) {
		throw invalid('IntlType must be 0, 1 or 2 for TemplateType 3.');
	}
	const templateRule = optional(call, 'TemplateRule') ?? '';
	if (variables(content).length > 0 && templateRule === '') {
		throw invalid('TemplateRule is required when TemplateContent has variables.');
	}
	const rule = templateRule === '' ? {} : parseJson(templateRule);
	if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) {
		throw new BusinessError('isv.INVALID_JSON_PARAM', 'TemplateRule must be a JSON object.');
	}
	return {
		name,
		content,
		type,
		intlType: type === 3 ? intlType : null,
		relatedSignName,
		templateRule,
		remark: optional(call, 'Remark') ?? '',
		applySceneContent: optional(call, 'ApplySceneContent') ?? '',
		trafficDriving: optional(call, 'TrafficDriving') ?? '',
	};
}
