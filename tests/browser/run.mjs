// Runs every browser test against the built site (dist/) in headless Chromium.
//   node tests/browser/run.mjs [name-filter]
// Prints one line per test and a summary; exits non-zero when any test fails.
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, newPage, tests, DIST, SHOTS } from './harness.mjs';
import './foundation.test.mjs';
import './lessons.test.mjs';
import './layout.test.mjs';
import './interaction.test.mjs';
import './accessibility.test.mjs';
import './widgets.test.mjs';
import './exercises.test.mjs';
import './sandbox.test.mjs';
import './uploads.test.mjs';
import './soak.test.mjs';
import './performance.test.mjs';
import './pages.test.mjs';
import './cnn.test.mjs';
import './offline.test.mjs';
import './ends.test.mjs';

const filter = process.argv[2] ?? '';
if (!fs.existsSync(path.join(DIST, 'index.html')) || !fs.existsSync(path.join(DIST, 'engine/reglab.wasm'))) {
  console.error('dist/ is missing or has no engine/reglab.wasm: build first (./build.sh, or node web/build.mjs after the wasm build)');
  process.exit(2);
}

const server = await serve(DIST);
const browser = await launch();
const t0 = Date.now();
let passed = 0;
const failed = [];
const flaky = [];

// One attempt in a fresh page; resolves to null when the test passed, else to its error.
async function attempt(t) {
  const { page, errors } = await newPage(browser.context);
  try {
    let timer;
    await Promise.race([
      t.fn({ page, errors, base: server.url, context: browser.context }),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${t.timeout / 1000} s`)), t.timeout); }),
    ]).finally(() => clearTimeout(timer));
    return null;
  } catch (e) {
    try {
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, `FAILED-${t.name.replace(/[^\w.-]+/g, '-')}.png`), fullPage: true });
    } catch { /* the page may be gone */ }
    return e;
  } finally {
    await page.close().catch(() => {});
  }
}

const indent = (e) => String(e?.message ?? e).split('\n').join('\n      ');
for (const t of tests.filter((t) => t.name.includes(filter))) {
  const start = Date.now();
  const first = await attempt(t);
  // A test that fails is run once more in a fresh page: these machines are shared and noisy, and a
  // timing-bound step can miss its window under load. A pass on the second try is reported as
  // flaky with the first failure's message, so it stays visible; two failures fail the suite.
  const second = first && await attempt(t);
  const secs = ((Date.now() - start) / 1000).toFixed(1);
  if (!first) {
    passed++;
    console.log(`  ✓ ${t.name} (${secs} s)`);
  } else if (!second) {
    passed++;
    flaky.push(t.name);
    console.log(`  ✓ ${t.name} (${secs} s) FLAKY: passed on the second try; the first failed with\n      ${indent(first)}`);
  } else {
    failed.push(t.name);
    console.log(`  ✗ ${t.name} (${secs} s), twice\n      ${indent(first)}\n      second try:\n      ${indent(second)}`);
  }
}
await browser.close();
await server.close();
console.log(`\nbrowser tests: ${passed} passed (${flaky.length} on the second try), ${failed.length} failed (${((Date.now() - t0) / 1000).toFixed(0)} s); screenshots in ${path.relative(process.cwd(), SHOTS) || SHOTS}`);
if (flaky.length) console.log(`flaky (passed on the second try): ${flaky.join(', ')}`);
if (failed.length) {
  console.log(`failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
