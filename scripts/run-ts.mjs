// The launchers of `npm start`, `npm run start:n8n`, `npm run sandbox` and `npm run bench`: Node has no TypeScript
// loader here, so each bundles its .ts entry with esbuild (dependencies stay external) and calls the bundle's
// exports in this process, which keeps the Node binary, the arguments, the signals and the exit code its own.
import { renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Bundles `entry` (a path from the repository root) to `.tmp/<name>.cjs` and calls `run` with the bundle's exports.
 * A rejection of `run` prints as `<label>: <message>` (the stack with `stack`) on stderr and exits with 1.
 *
 * @param {string} entry e.g. `sandbox/cli.ts`
 * @param {object} options
 * @param {string} options.label what error messages start with, e.g. `smskit start`
 * @param {(exports: any, context: { root: string, bundle: string, argv: string[] }) => Promise<unknown>} options.run
 *   `bundle` is the bundle's path, `argv` this process's arguments
 * @param {string} [options.name] the bundle's file name without `.cjs`; the entry's by default
 * @param {boolean} [options.sourcemap] an inline source map in the bundle (for `node --enable-source-maps`, profilers)
 * @param {boolean} [options.stack] print the stack of a failure, not only its message
 */
export function runTs(entry, { label, run, name = basename(entry, extname(entry)), sourcemap = false, stack = false }) {
	const bundle = resolve(root, `.tmp/${name}.cjs`);
	// Build beside it, then rename (atomic): launchers started in parallel never load a half-written bundle.
	const buildfile = resolve(root, `.tmp/${name}.${process.pid}.cjs`);
	require('esbuild').buildSync({
		absWorkingDir: root,
		entryPoints: [entry],
		bundle: true,
		platform: 'node',
		target: 'node20',
		format: 'cjs',
		outfile: buildfile,
		packages: 'external',
		...(sourcemap ? { sourcemap: 'inline' } : {}),
		logLevel: 'warning',
	});
	renameSync(buildfile, bundle);

	run(require(bundle), { root, bundle, argv: process.argv.slice(2) }).catch((error) => {
		const text = error instanceof Error ? (stack ? (error.stack ?? error.message) : error.message) : String(error);
		process.stderr.write(`${label}: ${text}\n`);
		process.exit(1);
	});
}
