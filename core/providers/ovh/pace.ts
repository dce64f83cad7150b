import type { Pace } from '../../bulk';

/** The pace both editors default to. No REST rate limit is documented (spec §10): a modest one. Data only: n8n's descriptions read it without loading the core. */
export const OVH_PACE: Pace = { parallel: 4, perSecond: 50 };
