// A lecture-long session, as an instructor uses the lab: every lesson in turn, each one trained to
// the end, then "Play again", "Reset" (and play), "+ Add run" — all in one page that is never
// reloaded. After every round it reads, through the Chrome DevTools Protocol:
//   - the renderer processes' memory (SystemInfo.getProcessInfo gives their pids; the private
//     bytes come from /proc/<pid>/smaps_rollup, so freed-but-kept allocator pages count, which is
//     what an instructor's machine pays for) — as it is, and after a forced garbage collection in
//     the page and in every worker (what is kept, which is what the soak bounds);
//   - the page's JS heap, DOM nodes, documents and event listeners (Performance.getMetrics);
//   - the page's workers: how many are alive, and how many were started during the round;
//   - the workers' JS heaps after a collection (used and allocated; CDP on each worker target);
//   - the run workers' WebAssembly memory (sum and largest), asked with the worker's own `memory`
//     message (web/engine/worker.js): wasm memory never shrinks, so it is what a worker keeps.
// Used by soak.test.mjs (a short run in the browser suite) and soak_run.mjs (`npm run soak`).
import fs from 'node:fs';
import { LESSONS } from '../../web/lessons.js';
import { skipPrediction } from './harness.mjs';

const MB = 1024 * 1024;

// Private memory (clean + dirty + swapped) of every renderer process of `browser`, in MB.
export async function rendererMemory(browserSession) {
  const { processInfo } = await browserSession.send('SystemInfo.getProcessInfo');
  let privateBytes = 0, rssBytes = 0, count = 0;
  for (const p of processInfo.filter((p) => p.type === 'renderer')) {
    let text;
    try { text = fs.readFileSync(`/proc/${p.id}/smaps_rollup`, 'utf8'); } catch { continue; }
    const kb = (name) => Number(text.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0);
    privateBytes += (kb('Private_Clean') + kb('Private_Dirty') + kb('Swap')) * 1024;
    rssBytes += kb('Rss') * 1024;
    count++;
  }
  return { privateMB: privateBytes / MB, rssMB: rssBytes / MB, renderers: count };
}

export async function pageCounters(pageSession) {
  await pageSession.send('HeapProfiler.collectGarbage');
  const { metrics } = await pageSession.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  return { heapMB: m.JSHeapUsedSize / MB, nodes: m.Nodes, documents: m.Documents, listeners: m.JSEventListeners };
}

// Each run worker's wasm memory in MB. The soak cannot reach the page's pool (module scope), so it
// delivers the plain `memory` message to each worker's own handler and takes the reply before it
// is posted to the page (the page's handle has no request of that id and would drop it anyway).
export async function workerMemory(page) {
  const sizes = [];
  for (const w of page.workers()) {
    const bytes = await w.evaluate(() => {
      if (self.name !== 'reglab-run' || typeof self.onmessage !== 'function') return null;
      return new Promise((resolve) => {
        const post = self.postMessage;
        self.postMessage = (msg, ...rest) => {
          if (msg?.id !== 'soak-memory') return post.call(self, msg, ...rest);
          self.postMessage = post;
          resolve(msg.wasmBytes);
        };
        self.onmessage({ data: { type: 'memory', id: 'soak-memory' } });
      });
    }).catch(() => null); // a worker ended meanwhile
    if (bytes != null) sizes.push(bytes / MB);
  }
  return { wasmSumMB: sizes.reduce((a, b) => a + b, 0), wasmMaxMB: Math.max(0, ...sizes), wasmWorkers: sizes.length };
}

// The JS heaps of the page's workers (used and allocated, MB), through the browser's CDP session:
// Runtime.getHeapUsage on each worker target after HeapProfiler.collectGarbage there
// (performance.memory does not exist in workers).
export async function workerHeaps(browserSession) {
  const { targetInfos } = await browserSession.send('Target.getTargets');
  const replies = new Map();
  const onMessage = ({ message }) => { const m = JSON.parse(message); replies.get(m.id)?.(m.result); };
  browserSession.on('Target.receivedMessageFromTarget', onMessage);
  let usedMB = 0, totalMB = 0, id = 0;
  for (const t of targetInfos.filter((t) => t.type === 'worker')) {
    const { sessionId } = await browserSession.send('Target.attachToTarget', { targetId: t.targetId, flatten: false }).catch(() => ({}));
    if (!sessionId) continue;
    // A collection first, so that what is counted is what the worker keeps.
    const gc = ++id;
    const collected = new Promise((resolve) => { replies.set(gc, resolve); setTimeout(() => resolve(null), 5000); });
    await browserSession.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: gc, method: 'HeapProfiler.collectGarbage' }) });
    await collected;
    const ask = ++id;
    const reply = new Promise((resolve) => { replies.set(ask, resolve); setTimeout(() => resolve(null), 5000); });
    await browserSession.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: ask, method: 'Runtime.getHeapUsage' }) });
    const r = await reply;
    await browserSession.send('Target.detachFromTarget', { sessionId }).catch(() => {});
    if (r) { usedMB += r.usedSize / MB; totalMB += r.totalSize / MB; }
  }
  browserSession.off('Target.receivedMessageFromTarget', onMessage);
  return { workerHeapMB: usedMB, workerHeapTotalMB: totalMB };
}

// The soak holds no element handles: page.waitForSelector and waitForFunction return handles
// that DevTools keeps alive (with every element they reach) until disposed — that alone grew
// the DOM by a lesson page per visit. Locators and evaluate() hold nothing.

// Memory and counters after two garbage collections and a moment for the renderer to settle.
export async function measure(page, pageSession, browserSession) {
  await pageSession.send('HeapProfiler.collectGarbage');
  await page.waitForTimeout(300);
  const counters = await pageCounters(pageSession);
  return { ...counters, ...(await rendererMemory(browserSession)) };
}

async function done(page, what, timeout = 180_000) {
  try {
    await page.locator('main#lab[data-status="done"]').waitFor({ state: 'attached', timeout });
  } catch (e) {
    const status = await page.evaluate(() => ({ status: document.querySelector('main#lab').dataset.status, play: document.querySelector('#play')?.textContent,
      cards: [...document.querySelectorAll('.run-card')].map((c) => `${c.dataset.run}:${c.dataset.state}`) })).catch(() => null);
    throw new Error(`${what}: the page did not say done in ${timeout / 1000} s (${JSON.stringify(status)})`);
  }
}

// One lesson visit: open it from the navigation, train to the end, Play again, Reset and play,
// Add run. Every step waits until the page says done.
// `id` is a lesson (6.4) or one of its other presets, as in the URL (6.4?p=6.4-cnn): that one is
// opened from the lesson's preset tabs.
export async function visitLesson(page, id, { steps = ['play-again', 'reset', 'add-run'] } = {}) {
  const lesson = id.split('?')[0];
  await page.click(`#lessons a[data-lesson="${lesson}"]`);
  await page.locator(`article.lesson[data-lesson="${lesson}"] .run-card`).first().waitFor({ state: 'attached', timeout: 120_000 });
  if (id !== lesson) {
    await page.click(`a.tab[href="#/${id}"]`);
    await page.locator(`a.tab[aria-current="true"][href="#/${id}"]`).waitFor({ state: 'attached', timeout: 120_000 });
    await page.waitForFunction(() => document.querySelector('main#lab').dataset.status !== 'done', null, { timeout: 10_000 }).then((h) => h.dispose(), () => {});
  }
  await skipPrediction(page);
  await page.selectOption('#speed', 'max');
  await done(page, `lesson ${id}`);
  for (const step of steps) {
    if (step === 'play-again') await page.click('#play');
    if (step === 'reset') {
      await page.getByRole('button', { name: 'Reset', exact: true }).click();
      if ((await page.getAttribute('main#lab', 'data-status')) !== 'running') await page.click('#play');
    }
    if (step === 'add-run') {
      const add = page.getByRole('button', { name: '+ Add run' });
      if (await add.isDisabled()) continue;
      await add.click();
      // A run added to a finished lesson waits for Play.
      if ((await page.getAttribute('main#lab', 'data-status')) === 'paused') await page.click('#play');
    }
    await page.waitForFunction(() => document.querySelector('main#lab').dataset.status !== 'done', null, { timeout: 10_000 }).then((h) => h.dispose(), () => {});
    await done(page, `lesson ${id}, ${step}`);
    if (process.env.SOAK_VERBOSE) console.log(`  ${id} ${step} done`);
  }
}

// Rounds through `lessons`; calls onRound({round, ...measure}) after every round. Round 0 is the
// page after one warm-up visit of every lesson (caches, compiled code and pools in place).
export async function soak(page, pageSession, browserSession, { rounds, lessons, onRound, steps }) {
  lessons ??= LESSONS.map((l) => l.id);
  await pageSession.send('Performance.enable');
  const rows = [];
  let started = 0;
  const onWorker = () => { started++; };
  page.on('worker', onWorker);
  for (let round = 0; round <= rounds; round++) {
    const t0 = Date.now();
    started = 0;
    for (const id of lessons) await visitLesson(page, id, { steps: round === 0 ? [] : steps });
    const seconds = (Date.now() - t0) / 1000;
    // The renderer as it is, then after collecting every isolate in it. The workers' garbage counts
    // in the first: an idle pool worker allocates nothing, so V8 has no reason to collect what its
    // last run left (snapshot arrays, records), and in a memory-infra trace the renderer's
    // ArrayBuffer partition grew 9 → 24 MB over four rounds that way, then fell back to 4 MB once
    // the workers were collected. What the page keeps is the second.
    const { privateMB: privateUncollectedMB } = await rendererMemory(browserSession);
    const heaps = await workerHeaps(browserSession);
    const row = { round, seconds, ...(await measure(page, pageSession, browserSession)), privateUncollectedMB,
      workersAlive: page.workers().length, workersStarted: started, ...(await workerMemory(page)), ...heaps };
    rows.push(row);
    await onRound?.(row, rows);
  }
  page.off('worker', onWorker);
  return rows;
}

export function formatRow(row, prev) {
  const d = (k, digits = 1) => (prev ? ` (${row[k] - prev[k] >= 0 ? '+' : ''}${(row[k] - prev[k]).toFixed(digits)})` : '');
  return `round ${String(row.round).padStart(2)}: renderer private ${row.privateMB.toFixed(1)} MB${d('privateMB')} (before the workers' collection ${row.privateUncollectedMB.toFixed(1)} MB${d('privateUncollectedMB')}), rss ${row.rssMB.toFixed(1)} MB${d('rssMB')}; ` +
    `JS heap ${row.heapMB.toFixed(1)} MB${d('heapMB')}; DOM nodes ${row.nodes}${d('nodes', 0)}; listeners ${row.listeners}${d('listeners', 0)}; documents ${row.documents}; ` +
    `workers ${row.workersAlive} alive, ${row.workersStarted} started; wasm ${row.wasmSumMB.toFixed(0)} MB in ${row.wasmWorkers} run workers${d('wasmSumMB', 0)}, largest ${row.wasmMaxMB.toFixed(0)} MB; workers' JS heap ${row.workerHeapMB.toFixed(1)} MB${d('workerHeapMB')} of ${row.workerHeapTotalMB.toFixed(1)} MB${d('workerHeapTotalMB')}; ${row.renderers} renderer${row.renderers === 1 ? '' : 's'}; ${row.seconds.toFixed(0)} s`;
}
