import { byPhonePull } from '../pulls';

export const { description, input, pageSize } = byPhonePull('deliveryStatus');
