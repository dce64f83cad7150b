import { packTarball } from './helpers/pack';

/** One tarball for every end-to-end test file: they install it the way users do. */
export default function globalSetup(): void {
	process.env.SMSKIT_TARBALL = packTarball();
}
