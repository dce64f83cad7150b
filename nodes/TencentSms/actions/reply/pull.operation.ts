import { pullReplies } from '../../../../core/providers/tencent';
import { queuePull } from '../pulls';

export const { description, execute } = queuePull('reply', pullReplies, 'replies');
