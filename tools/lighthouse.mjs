// `npm run lighthouse`: Lighthouse (npm lighthouse, pinned) against Debian's Chromium on the lab,
// the exercises and the lecture notes, served from dist/ by tools/serve.mjs (precompressed, the
// way the site is meant to be served), with Lighthouse's default mobile settings (simulated slow
// 4G, 4× CPU slowdown, a phone-sized screen). Writes build/lighthouse/<page>.report.html and
// .report.json, prints each page's performance / accessibility / best-practices scores with LCP,
// TBT and CLS, and the audits that cost points. Budgets (issue 18): performance ≥ 95,
// accessibility 100, best practices ≥ 95; the exit code is 1 when a page misses one (--no-fail:
// always 0). Run after ./build.sh (or the web steps of build.sh).
//   CHROME_PATH=/usr/bin/chromium npm run lighthouse [-- --only lab,notes] [--no-fail]
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'build/lighthouse');
const bin = path.join(root, 'node_modules/lighthouse/cli/index.js');
const PAGES = { lab: 'index.html', exercises: 'exercises.html', notes: 'examples/lecture-notes.html' };
const BUDGET = { performance: 95, accessibility: 100, 'best-practices': 95 };

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : Object.keys(PAGES);
if (!fs.existsSync(path.join(root, 'dist/index.html'))) {
  console.error('lighthouse: dist/ is missing — build first (./build.sh)');
  process.exit(2);
}
if (!fs.existsSync(bin)) {
  console.error('lighthouse: node_modules/lighthouse is missing — npm ci');
  process.exit(2);
}
const env = { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' };

fs.mkdirSync(out, { recursive: true });
const server = await serve(path.join(root, 'dist'));
const base = `http://127.0.0.1:${server.address().port}`;
let missed = 0;
try {
  for (const name of only) {
    const url = `${base}/${PAGES[name]}`;
    const file = path.join(out, name);
    await promisify(execFile)(process.execPath, [bin, url,
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage',
      '--output=json', '--output=html', `--output-path=${file}`, '--quiet',
      '--only-categories=performance,accessibility,best-practices'], { env, maxBuffer: 1 << 26 });
    const report = JSON.parse(fs.readFileSync(`${file}.report.json`, 'utf8'));
    const score = (c) => Math.round(report.categories[c].score * 100);
    const metric = (id) => report.audits[id].displayValue;
    const scores = Object.keys(BUDGET).map((c) => `${c} ${score(c)}`).join(', ');
    console.log(`${name.padEnd(9)} ${scores} — LCP ${metric('largest-contentful-paint')}, TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')}, FCP ${metric('first-contentful-paint')}`);
    for (const [c, min] of Object.entries(BUDGET)) {
      if (score(c) >= min) continue;
      missed++;
      // The audits of the category that lost points, heaviest first.
      const lost = report.categories[c].auditRefs
        .filter((r) => r.weight > 0 && report.audits[r.id].score !== null && report.audits[r.id].score < 1)
        .sort((a, b) => b.weight * (1 - report.audits[b.id].score) - a.weight * (1 - report.audits[a.id].score))
        .map((r) => `${r.id}${report.audits[r.id].displayValue ? ` (${report.audits[r.id].displayValue})` : ''}`);
      console.log(`          ${c} below ${min}: ${lost.join(', ')}`);
    }
  }
} finally {
  server.close();
}
console.log(`reports: ${path.relative(process.cwd(), out)}/<page>.report.html`);
if (missed && !args.includes('--no-fail')) process.exitCode = 1;
