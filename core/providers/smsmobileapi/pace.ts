import type { Pace } from '../../bulk';

/** The pace both editors default to. One phone sends them all: no numeric limit is documented, and the phone is the bottleneck. Data only: n8n's descriptions read it without loading the core. */
export const SMSMOBILEAPI_PACE: Pace = { parallel: 2, perSecond: 5 };
