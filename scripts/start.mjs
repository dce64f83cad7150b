// `npm start`: scripts/start.ts, bundled and run by scripts/run-ts.mjs.
import { runTs } from './run-ts.mjs';

runTs('scripts/start.ts', { label: 'smskit start', run: ({ main }, { root, argv }) => main(root, argv) });
