import { PACKAGES, packTarball, type PackageKey } from './helpers/pack';

/** One tarball per package for every end-to-end test file: each editor's tests install its own, as users do. */
export default function globalSetup(): void {
	for (const key of Object.keys(PACKAGES) as PackageKey[]) process.env[PACKAGES[key].env] = packTarball(key);
}
