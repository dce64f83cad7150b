// Injected into the n8n runtime bundle (see gulpfile.js): what bundled libraries read as `globalThis`.
export const smskitGlobals = {};
