import { querySendDetails, querySendStatistics } from './details';
import { batchSendMessageToGlobe, queryMessage, sendMessageToGlobe, sendMessageWithTemplate } from './intl';
import type { Action } from './params';
import { sendBatchSms, sendSms } from './send';
import { createSmsSign, deleteSmsSign, getSmsSign, querySmsSignList, updateSmsSign } from './signs';
import {
	createSmsTemplate,
	deleteSmsTemplate,
	getSmsTemplate,
	getSmsTemplateList,
	querySmsTemplateList,
	updateSmsTemplate,
} from './templates';

export const DOMESTIC_VERSION = '2017-05-25';
export const GLOBE_VERSION = '2018-05-01';

/** The actions emulated, by API version (`Version` / `x-acs-version`) and then by name. */
export const ACTIONS: Readonly<Record<string, Readonly<Record<string, Action>>>> = {
	[DOMESTIC_VERSION]: {
		SendSms: sendSms,
		SendBatchSms: sendBatchSms,
		QuerySendDetails: querySendDetails,
		QuerySendStatistics: querySendStatistics,
		CreateSmsTemplate: createSmsTemplate,
		UpdateSmsTemplate: updateSmsTemplate,
		GetSmsTemplate: getSmsTemplate,
		GetSmsTemplateList: getSmsTemplateList,
		QuerySmsTemplateList: querySmsTemplateList,
		DeleteSmsTemplate: deleteSmsTemplate,
		CreateSmsSign: createSmsSign,
		UpdateSmsSign: updateSmsSign,
		GetSmsSign: getSmsSign,
		QuerySmsSignList: querySmsSignList,
		DeleteSmsSign: deleteSmsSign,
	},
	[GLOBE_VERSION]: {
		SendMessageToGlobe: sendMessageToGlobe,
		SendMessageWithTemplate: sendMessageWithTemplate,
		BatchSendMessageToGlobe: batchSendMessageToGlobe,
		QueryMessage: queryMessage,
	},
};
