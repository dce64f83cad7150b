// `npm run bench`: Node has no TypeScript loader here, so bundle bench/bench.ts with esbuild (dependencies stay
// external, as in scripts/sandbox.mjs) and run the bundle with this process's arguments.
import { renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = resolve(root, '.tmp/bench.cjs');
const buildfile = resolve(root, `.tmp/bench.${process.pid}.cjs`);

require('esbuild').buildSync({
	absWorkingDir: root,
	entryPoints: ['bench/bench.ts'],
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'cjs',
	outfile: buildfile,
	packages: 'external',
	sourcemap: 'inline',
	logLevel: 'warning',
});
renameSync(buildfile, outfile);

const { main } = require(outfile);
main({ root, bundle: outfile, argv: process.argv.slice(2) }).catch((error) => {
	process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
