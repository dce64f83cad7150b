import type { Pace } from '../../bulk';

/** The pace both editors default to. SendSms takes 5000 QPS (spec §11); the other calls have no documented limit. Data only: n8n's descriptions read it without loading the core. */
export const ALIBABA_PACE: Pace = { parallel: 4, perSecond: 100 };
