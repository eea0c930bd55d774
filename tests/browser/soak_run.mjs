// The long soak (`npm run soak`): ROUNDS rounds (default 10) through every lesson with Play
// again / Reset / Add run in one page, printing the renderer's memory per round, then asserting
// that it levels off: the least-squares slope of the renderer's private memory (after a garbage
// collection in the page and in every worker: what it keeps, see soak.mjs) over the last
// LAST rounds (default: the second half; single rounds move by several MB either way) stays under
// SOAK_BOUND_MB per round (default 1 MB: thirty rounds — a lecture's worth of visits twice over —
// would then add under 30 MB to a renderer that starts near 250 MB, ~12 %; issue 19 measured
// 2.5 MB per round that had not levelled off after 30 rounds); that the run workers' wasm memory
// (sum over the page's run workers) is never more after a round than after the warm-up round
// (wasm memory never shrinks: a worker keeps the peak of every run it held; web/session/
// worker_pool.js ends an idle worker above 64 MB); and that after the warm-up round no worker is
// started and as many stay alive (an ended worker's isolate stays in the renderer's allocator; a
// kept one holds its engine) — except that a round visiting CNN or sequence presets may start one
// worker per start of such a run (the pool replaces a worker a CNN grew past 64 MB).
//   node tests/browser/soak_run.mjs [rounds]        SOAK_DIST=dir serves another build,
//   SOAK_LESSONS=6.7,6.9 visits only those lessons, SOAK_LESSONS='6.4?p=6.4-cnn,6.9' a preset
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve, DIST } from './harness.mjs';
import { soak, formatRow } from './soak.mjs';

const rounds = Number(process.argv[2] ?? 10);
const last = Number(process.env.SOAK_LAST ?? Math.max(3, Math.ceil(rounds / 2)));
const bound = Number(process.env.SOAK_BOUND_MB ?? 1);
const dist = process.env.SOAK_DIST ? path.resolve(process.env.SOAK_DIST) : DIST;

const server = await serve(dist);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
page.setDefaultTimeout(180_000);  // a shared, busy machine: every step waits for training anyway
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
const pageSession = await context.newCDPSession(page);
const browserSession = await browser.newBrowserCDPSession();
await page.goto(`${server.url}/#/6.1`);
await page.locator('article.lesson .run-card').first().waitFor({ state: 'attached', timeout: 120_000 });
console.log(`soak: ${rounds} rounds through ${process.env.SOAK_LESSONS ?? 'every lesson'} (${dist}); round 0 is the warm-up visit`);
let rows;
try {
  rows = await soak(page, pageSession, browserSession, {
    rounds, lessons: process.env.SOAK_LESSONS?.split(','), onRound: (row, all) => console.log(formatRow(row, all[all.length - 2])),
  });
} finally {
  await browser.close();
  await server.close();
}
const growth = rows.slice(1).map((r, i) => r.privateMB - rows[i].privateMB);
const tail = rows.slice(-(last + 1));
// Least-squares slope of `key` over the tail rounds, MB per round.
const slope = (key) => {
  const mx = tail.reduce((a, r) => a + r.round, 0) / tail.length, my = tail.reduce((a, r) => a + r[key], 0) / tail.length;
  return tail.reduce((a, r) => a + (r.round - mx) * (r[key] - my), 0) / tail.reduce((a, r) => a + (r.round - mx) ** 2, 0);
};
const mean = slope('privateMB');
console.log(`growth per round (MB): ${growth.map((g) => g.toFixed(1)).join(', ')}`);
console.log(`slope over rounds ${tail[0].round}–${tail.at(-1).round}: ${mean.toFixed(2)} MB per round (bound ${bound} MB); total ${(rows.at(-1).privateMB - rows[0].privateMB).toFixed(1)} MB over ${rounds} rounds`);
console.log(`before the workers' garbage is collected: ${rows.map((r) => r.privateUncollectedMB.toFixed(0)).join(', ')} MB; slope ${slope('privateUncollectedMB').toFixed(2)} MB per round (printed, not bounded: V8 collects an idle worker's garbage only when it allocates again)`);
// Starts of runs whose model is a CNN or sequence model per round: each run of such a preset, for
// the visit and each of its steps (Play again, Reset, Add run: one more run).
const STEPS = 3;
const heavyStarts = (process.env.SOAK_LESSONS?.split(',') ?? []).reduce((n, id) => {
  const preset = JSON.parse(fs.readFileSync(new URL(`../../web/presets/${id.split('?p=')[1] ?? id}.json`, import.meta.url), 'utf8'));
  const heavy = preset.runs.filter((r) => (r.spec ?? r).model?.kind && (r.spec ?? r).model.kind !== 'mlp').length;
  return n + (heavy ? (heavy + 1) * (1 + STEPS) : 0);
}, 0);
const workerRounds = rows.slice(1).filter((r) => r.workersStarted > heavyStarts || (!heavyStarts && r.workersAlive !== rows[0].workersAlive));
const wasmRounds = rows.slice(1).filter((r) => r.wasmSumMB > rows[0].wasmSumMB + 0.5);
console.log(`run workers' wasm memory (MB, sum/largest): ${rows.map((r) => `${r.wasmSumMB.toFixed(0)}/${r.wasmMaxMB.toFixed(0)}`).join(', ')}${wasmRounds.length ? ` — rounds ${wasmRounds.map((r) => r.round).join(', ')} hold more than the warm-up round` : ''}`);
console.log(`workers: ${rows.map((r) => `${r.workersAlive} alive/${r.workersStarted} started`).join(', ')} (at most ${heavyStarts} started per round)${workerRounds.length ? ` — rounds ${workerRounds.map((r) => r.round).join(', ')} started or kept workers` : ''}`);
if (errors.length) console.log(`page errors:\n${errors.join('\n')}`);
if (mean > bound || errors.length || workerRounds.length || wasmRounds.length) process.exitCode = 1;
