import type { TencentAction } from './call';
import { describePhoneNumberInfo } from './phone-info';
import { pullSmsReplyStatus, pullSmsReplyStatusByPhoneNumber, pullSmsSendStatus, pullSmsSendStatusByPhoneNumber } from './pull';
import { sendSms } from './send';
import { addSmsSign, deleteSmsSign, describeSmsSignList, modifySmsSign } from './signs';
import { callbackStatusStatistics, sendStatusStatistics, smsPackagesStatistics } from './statistics';
import { addSmsTemplate, deleteSmsTemplate, describeSmsTemplateList, modifySmsTemplate } from './templates';

/** The actions of SMS 2021-01-11 the sandbox emulates, by `X-TC-Action` (specs/tencent.md §6). */
export const ACTIONS: Readonly<Record<string, TencentAction>> = {
	SendSms: sendSms,
	PullSmsSendStatus: pullSmsSendStatus,
	PullSmsSendStatusByPhoneNumber: pullSmsSendStatusByPhoneNumber,
	PullSmsReplyStatus: pullSmsReplyStatus,
	PullSmsReplyStatusByPhoneNumber: pullSmsReplyStatusByPhoneNumber,
	SendStatusStatistics: sendStatusStatistics,
	CallbackStatusStatistics: callbackStatusStatistics,
	SmsPackagesStatistics: smsPackagesStatistics,
	AddSmsTemplate: addSmsTemplate,
	ModifySmsTemplate: modifySmsTemplate,
	DeleteSmsTemplate: deleteSmsTemplate,
	DescribeSmsTemplateList: describeSmsTemplateList,
	AddSmsSign: addSmsSign,
	ModifySmsSign: modifySmsSign,
	DeleteSmsSign: deleteSmsSign,
	DescribeSmsSignList: describeSmsSignList,
	DescribePhoneNumberInfo: describePhoneNumberInfo,
};

export const API_VERSION = '2021-01-11';

/** Regions SMS answers in (§2.1: `X-TC-Region` is required for 2021-01-11). */
export const REGIONS: ReadonlySet<string> = new Set([
	'ap-guangzhou',
	'ap-beijing',
	'ap-shanghai',
	'ap-nanjing',
	'ap-chengdu',
	'ap-chongqing',
	'ap-hongkong',
	'ap-singapore',
	'ap-bangkok',
	'ap-jakarta',
	'ap-seoul',
	'ap-tokyo',
	'ap-mumbai',
	'eu-frankfurt',
	'na-siliconvalley',
	'na-ashburn',
	'sa-saopaulo',
]);
