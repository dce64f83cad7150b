import { pullRepliesByPhone } from '../../../../core/providers/tencent';
import { byPhonePull } from '../pulls';

export const { description, execute } = byPhonePull('reply', pullRepliesByPhone);
