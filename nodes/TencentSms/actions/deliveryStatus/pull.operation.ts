import { queuePull } from '../pulls';

export const { description, input } = queuePull('deliveryStatus', 'delivery receipts');
