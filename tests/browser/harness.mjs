// Browser test harness: a tiny static server for dist/, Debian's Chromium driven by
// playwright-core, a fresh profile per run, and a minimal test registry. No test doubles: the
// page, the workers and the wasm engine are the shipped ones.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');
export const SHOTS = path.join(ROOT, 'build/screenshots');

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8', '.md': 'text/markdown; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf',
};

// Serves `dir` on 127.0.0.1 at a free port. Resolves {url, close}.
export function serve(dir) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.join(dir, rel.endsWith('/') ? `${rel}index.html` : rel);
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) { res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`not found: ${rel}`); return; }
      res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream', 'Content-Length': st.size, 'Cache-Control': 'no-store' });
      fs.createReadStream(file).pipe(res);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) });
  }));
}

// serviceWorkers: 'block' by default, so no test sees pages served by the site's service worker
// (web/sw.js) that an earlier test registered; the offline test launches its own with 'allow'.
export async function launch({ serviceWorkers = 'block' } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    serviceWorkers,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return { context, close: async () => { await context.close(); fs.rmSync(profile, { recursive: true, force: true }); } };
}

// ---- registry ----------------------------------------------------------------------------------
export const tests = [];
export function test(name, fn, { timeout = 180_000 } = {}) {
  tests.push({ name, fn, timeout });
}

export class AssertionError extends Error {}
export function assert(cond, message) {
  if (!cond) throw new AssertionError(message);
}

// ---- page helpers ------------------------------------------------------------------------------
// A new page that records console errors and uncaught exceptions (workers included).
export async function newPage(context, viewport) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  page.on('worker', (w) => w.on('console', (m) => { if (m.type() === 'error') errors.push(`worker: ${m.text()}`); }));
  // A request the page itself cancelled is not a failure: a worker terminated while it downloads
  // the Fashion-MNIST images (the pool trims idle workers when runs are replaced), a lazily loaded
  // chunk (the exercise editor) when the test navigates on. Every other failed request is an error.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText === 'net::ERR_ABORTED') return;
    errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  return { page, errors };
}

// prediction 'skip': a lesson's own runs wait for the student's prediction (views/predict.js);
// the test presses "Skip — just run" and they train as on any other page. null: left waiting.
export async function openLab(page, url, { speed = 'max', prediction = 'skip' } = {}) {
  // A URL that differs from the page's only in its hash opens in the same document: the lesson on
  // screen stays until the lab has routed, so it is marked, and the wait below is for the lesson
  // drawn after it (each lesson is a new <article>). Unmarked, the wait found the old lesson's run
  // cards, the prediction of the new one was never skipped, and its runs waited for it (the text
  // lessons' performance test hung on 6.7-text after 6.5-text in about one run of two).
  if (page.url() !== url) await page.evaluate(() => document.querySelector('article.lesson')?.setAttribute('data-replaced', '')).catch(() => {});
  await page.goto(url);
  // attached, not visible: on a phone the run cards sit in the closed settings drawer
  await page.waitForSelector('article.lesson:not([data-replaced]) .run-card', { timeout: 30_000, state: 'attached' });
  if (prediction === 'skip') await skipPrediction(page);
  if (speed) await page.selectOption('#speed', speed);
}

// Forgets the predictions this browser profile kept (views/predict.js stores them in localStorage,
// and the tests share one profile): the next lesson opened asks again.
export async function forgetPredictions(page, base) {
  if (!page.url().startsWith(base)) await page.goto(`${base}/reading.html`);
  await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('reglab:prediction:')) localStorage.removeItem(k); });
}

// Presses "Skip — just run" when the lesson's runs wait for a prediction (main#lab says so with
// data-awaiting, set with the run cards); returns whether they did. The question is drawn with the
// lesson page (views/predict.js, from views/lesson_page.js).
export async function skipPrediction(page) {
  if (!(await page.locator('main#lab[data-awaiting="true"]').count())) return false;
  const skip = page.locator('section.predict[data-gate="true"] .predict-skip');
  await skip.waitFor({ state: 'attached', timeout: 30_000 });
  await skip.click();
  await page.waitForSelector('section.predict[data-gate="false"]', { state: 'attached' });
  return true;
}

export async function waitDone(page, timeout = 120_000) {
  await page.waitForSelector('main#lab[data-status="done"]', { timeout });
}

// The summary table as {label: {state, epochs, trainLoss, valLoss, gap, valAcc, …}} (numbers parsed).
export async function readTable(page) {
  return page.$$eval('table.summary tbody tr', (rows) => Object.fromEntries(rows.map((tr) => {
    const out = { state: tr.dataset.state, stateText: tr.querySelector('.state-cell').textContent };
    for (const td of tr.querySelectorAll('td[data-key]')) {
      const t = td.textContent.trim();
      const n = parseFloat(t.replace(/[^\d.eE+-]/g, ''));
      out[td.dataset.key] = t === '—' ? null : t.endsWith('%') ? n / 100 : Number.isNaN(n) ? t : n;
      out[`${td.dataset.key}Text`] = t;
    }
    return [tr.dataset.run, out];
  })));
}

export async function chartCounts(page, name) {
  const text = await page.getAttribute(`figure[data-chart="${name}"]`, 'data-counts');
  return text ? JSON.parse(text) : {};
}

export async function chartPoints(page, name) {
  return Number(await page.getAttribute(`figure[data-chart="${name}"]`, 'data-points'));
}

// Clicks something that triggers a download; resolves the downloaded text.
export async function downloadText(page, click) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), click()]);
  return fs.readFileSync(await dl.path(), 'utf8');
}

export async function screenshot(page, name, options = {}) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, ...options });
  return file;
}

// The presets the lab's lessons open (web/lessons.js lists them; other preset files in the
// folder belong to the claims suite and the widgets).
export async function presets() {
  const { LESSONS } = await import('../../web/lessons.js');
  const dir = path.join(ROOT, 'web/presets');
  return LESSONS.flatMap((l) => l.presets.map((p) => ({ id: p.id, ...JSON.parse(fs.readFileSync(path.join(dir, `${p.id}.json`), 'utf8')) })));
}
