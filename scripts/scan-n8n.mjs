// n8n's community-package scanner (@n8n/scan-community-package), the analysis that decides whether n8n lists a
// package as verified: `--source <dir>` lints package.json, nodes/ and credentials/ as sources; `--tarball <dir>`
// lints every .js and the package.json of an unpacked tarball. Inline eslint-disable comments are ignored.
// Exits 1 on any error (warnings are printed and pass).
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const [mode, dir] = process.argv.slice(2);
if (!['--source', '--tarball'].includes(mode) || !dir) {
	console.error('Usage: node scripts/scan-n8n.mjs --source|--tarball <dir>');
	process.exit(2);
}
const result = await analyzePackage(dir, mode === '--source' ? SOURCE_FILE_PATTERNS : ['**/*.js', 'package.json']);
console.log(
	`${result.passed ? '✅' : '❌'} n8n scanner (${mode.slice(2)}): ${dir}${result.passed ? '' : ` — ${result.message}`}`,
);
if (result.details) console.log(result.details);
process.exit(result.passed ? 0 : 1);
