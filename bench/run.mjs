// `npm run bench`: bench/bench.ts, bundled (as .tmp/bench.cjs, with an inline source map, a failure's stack printed) and
// run by scripts/run-ts.mjs. The bench's main gets the bundle's path too: its child processes load it again.
import { runTs } from '../scripts/run-ts.mjs';

runTs('bench/bench.ts', { label: 'bench', sourcemap: true, stack: true, run: ({ main }, context) => main(context) });
