import { action } from './call';
import { TencentError } from './errors';
import { required } from './params';
import { parsePhoneNumber } from './phone';
import { MAX_PHONE_NUMBERS } from './send';

/** DescribePhoneNumberInfo (specs/tencent.md §6.18): one answer per number, failures included. */
export const describePhoneNumberInfo = action({ PhoneNumberSet: required('Array of String') }, (_call, params) => {
	const numbers = params.PhoneNumberSet;
	if (numbers.length === 0) throw new TencentError('MissingParameter.EmptyPhoneNumberSet');
	if (numbers.length > MAX_PHONE_NUMBERS) throw new TencentError('LimitExceeded.PhoneNumberCountLimit');
	return {
		PhoneNumberInfoSet: numbers.map((raw) => {
			const number = parsePhoneNumber(raw);
			if (number === null) {
				return {
					Code: 'InvalidParameterValue.IncorrectPhoneNumber',
					Message: 'incorrect phone number format',
					NationCode: '',
					SubscriberNumber: '',
					PhoneNumber: raw,
					IsoCode: '',
					IsoName: '',
				};
			}
			return {
				Code: 'Ok',
				Message: 'Describe success',
				NationCode: number.countryCode,
				SubscriberNumber: number.subscriber,
				PhoneNumber: number.e164,
				IsoCode: number.isoCode,
				IsoName: number.isoName,
			};
		}),
	};
});
