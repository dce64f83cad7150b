// `npm run start:n8n`: scripts/start-n8n.ts, bundled and run by scripts/run-ts.mjs.
import { runTs } from './run-ts.mjs';

runTs('scripts/start-n8n.ts', { label: 'smskit start:n8n', run: ({ main }, { root, argv }) => main(root, argv) });
