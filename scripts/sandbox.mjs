// `npm run sandbox`: sandbox/cli.ts, bundled (as .tmp/sandbox.cjs) and run with this process's arguments by
// scripts/run-ts.mjs.
import { runTs } from './run-ts.mjs';

runTs('sandbox/cli.ts', { name: 'sandbox', label: 'sandbox', run: ({ main }, { argv }) => main(argv) });
