// Injected into every n8n bundle (see gulpfile.js): what bundled libraries read as `globalThis`.
export const smskitGlobals = {};
