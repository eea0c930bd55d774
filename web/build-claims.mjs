// Adds "What the numbers say" to the site that web/build.mjs built in dist/ (run it after that):
//   dist/claims.html + claims.js, and dist/claims/report.json when `npm run claims` has written
//   build/claims/report.json (the claims runner also copies a fresh report there itself).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
await esbuild.build({
  entryPoints: { claims: path.join(root, 'web/claims.js') },
  outdir: dist, bundle: true, format: 'esm', target: ['es2022'], minify: true, logLevel: 'warning',
});
fs.copyFileSync(path.join(root, 'web/claims.html'), path.join(dist, 'claims.html'));
const report = path.join(root, 'build/claims/report.json');
if (fs.existsSync(report)) {
  fs.mkdirSync(path.join(dist, 'claims'), { recursive: true });
  fs.copyFileSync(report, path.join(dist, 'claims/report.json'));
}
console.log(`claims page: dist/claims.html${fs.existsSync(report) ? ' (with build/claims/report.json)' : ' (no report yet: npm run claims)'}`);
