// Adds "What the numbers say" to the site that web/build.mjs built in dist/ (run it after that):
//   dist/claims.html + claims.js, and dist/claims/report.json: the report shipped in the repository
//   (web/claims/report.json, written by `npm run claims` and committed; CI checks it is current).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writePage } from './site/build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
await esbuild.build({
  entryPoints: { claims: path.join(root, 'web/claims.js') },
  outdir: dist, bundle: true, format: 'esm', target: ['es2022'], minify: true, logLevel: 'warning',
});
writePage(dist, 'claims.html', fs.readFileSync(path.join(root, 'web/claims.html'), 'utf8'));
const report = path.join(root, 'web/claims/report.json');
if (!fs.existsSync(report)) {
  console.error('claims page: web/claims/report.json is missing — run `npm run claims` and commit it');
  process.exit(1);
}
fs.mkdirSync(path.join(dist, 'claims'), { recursive: true });
fs.copyFileSync(report, path.join(dist, 'claims/report.json'));
const { generated, specsHash } = JSON.parse(fs.readFileSync(report, 'utf8'));
console.log(`claims page: dist/claims.html with the report measured ${generated} (specs ${specsHash ?? 'unstamped'})`);
