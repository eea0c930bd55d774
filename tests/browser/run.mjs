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
for (const t of tests.filter((t) => t.name.includes(filter))) {
  const start = Date.now();
  const { page, errors } = await newPage(browser.context);
  try {
    let timer;
    await Promise.race([
      t.fn({ page, errors, base: server.url, context: browser.context }),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${t.timeout / 1000} s`)), t.timeout); }),
    ]).finally(() => clearTimeout(timer));
    passed++;
    console.log(`  ✓ ${t.name} (${((Date.now() - start) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed.push(t.name);
    console.log(`  ✗ ${t.name} (${((Date.now() - start) / 1000).toFixed(1)} s)\n      ${String(e.message).split('\n').join('\n      ')}`);
    try {
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, `FAILED-${t.name.replace(/[^\w.-]+/g, '-')}.png`), fullPage: true });
    } catch { /* the page may be gone */ }
  } finally {
    await page.close().catch(() => {});
  }
}
await browser.close();
await server.close();
console.log(`\nbrowser tests: ${passed} passed, ${failed.length} failed (${((Date.now() - t0) / 1000).toFixed(0)} s); screenshots in ${path.relative(process.cwd(), SHOTS) || SHOTS}`);
if (failed.length) {
  console.log(`failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
