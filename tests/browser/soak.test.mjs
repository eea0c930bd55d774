// Issue 19, item 7, the short soak in the browser suite: lessons 6.9 (six runs, the most a lesson
// has) and 6.7 (digits: confusion matrices, the augmentation gallery, four runs) three times with
// Play again and Reset, in one page.
// The long one, every lesson ten times, is `npm run soak` (soak_run.mjs).
//
// What it asserts, and why these bounds:
//   - the views update in place: the confusion matrix and gallery elements of a run are the same
//     objects across snapshots and rounds (a rebuilt <table><thead> per snapshot is what grew the
//     renderer ~2.5 MB per round in issue 19);
//   - no training worker is started after the warm-up round, and as many are alive after every
//     round: going from 6.9's six runs to 6.7's four and back ended two workers and started two
//     per round while the lab kept four idle (web/lab.js IDLE_WORKERS; the renderer then grew
//     +4.4 MB per round on these two lessons over five rounds, -0.9 without the churn). A worker
//     kept alive per round would fail the count at once, whatever the memory noise;
//   - the run workers' wasm memory (sum and largest, from the worker's `memory` message) does not
//     grow after the warm-up round and no worker holds more than 64 MB (these lessons are MLPs:
//     every worker stays at the engine's initial 16 MB; wasm memory never shrinks);
//   - DOM nodes and event listeners come back to the same count after every round (±2 % for
//     the nodes of a status line or chart legend that differ with timing), and the JS heap stays
//     within 5 MB of the first round;
//   - the renderer's private memory grows less than 10 MB per round on average over rounds 1–3.
//     That is a guard against gross leaks only (a lesson page kept alive per visit grew 6.7 + 6.9
//     by ~13 MB per round): in so few rounds the renderer moves ±7 MB from one round to the next
//     on a shared machine, so whether memory levels off is for the long soak (`npm run soak`,
//     slope of its second half) to say. The element and worker checks are the regression tests.
import { chromium } from 'playwright-core';
import { test, assert } from './harness.mjs';
import { soak, formatRow } from './soak.mjs';

const ROUNDS = 3;
const BOUND_MB = 10;

test('soak (short): 3 rounds of lessons 6.9 and 6.7 with Play again / Reset — views update in place; no worker started or kept per round; wasm memory flat; DOM, listeners, JS heap and renderer memory stay flat', async ({ base }) => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(180_000);  // a shared, busy machine: every step waits for training anyway
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const pageSession = await context.newCDPSession(page);
    const browserSession = await browser.newBrowserCDPSession();
    await page.goto(`${base}/#/6.1`);
    await page.locator('article.lesson .run-card').first().waitFor({ state: 'attached', timeout: 120_000 });
    // Tags the elements of the first visit; after every snapshot of a round they must be the same.
    const tag = () => page.evaluate(() => {
      const all = [...document.querySelectorAll('figure.confusion, .galleries canvas')];
      all.forEach((n) => { n.__soakTag ??= Math.random(); });
      return all.map((n) => n.__soakTag);
    });
    const rows = await soak(page, pageSession, browserSession, {
      rounds: ROUNDS, lessons: ['6.9', '6.7'], steps: ['play-again', 'reset'],
      onRound: (row, all) => { console.log(`      ${formatRow(row, all[all.length - 2])}`); },
    });
    // In place within one visit: tag now, train again, compare.
    const before = await tag();
    assert(before.length >= 5, `6.7 shows confusion matrices and gallery canvases (${before.length})`);
    await page.click('#play');
    await page.waitForFunction(() => document.querySelector('main#lab').dataset.status !== 'done', null, { timeout: 10_000 }).then((h) => h.dispose(), () => {});
    await page.locator('main#lab[data-status="done"]').waitFor({ state: 'attached', timeout: 180_000 });
    const after = await page.evaluate(() => [...document.querySelectorAll('figure.confusion, .galleries canvas')].map((n) => n.__soakTag));
    assert(JSON.stringify(after) === JSON.stringify(before), `the confusion matrices and gallery canvases are updated, not rebuilt (${after.filter((t, i) => t !== before[i]).length} of ${after.length} replaced)`);

    const first = rows[1], last = rows.at(-1);
    for (const r of rows) {
      assert(r.wasmMaxMB <= 64, `round ${r.round}: a run worker holds ${r.wasmMaxMB.toFixed(0)} MB of wasm memory (the MLP lessons stay at the initial 16 MB; the pool ends an idle one above 64 MB)`);
      assert(r.wasmSumMB <= rows[0].wasmSumMB + 0.5, `run workers' wasm memory: round ${r.round} ${r.wasmSumMB.toFixed(0)} MB, the warm-up round ${rows[0].wasmSumMB.toFixed(0)} MB`);
    }
    for (const r of rows.slice(1)) {
      assert(r.workersStarted === 0, `round ${r.round} started ${r.workersStarted} worker(s): the lab's idle workers should cover every lesson's runs`);
      assert(r.workersAlive === rows[0].workersAlive, `workers alive: round ${r.round} has ${r.workersAlive}, the warm-up round had ${rows[0].workersAlive}`);
    }
    for (const r of rows.slice(2)) {
      assert(Math.abs(r.nodes - first.nodes) <= 0.02 * first.nodes, `DOM nodes: round ${r.round} has ${r.nodes}, round 1 had ${first.nodes}`);
      assert(r.listeners <= first.listeners + 5, `event listeners: round ${r.round} has ${r.listeners}, round 1 had ${first.listeners}`);
      assert(r.heapMB - first.heapMB < 5, `JS heap: round ${r.round} ${r.heapMB.toFixed(1)} MB, round 1 ${first.heapMB.toFixed(1)} MB`);
    }
    const growth = (last.privateMB - rows[1].privateMB) / (rows.length - 2);
    console.log(`      renderer private memory: ${growth.toFixed(2)} MB per round over rounds 1–${last.round} (bound ${BOUND_MB} MB)`);
    assert(growth < BOUND_MB, `renderer memory grows ${growth.toFixed(2)} MB per round (bound ${BOUND_MB} MB)`);
    assert(errors.length === 0, `page errors:\n${errors.join('\n')}`);
  } finally {
    await browser.close();
  }
}, { timeout: 600_000 });
