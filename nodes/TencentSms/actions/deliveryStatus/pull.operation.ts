import { pullSendStatus } from '../../../../core/providers/tencent';
import { queuePull } from '../pulls';

export const { description, execute } = queuePull('deliveryStatus', pullSendStatus, 'delivery receipts');
