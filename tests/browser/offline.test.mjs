// Issue 18: a light first load, measured, and the site offline after one visit.
//   - the bytes over the wire until the lab's first chart frame, as served by tools/serve.mjs
//     (precompressed .br twins): asserted ≤ 300 KB — bytes are deterministic, unlike times;
//   - the first chart frame under CDP throttling (4× CPU, 1.6 Mbit/s, 150 ms RTT): printed and
//     written to build/perf/first-load.json, not asserted (the benchmark's budget is 3 s);
//   - offline: load the lab once (the service worker caches the site), go offline, reload, open
//     another lesson: it renders and trains; the exercises and the lecture notes open too; then a
//     new build of the site shows the "Updated — reload" notice and the reload brings it in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { test, assert, launch, newPage, openLab, skipPrediction, DIST, ROOT } from './harness.mjs';
import { serve } from '../../tools/serve.mjs';
import { precompress } from '../../tools/precompress.mjs';

const BUDGET = 300 * 1024;
const OUT = path.join(ROOT, 'build/perf/first-load.json');
function record(key, value) {
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  const all = fs.existsSync(OUT) ? JSON.parse(fs.readFileSync(OUT, 'utf8')) : {};
  all[key] = { ...value, at: new Date().toISOString() };
  fs.writeFileSync(OUT, JSON.stringify(all, null, 1) + '\n');
}

// Loads the lab from `server` (tools/serve.mjs) with the page's cache off and counts what the
// server wrote to its sockets (status lines, headers and bodies: every byte over the wire, from the
// page and its workers) for the requests it received until the page marked its first chart frame.
// (Counted by when each request arrived, against the mark's own time: the test only learns of the
// mark when its poll gets a turn on the page's main thread, which may be busy drawing; what the
// page asked for after the frame is not part of the first load.) Also lists each response (its
// bytes on its socket, its encoding, when the server got the request and finished it).
async function firstLoad(page, server, throttle = null) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttle) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle.cpu });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: throttle.rttMs, downloadThroughput: throttle.downBps, uploadThroughput: throttle.upBps,
    });
  }
  const written = new Map();          // socket → bytes written when its last response finished
  const encodings = new Map();        // url path → Content-Encoding, as the browser received it
  const files = [];
  const t0 = Date.now();
  const onConnection = (socket) => { written.set(socket, 0); };
  const inFlight = new Set();
  const onRequest = (req, res) => {
    const startMs = Date.now() - t0;
    const done = new Promise((resolve) => res.on('finish', () => {
      const socket = res.socket ?? req.socket;
      const bytes = socket.bytesWritten - (written.get(socket) ?? 0);
      written.set(socket, socket.bytesWritten);
      files.push({ file: req.url, status: res.statusCode, bytes, startMs, endMs: Date.now() - t0 });
      inFlight.delete(done);
      resolve();
    }));
    inFlight.add(done);
  };
  const onResponse = (r) => encodings.set(new URL(r.url()).pathname, r.headers()['content-encoding'] ?? '');
  server.on('connection', onConnection);
  server.on('request', onRequest);
  page.on('response', onResponse);
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  // The default lesson's runs wait for a prediction: "Skip — just run" as soon as it is there.
  await page.waitForSelector('article.lesson .run-card', { state: 'attached', timeout: 120_000 });
  await skipPrediction(page);
  await page.waitForFunction(() => performance.getEntriesByName('reglab:first-chart').length > 0, null, { timeout: 120_000, polling: 50 });
  const [firstChartMs, markAt] = await page.evaluate(() => {
    const mark = performance.getEntriesByName('reglab:first-chart')[0].startTime;
    return [mark, performance.timeOrigin + mark];
  });
  server.off('connection', onConnection);
  server.off('request', onRequest);
  page.off('response', onResponse);
  await Promise.all(inFlight);
  const atMark = files.filter((f) => t0 + f.startMs <= markAt);
  const bytes = atMark.reduce((n, f) => n + f.bytes, 0);
  for (const f of atMark) f.encoding = encodings.get(new URL(f.file, 'http://x').pathname) ?? '';
  if (throttle) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  }
  await cdp.detach();
  return { firstChartMs, bytes, files: atMark.sort((a, b) => b.bytes - a.bytes) };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// Both first-load tests run in a browser of their own with service workers allowed, as a visitor's
// is: the worker's install (the whole site) must wait until the first chart frame.
test('first load: bytes over the wire until the first chart frame (budget 300 KB)', async () => {
  const server = await serve(DIST);
  const browser = await launch({ serviceWorkers: 'allow' });
  const { page, errors } = await newPage(browser.context);
  try {
    const r = await firstLoad(page, server);
    console.log(`      first load until the first chart frame (${r.firstChartMs.toFixed(0)} ms): ${kb(r.bytes)} over the wire in ${r.files.length} responses — ${r.files.map((f) => `${f.file} ${kb(f.bytes)}${f.encoding ? ` ${f.encoding}` : ''} (at ${f.startMs} ms)`).join(', ')}`);
    record('transfer', { bytes: r.bytes, files: r.files });
    // The first lesson trains an MLP: the page loads the core engine module, not the full one.
    const wasm = r.files.find((f) => f.file.endsWith('/reglab-core.wasm'));
    assert(wasm?.encoding === 'br', `reglab-core.wasm should arrive Brotli-compressed: ${JSON.stringify(wasm)}`);
    const full = r.files.filter((f) => /\/reglab\.(wasm|mjs)$/.test(f.file));
    assert(full.length === 0, `the first load should not fetch the full engine module: ${JSON.stringify(full)}`);
    // Issue 18's budget is 300 KB. Since the convolutional and sequence models joined the engine
    // (reglab.wasm 146 → ~200 KB Brotli) the lab's first load was over it (373 KB); the core module
    // (the mlp only, 164 KB Brotli) brought it to 339.5 KB, the rest is app.js (108 KB Brotli, half
    // of it Chart.js). Split app.js (Chart.js a chunk fetched at once; the lesson's ends, the lesson
    // questions and the exports imported after the first chart frame or on use): 333.2 KB. Then the
    // lesson's runs came to wait for the student's prediction (issue 16), so its question — the
    // lesson questions chunk, 23 KB Brotli with every lesson's predictions and Check-yourself sets —
    // is part of the first view again: 349.4 KB. The stepLoss record field (issue 17: its code in the
    // core module, its help text in describe.json) and the summary's step-loss columns added 1.2 KB:
    // 350.6 KB. Then a lesson's questions, text and formulas became chunks of their own (the first
    // load carries 6.1's, not all nine: −14.6 KB), KaTeX's stylesheet kept only the rules the
    // formulas use and each font only the characters drawn in it (−6.9 KB), and describe.json only
    // the fields (−1.8 KB): 326.9 KB. Then Chart.js without the scales it never registers (−4.5),
    // KaTeX fonts without hinting and split by unicode-range for 6.1's characters (−13.8), the
    // lesson's ends after the first frame (−2.9), the claims rules per lesson (−2.2) and the core
    // module without the text-augmentation word tables (−10.1), with the preload links and the
    // worker's second import adding 1.4: 294.8 KB. (With the page's cache
    // off, as here, each of the two warm workers fetches worker.js in full, 3.3 KB each; with it
    // on, as on a first visit, the second one is a 304.)
    assert(r.bytes <= BUDGET, `the first load should transfer at most ${kb(BUDGET)}, transferred ${kb(r.bytes)}:\n${r.files.map((f) => `${f.file} ${f.status} ${f.bytes}`).join('\n')}`);
    assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('first load under 4× CPU, 1.6 Mbit/s, 150 ms RTT: time to the first live chart frame (printed)', async () => {
  const server = await serve(DIST);
  const browser = await launch({ serviceWorkers: 'allow' });
  const { page, errors } = await newPage(browser.context);
  try {
    const throttle = { cpu: 4, rttMs: 150, downBps: 1.6e6 / 8, upBps: 0.75e6 / 8 };
    const r = await firstLoad(page, server, throttle);
    console.log(`      throttled first chart frame: ${r.firstChartMs.toFixed(0)} ms after navigation start (${kb(r.bytes)} transferred; budget 3000 ms)`);
    if (process.env.WATERFALL) for (const f of [...r.files].sort((a, b) => a.startMs - b.startMs)) console.log(`        ${String(f.startMs).padStart(6)} → ${String(f.endMs).padStart(6)} ms  ${f.file} ${f.status} ${f.bytes}`);
    record('throttled', { firstChartMs: r.firstChartMs, bytes: r.bytes, throttle });
    const points = await page.getAttribute('figure[data-chart="loss"]', 'data-points');
    assert(Number(points) > 0, `the loss chart should hold data once the mark is set, has ${points} points`);
    assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
});

// Waits until the site's service worker controls the page and has cached its version.
// (Polled from here: waitForFunction takes an async predicate's Promise as truthy at once.)
async function waitOffline(page) {
  const until = Date.now() + 60_000;
  for (;;) {
    const ready = await page.evaluate(async () => Boolean(navigator.serviceWorker.controller) &&
      (await caches.keys()).some((k) => k.startsWith('reglab-')));
    if (ready) return;
    if (Date.now() > until) throw new Error('the service worker did not take control of the page within 60 s');
    await page.waitForTimeout(200);
  }
}

// A lesson's own runs wait for a prediction (a reload asks again after a skip): skip, then train.
async function trains(page) {
  await skipPrediction(page);
  await page.waitForFunction(() => Number(document.querySelector('figure[data-chart="loss"]')?.dataset.points) > 0, null, { timeout: 60_000 });
}

test('offline after one visit: reload, another lesson, exercises and notes; a new version shows "Updated — reload"', async () => {
  // A copy of dist/ that this test can rebuild as a new version.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-offline-'));
  fs.cpSync(DIST, dir, { recursive: true, preserveTimestamps: true, filter: (f) => !f.endsWith('.bin') && !/\.bin\.(br|gz)$/.test(f) });
  const server = await serve(dir);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch({ serviceWorkers: 'allow' });
  try {
    const { page, errors } = await newPage(browser.context);
    await openLab(page, `${base}/#/6.1`);
    await trains(page);
    await waitOffline(page);

    await browser.context.setOffline(true);
    const offlineErrors = errors.length;
    await page.reload();
    await page.waitForSelector('article.lesson[data-lesson="6.1"] .run-card', { timeout: 30_000 });
    await trains(page);
    await page.click('nav[aria-label="Lessons"] a[data-lesson="6.3"]');
    await page.waitForSelector('article.lesson[data-lesson="6.3"] .run-card', { timeout: 30_000 });
    await trains(page);
    const formulas = await page.$$eval('article.lesson .katex', (k) => k.length);
    assert(formulas > 0, 'the lesson renders its formulas offline');

    for (const [file, selector] of [['exercises.html', 'reglab-exercise, [data-exercise], main'], ['examples/lecture-notes.html', '.katex']]) {
      await page.goto(`${base}/${file}`);
      await page.waitForSelector(selector, { timeout: 30_000 });
      const title = await page.title();
      assert(!/offline/i.test(title), `${file} should open offline from the cache, got "${title}"`);
    }
    // The page's own check for a new version (sw.js) is the one request that may fail offline.
    const offlineFailures = errors.slice(offlineErrors).filter((e) => !/\/sw\.js/.test(e));
    assert(offlineFailures.length === 0, `offline, nothing may fail:\n${offlineFailures.join('\n')}`);

    // A new version: one changed page, the service worker rebuilt (new content hash), recompressed.
    await browser.context.setOffline(false);
    await page.goto(`${base}/#/6.1`);
    await page.waitForSelector('article.lesson .run-card', { timeout: 30_000 });
    const before = await page.evaluate(() => caches.keys());
    fs.appendFileSync(path.join(dir, 'index.html'), '<!-- version 2 -->\n');
    execFileSync(process.execPath, [path.join(ROOT, 'web/build-sw.mjs'), dir], { stdio: 'pipe' });
    precompress(dir);
    await page.reload();
    await page.waitForSelector('#site-update', { timeout: 60_000 });
    const notice = await page.textContent('#site-update');
    assert(/updated/i.test(notice) && /reload/i.test(notice), `the update notice says: ${notice}`);
    // Until the person reloads, the page keeps its version: the old cache still serves it.
    assert(!(await page.content()).includes('version 2'), 'the open page must not switch versions by itself');
    await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), page.click('#site-update button')]);
    await page.waitForSelector('article.lesson .run-card', { timeout: 30_000 });
    const html = await page.evaluate(() => fetch('index.html').then((r) => r.text()));
    assert(html.includes('version 2'), 'after the reload the new version serves the page');
    const after = await page.evaluate(() => caches.keys());
    assert(after.length === 1 && !before.includes(after[0]), `one cache, the new version's: before ${before}, after ${after}`);
    console.log(`      offline: 6.1 reloaded and 6.3 trained with the network off; exercises and notes opened; update ${before} → ${after}`);
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, { timeout: 300_000 });
