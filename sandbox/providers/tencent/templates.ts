import { action, checkPage, type TencentCall } from './call';
import { invalidValue, TencentError } from './errors';
import { optional, required } from './params';
import type { SmsTemplate } from './state';

/** Template actions (specs/tencent.md §6.10–§6.13). New and modified templates wait for review (StatusCode 1). */

const SMS_TYPES = [1, 2, 3];
const MAX_IDS = 100;

const TEMPLATE_FIELDS = {
	TemplateName: required('String'),
	TemplateContent: required('String'),
	SmsType: required('Integer'),
	International: required('Integer'),
	Remark: required('String'),
};

export const addSmsTemplate = action(TEMPLATE_FIELDS, (call, params) => {
	checkTemplate(params);
	const id = call.state.nextTemplateId++;
	call.state.templates.set(id, {
		id,
		name: params.TemplateName,
		content: params.TemplateContent,
		smsType: params.SmsType,
		international: params.International,
		anyNumber: false,
		remark: params.Remark,
		statusCode: 1,
		reviewReply: '',
		createTime: Math.floor(call.now / 1000),
	});
	// A string here, an integer everywhere else (§6.10).
	return { AddTemplateStatus: { TemplateId: String(id) } };
});

export const modifySmsTemplate = action({ TemplateId: required('Integer'), ...TEMPLATE_FIELDS }, (call, params) => {
	const template = call.state.templates.get(params.TemplateId);
	if (!template) throw new TencentError('FailedOperation.MissingTemplateToModify');
	if (template.statusCode === 0) throw new TencentError('FailedOperation.TemplateAlreadyPassedCheck');
	checkTemplate(params);
	if (params.International !== template.international) {
		throw invalidValue('InvalidInternational', 'International must stay what it was when the template was added.');
	}
	Object.assign(template, {
		name: params.TemplateName,
		content: params.TemplateContent,
		smsType: params.SmsType,
		remark: params.Remark,
		statusCode: 1,
		reviewReply: '',
		createTime: Math.floor(call.now / 1000),
	});
	return { ModifyTemplateStatus: { TemplateId: template.id } };
});

export const deleteSmsTemplate = action({ TemplateId: required('Integer') }, (call, params) => {
	if (!call.state.templates.delete(params.TemplateId)) throw new TencentError('FailedOperation.TemplateIdNotExist');
	return { DeleteTemplateStatus: deleteStatus(call) };
});

/** By `TemplateIdSet`, or else a page of `Limit` (default 0, as documented) from `Offset`. */
export const describeSmsTemplateList = action(
	{
		International: required('Integer'),
		TemplateIdSet: optional('Array of Integer'),
		Limit: optional('Integer'),
		Offset: optional('Integer'),
	},
	(call, params) => {
		checkInternational(params.International);
		const all = [...call.state.templates.values()].filter((t) => t.international === params.International);
		let found: SmsTemplate[];
		const ids = params.TemplateIdSet ?? [];
		if (ids.length > 0) {
			if (ids.length > MAX_IDS) throw invalidValue(null, `TemplateIdSet holds ${MAX_IDS} ids at most.`);
			found = ids.flatMap((id) => all.filter((t) => t.id === id));
		} else {
			const limit = params.Limit ?? 0;
			const offset = params.Offset ?? 0;
			checkPage(limit, offset, MAX_IDS, 0);
			found = all.sort((a, b) => a.id - b.id).slice(offset, offset + limit);
		}
		return { DescribeTemplateStatusSet: found.map(templateView) };
	},
);

function templateView(template: SmsTemplate): Record<string, unknown> {
	return {
		TemplateId: template.id,
		International: template.international,
		StatusCode: template.statusCode,
		ReviewReply: template.reviewReply,
		TemplateName: template.name,
		CreateTime: template.createTime,
		TemplateContent: template.content,
	};
}

function checkTemplate(params: { TemplateName: string; TemplateContent: string; SmsType: number; International: number }) {
	if (!SMS_TYPES.includes(params.SmsType)) throw invalidValue('InvalidSmsType', 'SmsType must be 1, 2 or 3.');
	checkInternational(params.International);
	if (params.TemplateName.trim() === '') throw invalidValue(null, 'TemplateName must not be empty.');
	if (!wellFormed(params.TemplateContent)) {
		throw invalidValue(
			'InvalidTemplateFormat',
			'TemplateContent must not be empty and number its variables {1}, {2}, … in order.',
		);
	}
}

export function checkInternational(international: number): void {
	if (international !== 0 && international !== 1) throw invalidValue('InvalidInternational', 'International must be 0 or 1.');
}

/** Variables are `{1}` … `{n}`, each number used, no stray braces. */
function wellFormed(content: string): boolean {
	if (content.trim() === '') return false;
	if (/[{}]/.test(content.replace(/\{\d+\}/g, ''))) return false;
	const numbers = new Set((content.match(/\{(\d+)\}/g) ?? []).map((v) => Number(v.slice(1, -1))));
	return [...numbers].every((n) => n >= 1 && n <= numbers.size);
}

export function deleteStatus(call: TencentCall): Record<string, unknown> {
	return { DeleteStatus: 'return successfully!', DeleteTime: Math.floor(call.now / 1000) };
}
