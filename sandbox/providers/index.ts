import { alibabaEmulator } from './alibaba';
import { ovhEmulator } from './ovh';
import { smsMobileApiEmulator } from './smsmobileapi';
import { tencentEmulator } from './tencent';

/**
 * Every emulator the sandbox serves, in the order of `urls` and of the CLI's output. Adding one is a
 * folder `providers/<id>/` exporting a definition (`defineEmulator`) and one line here; own-port
 * providers get the main port + their rank among own-port providers + 1, so keep appending.
 */
export const EMULATORS = [ovhEmulator, tencentEmulator, alibabaEmulator, smsMobileApiEmulator] as const;

export { ALIBABA_DEFAULT_CREDENTIALS, ALIBABA_SEED, type AlibabaCredentials } from './alibaba';
export { OVH_DEFAULT_CREDENTIALS, OVH_DEFAULT_OAUTH2_CLIENT, type OvhCredentials } from './ovh';
export { SMSMOBILEAPI_DEFAULT_CREDENTIALS, type SmsMobileApiCredentials } from './smsmobileapi';
export { TENCENT_DEFAULT_CREDENTIALS, TENCENT_SEED, type TencentCredentials } from './tencent';
