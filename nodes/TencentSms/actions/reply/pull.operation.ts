import { queuePull } from '../pulls';

export const { description, input } = queuePull('reply', 'replies');
