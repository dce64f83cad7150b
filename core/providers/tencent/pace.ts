import type { Pace } from '../../bulk';

/** The pace both editors default to. SendSms takes 3000/s, but the status-by-number lookups of Skip Already Sent only 20/s (spec §9). Data only: n8n's descriptions read it without loading the core. */
export const TENCENT_PACE: Pace = { parallel: 4, perSecond: 20 };
