import { pullSendStatusByPhone } from '../../../../core/providers/tencent';
import { byPhonePull } from '../pulls';

export const { description, execute } = byPhonePull('deliveryStatus', pullSendStatusByPhone);
