import { action, checkApp, checkPage, type TencentCall } from './call';
import { invalidValue } from './errors';
import { required } from './params';
import { SEED_TIME, TENCENT_SEED } from './state';

/**
 * Statistics (specs/tencent.md §6.7–§6.9) computed from what the sandbox sent and received. Hours
 * `yyyymmddhh` are read in Beijing time (UTC+8); both ends are included, the end hour whole.
 */

const RANGE_SCHEMA = {
	BeginTime: required('String'),
	EndTime: required('String'),
	SmsSdkAppId: required('String'),
	Limit: required('Integer'),
	Offset: required('Integer'),
};
const MAX_CALLBACK_SPAN_DAYS = 32;
const MAX_PACKAGES = 500;
/** 2099-12-31 23:59:59 Beijing time. */
const PACKAGE_EXPIRY = 4102415999;

/** §6.7: numbers submitted, numbers accepted and segments billed. */
export const sendStatusStatistics = action(RANGE_SCHEMA, (call, params) => {
	checkApp(call, params.SmsSdkAppId);
	const [begin, end] = hourRange(params.BeginTime, params.EndTime);
	const sends = statusesIn(call, params.SmsSdkAppId, begin, end);
	return {
		SendStatusStatistics: {
			FeeCount: sends.reduce((sum, s) => sum + s.Fee, 0),
			RequestCount: sends.length,
			RequestSuccessCount: sends.filter((s) => s.Code === 'Ok').length,
		},
	};
});

/**
 * §6.8: receipts by outcome. Failures are not classified by cause, so the cause counters
 * (internal error, invalid number, switched off, blacklist, frequency limit) stay 0.
 */
export const callbackStatusStatistics = action(RANGE_SCHEMA, (call, params) => {
	checkApp(call, params.SmsSdkAppId);
	const [begin, end] = hourRange(params.BeginTime, params.EndTime);
	if (end - begin > MAX_CALLBACK_SPAN_DAYS * 24 * 3600) {
		throw invalidValue('EndTimeVerifyFail', `The range spans ${MAX_CALLBACK_SPAN_DAYS} days at most.`);
	}
	const receipts = call.state.receipts.filter(
		(r) => r.smsSdkAppId === params.SmsSdkAppId && r.userReceiveTime >= begin && r.userReceiveTime < end,
	);
	const success = receipts.filter((r) => r.reportStatus === 'SUCCESS').length;
	return {
		CallbackStatusStatistics: {
			CallbackCount: receipts.length,
			RequestSuccessCount: statusesIn(call, params.SmsSdkAppId, begin, end).filter((s) => s.Code === 'Ok').length,
			CallbackFailCount: receipts.length - success,
			CallbackSuccessCount: success,
			InternalErrorCount: 0,
			InvalidNumberCount: 0,
			ShutdownErrorCount: 0,
			BlackListCount: 0,
			FrequencyLimitCount: 0,
		},
	};
});

/** §6.9: the one seeded package, created 2024-01-01 00:00 Beijing time, when the range covers its creation. */
export const smsPackagesStatistics = action(RANGE_SCHEMA, (call, params) => {
	checkApp(call, params.SmsSdkAppId);
	checkPage(params.Limit, params.Offset, MAX_PACKAGES, 0);
	const [begin, end] = hourRange(params.BeginTime, params.EndTime);
	if (end - begin <= 3600) throw invalidValue('EndTimeVerifyFail', 'EndTime must be after BeginTime.');
	const used = call.state.messages.flatMap((m) => m.statuses).reduce((sum, s) => sum + s.Fee, 0);
	const packages = [
		{
			PackageCreateTime: SEED_TIME,
			PackageEffectiveTime: SEED_TIME,
			PackageExpiredTime: PACKAGE_EXPIRY,
			PackageAmount: TENCENT_SEED.packageAmount,
			PackageType: 0,
			PackageId: TENCENT_SEED.packageId,
			CurrentUsage: used,
		},
	].filter((p) => p.PackageCreateTime >= begin && p.PackageCreateTime < end);
	return { SmsPackagesStatisticsSet: packages.slice(params.Offset, params.Offset + params.Limit) };
});

function statusesIn(call: TencentCall, appId: string, begin: number, end: number) {
	return call.state.messages
		.filter((m) => {
			const at = Date.parse(m.receivedAt) / 1000;
			return m.smsSdkAppId === appId && at >= begin && at < end;
		})
		.flatMap((m) => m.statuses);
}

/** `[start of BeginTime's hour, end of EndTime's hour)` in Unix seconds. */
function hourRange(beginTime: string, endTime: string): [number, number] {
	const begin = parseHour(beginTime);
	if (begin === null) throw invalidValue('BeginTimeVerifyFail', 'BeginTime must be yyyymmddhh.');
	const end = parseHour(endTime);
	if (end === null) throw invalidValue('EndTimeVerifyFail', 'EndTime must be yyyymmddhh.');
	if (end < begin) throw invalidValue('EndTimeVerifyFail', 'EndTime must not be before BeginTime.');
	return [begin, end + 3600];
}

function parseHour(value: string): number | null {
	const match = /^(\d{4})(\d{2})(\d{2})(\d{2})$/.exec(value);
	if (!match) return null;
	const [year, month, day, hour] = match.slice(1).map(Number);
	const ms = Date.UTC(year, month - 1, day, hour) - 8 * 3600 * 1000;
	const check = new Date(ms + 8 * 3600 * 1000);
	if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23) return null;
	return ms / 1000;
}
