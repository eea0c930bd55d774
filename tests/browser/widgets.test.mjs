// The embeddable widgets (dist/reglab-widgets.js) on pages that are not ours: a page on another
// origin embeds six widgets; a page under a strict Content-Security-Policy; attributes and iframe
// links carrying XSS payloads; the iframe form. Pages are written to a temp folder and served by
// tools/serve.mjs on their own port, the widgets by a second server on another port.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve as serveStatic } from '../../tools/serve.mjs';
import { test, assert, screenshot, DIST, SHOTS, ROOT } from './harness.mjs';

async function site(files, options = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-host-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const server = await serveStatic(dir, 0, options);
  return { url: `http://127.0.0.1:${server.address().port}`, dir, close: () => { server.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

async function widgetServer(options = {}) {
  const server = await serveStatic(DIST, 0, { cors: true, ...options });
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

const state = (page, sel) => page.$eval(sel, (e) => e.dataset.state);
const HOST_CSS = `
  body { font: 22px/2 Georgia, serif; color: rgb(200, 0, 0); margin: 0 auto; max-width: 900px; }
  canvas { border: 7px solid rgb(255, 0, 0) !important; background: yellow !important; }
  button { background: rgb(255, 0, 0) !important; font-size: 30px !important; }
  .card, header, p { outline: 5px dashed magenta !important; }
  .spacer { height: 3000px; }`;

test('widgets: six widgets embedded from another origin render, visible ones train, off-screen ones wait, no style leaks', async ({ page, errors }) => {
  const widgets = await widgetServer();
  const host = await site({
    'index.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>Host notes</title><link rel="stylesheet" href="host.css">
<script type="module" src="${widgets.url}/reglab-widgets.js"></script></head><body>
<h1>Someone else's lecture notes</h1><canvas id="own" width="50" height="20"></canvas><button id="own-button">page button</button>
<reglab-compare id="w1" preset="l2-vs-none" epochs="60" speed="40" height="160" autoplay></reglab-compare>
<reglab-dropout-demo id="w2" epochs="40" speed="0" height="160" autoplay></reglab-dropout-demo>
<div class="spacer"></div>
<reglab-bias-variance id="w3" k="3" epochs="60" autoplay></reglab-bias-variance>
<reglab-augment-gallery id="w4" augment="mixup"></reglab-augment-gallery>
<reglab-ladder id="w5" epochs="10" autoplay></reglab-ladder>
<reglab-exercise id="w6" n="6.2"></reglab-exercise>
</body></html>`,
    'host.css': HOST_CSS,
  });
  try {
    await page.addInitScript(() => {
      window.__events = { epoch: 0, done: [] };
      addEventListener('reglab-epoch', () => { window.__events.epoch++; });
      addEventListener('reglab-done', (e) => { window.__events.done.push(e.target.id); });
    });
    await page.goto(`${host.url}/index.html`);
    // All six render: a shadow root with a titled card.
    await page.waitForFunction(() => ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'].every((id) => document.getElementById(id).shadowRoot?.querySelector('.card .title')?.textContent));
    // The two on screen train (one at a time: the queue) and finish.
    await page.waitForFunction(() => ['w1', 'w2'].every((id) => document.getElementById(id).dataset.state === 'done'), null, { timeout: 90_000 });
    await page.waitForFunction(() => Object.values(JSON.parse(document.getElementById('w1').shadowRoot.querySelector('figure[data-chart="compare"]').dataset.counts || '{}')).every((n) => n === 60), null, { timeout: 5000 }).catch(() => {});
    const counts = JSON.parse(await page.$eval('#w1', (e) => e.shadowRoot.querySelector('figure[data-chart="compare"]').dataset.counts));
    assert(Object.keys(counts).length === 2 && Object.values(counts).every((n) => n === 60), `compare chart holds 60 epochs per run: ${JSON.stringify(counts)}`);
    const curveEpoch = await page.$eval('#w2', (e) => Number(e.shadowRoot.querySelector('figure[data-chart="dropout"]').dataset.epoch));
    assert(curveEpoch === 40, `dropout demo shows its last epoch: ${curveEpoch}`);
    // The ones below the fold have not started.
    for (const id of ['w3', 'w5']) assert(await state(page, `#${id}`) === 'idle', `${id} should wait off-screen, is ${await state(page, `#${id}`)}`);
    assert(await page.$eval('#w4', (e) => e.dataset.images === undefined), 'the gallery waits off-screen');
    const ev = await page.evaluate(() => window.__events);
    assert(ev.epoch > 5 && ev.done.includes('w1') && ev.done.includes('w2'), `events: ${JSON.stringify(ev)}`);

    // No style leaks: the page's rules style its own canvas and button, not the widgets'.
    const own = await page.$eval('#own', (c) => getComputedStyle(c).borderTopWidth);
    assert(own === '7px', `the page rule applies to the page's own canvas (${own})`);
    const inside = await page.$eval('#w1', (e) => {
      const canvas = e.shadowRoot.querySelector('canvas'), button = e.shadowRoot.querySelector('button'), card = e.shadowRoot.querySelector('.card');
      const cs = getComputedStyle(canvas), bs = getComputedStyle(button), ks = getComputedStyle(card);
      return { border: cs.borderTopWidth, bg: cs.backgroundColor, buttonBg: bs.backgroundColor, buttonSize: bs.fontSize, outline: ks.outlineStyle, colour: ks.color, font: ks.fontFamily };
    });
    assert(inside.border === '0px' && inside.bg !== 'rgb(255, 255, 0)', `canvas styled by the page: ${JSON.stringify(inside)}`);
    assert(inside.buttonBg !== 'rgb(255, 0, 0)' && inside.buttonSize !== '30px', `button styled by the page: ${JSON.stringify(inside)}`);
    assert(inside.outline === 'none' && inside.colour !== 'rgb(200, 0, 0)' && !inside.font.includes('Georgia'), `page styles inherited into the widget: ${JSON.stringify(inside)}`);
    await screenshot(page, 'widgets-foreign-top', { fullPage: false });

    // Scrolling down starts the next autoplay widgets; pause / play / reset drive them.
    await page.locator('#w5').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => ['training', 'queued'].includes(document.getElementById('w5').dataset.state) || ['training', 'queued'].includes(document.getElementById('w3').dataset.state));
    await page.waitForFunction(() => document.getElementById('w4').dataset.images === '8', null, { timeout: 30_000 });
    await page.waitForFunction(() => document.getElementById('w5').dataset.state === 'done', null, { timeout: 120_000 });
    const rungs = await page.$eval('#w5', (e) => Number(e.shadowRoot.querySelector('figure[data-chart="ladder"]').dataset.rungs));
    assert(rungs === 6, `ladder shows all six rungs: ${rungs}`);
    await page.waitForFunction(() => document.getElementById('w3').dataset.state === 'done', null, { timeout: 120_000 });
    const bv = await page.$eval('#w3', (e) => Number(e.shadowRoot.querySelector('figure[data-chart="bias-variance"]').dataset.capacities));
    // The widget sweeps the capacities of lesson 6.1's bias–variance block.
    const capacities = JSON.parse(fs.readFileSync(path.join(ROOT, 'web/presets/6.1.json'), 'utf8')).biasVariance.options.capacities.length;
    assert(bv === capacities, `bias–variance has all ${capacities} capacities of the 6.1 block: ${bv}`);
    await page.$eval('#w1', (e) => { e.reset(); e.play(); });
    await page.waitForFunction(() => document.getElementById('w1').dataset.state === 'training');
    await page.$eval('#w1', (e) => e.pause());
    assert(await state(page, '#w1') === 'paused', 'pause() pauses');
    await page.$eval('#w1', (e) => e.reset());
    assert(await state(page, '#w1') === 'idle', 'reset() resets');
    await page.screenshot({ path: path.join(SHOTS, 'widgets-foreign-bottom.png'), fullPage: false });
    await page.locator('#w3').screenshot({ path: path.join(SHOTS, 'widget-bias-variance.png') });
    await page.locator('#w4').screenshot({ path: path.join(SHOTS, 'widget-augment-gallery.png') });
    await page.locator('#w5').screenshot({ path: path.join(SHOTS, 'widget-ladder.png') });
    assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
  } finally {
    host.close();
    widgets.close();
  }
});

// Emscripten 3.1.6's Embind builds its call wrappers with `new Function`, so the realm that runs
// the engine needs 'unsafe-eval'. The engine only runs in the worker, and a dedicated worker gets
// its policy from its own response: the page itself keeps a strict script-src 'self'.
const STRICT = "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; worker-src 'self'; object-src 'none'; base-uri 'none'";
const WORKER = "default-src 'self'; script-src 'self' 'unsafe-eval'; connect-src 'self'";

function cspSite(workerPolicy) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-csp-'));
  fs.cpSync(DIST, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'csp.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>CSP</title>
<script type="module" src="reglab-widgets.js"></script></head><body>
<reglab-compare id="c" preset="l2-vs-none" epochs="30" height="160" autoplay></reglab-compare>
<reglab-exercise id="e" n="6.2"></reglab-exercise></body></html>`);
  // The exercise sandbox frame carries its own policy in a <meta>; a host that sends a policy header
  // with every file must send that same policy for widgets/sandbox.html (docs/embedding.md §4).
  const sandboxPolicy = fs.readFileSync(path.join(DIST, 'widgets/sandbox.html'), 'utf8').match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  const headers = (p) => ({ 'content-security-policy': p === '/engine/worker.js' ? workerPolicy : p === '/widgets/sandbox.html' ? sandboxPolicy : STRICT });
  return serveStatic(dir, 0, { headers }).then((server) => ({ url: `http://127.0.0.1:${server.address().port}`, close: () => { server.close(); fs.rmSync(dir, { recursive: true, force: true }); } }));
}

test("widgets: work under a strict CSP (script-src 'self') with 'unsafe-eval' only on the engine's worker, the sandbox frame under its own policy", async ({ page, errors }) => {
  const s = await cspSite(WORKER);
  try {
    await page.goto(`${s.url}/csp.html`);
    await page.waitForFunction(() => document.getElementById('c').dataset.state === 'done', null, { timeout: 60_000 });
    // The exercise sandbox (a frame with its own policy, the checker in a 'self' worker) works too.
    await page.locator('#e .editor textarea').fill((await page.$eval('#e', () => '')) + 'function forward(x){return Float32Array.from(x)} function backward(g){return g}');
    await page.locator('#e button', { hasText: 'Check my code' }).click();
    await page.waitForFunction(() => document.getElementById('e').dataset.state === 'done', null, { timeout: 20_000 });
    const checks = await page.$$eval('#e', (es) => es[0].shadowRoot.querySelectorAll('.checks li').length);
    assert(checks >= 5, `the sandbox ran the checks under the CSP (${checks} results)`);
    assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
    // The policy is really in force on the page: an inline script does not run.
    const ran = await page.evaluate(() => new Promise((resolve) => {
      addEventListener('securitypolicyviolation', () => resolve(window.__inline === 1), { once: true });
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.head.append(s);
    }));
    assert(ran === false, "the page's strict policy blocks inline script");
  } finally {
    s.close();
  }
});

test("widgets: without 'unsafe-eval' for the worker the engine cannot start (Embind in Emscripten 3.1.6), and says why", async ({ page, errors }) => {
  const s = await cspSite("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'");
  try {
    await page.goto(`${s.url}/csp.html`);
    await page.waitForFunction(() => document.getElementById('c').dataset.state === 'error', null, { timeout: 60_000 });
    const text = await page.$eval('#c', (e) => e.shadowRoot.querySelector('.status').textContent);
    assert(text.includes('unsafe-eval'), `the error names the missing permission: ${text}`);
    void errors; // the CSP violation is expected to be logged here
  } finally {
    s.close();
  }
});

test('widgets: attributes and embed links are data — XSS payloads are shown as text, never run', async ({ page, errors, base }) => {
  const payload = '<img src=x onerror="window.__xss=1">';
  const widgets = await widgetServer();
  const host = await site({
    'index.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>XSS</title>
<script type="module" src="${widgets.url}/reglab-widgets.js"></script></head><body>
<reglab-compare id="a" spec-a='{"version":1,"data":{"kind":"<img src=x onerror=window.__xss=1>"}}' label-a='${payload}'></reglab-compare>
<reglab-compare id="b" preset="<svg onload=window.__xss=2>"></reglab-compare>
<reglab-compare id="c" preset="l2-vs-none" epochs="1e9" theme="&quot;><script>window.__xss=3</script>"></reglab-compare>
<reglab-compare id="d" spec-a='{"version":1, "optimizer": {"lr": "<b>fast</b>"}}' label-a="<b>bold</b>"></reglab-compare>
<reglab-compare id="e" spec-a='not json <script>window.__xss=4</script>'></reglab-compare>
<reglab-exercise id="f" n="<img src=x onerror=window.__xss=5>"></reglab-exercise>
</body></html>`,
  });
  try {
    await page.goto(`${host.url}/index.html`);
    await page.waitForFunction(() => ['b', 'c', 'e', 'f'].every((id) => document.getElementById(id).dataset.state === 'error'));
    const seen = await page.evaluate(() => Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => {
      const root = document.getElementById(id).shadowRoot;
      return [id, { state: document.getElementById(id).dataset.state, status: root.querySelector('.status').textContent, title: root.querySelector('.title').textContent, markup: root.querySelectorAll('img, svg:not([aria-hidden]), script, b').length }];
    })));
    for (const [id, s] of Object.entries(seen)) assert(s.markup === 0, `${id}: payload became markup: ${JSON.stringify(s)}`);
    assert(seen.b.status.includes('not a preset name'), `b: ${seen.b.status}`);
    assert(seen.c.status.includes('epochs must be a whole number'), `c: ${seen.c.status}`);
    assert(seen.e.status.includes('spec-a is not valid JSON'), `e: ${seen.e.status}`);
    assert(seen.f.status.includes('n must be one of'), `f: ${seen.f.status}`);
    // The spec payloads reach the engine as data and come back as a validation error naming the field.
    await page.$eval('#a', (e) => e.play());
    await page.$eval('#d', (e) => e.play());
    await page.waitForFunction(() => ['a', 'd'].every((id) => document.getElementById(id).dataset.state === 'error'), null, { timeout: 30_000 });
    const a = await page.$eval('#a', (e) => e.shadowRoot.querySelector('.status').textContent);
    const d = await page.$eval('#d', (e) => e.shadowRoot.querySelector('.status').textContent);
    assert(a.includes('data.kind') && a.includes('<img'), `a: the payload is quoted as text in the error: ${a}`);
    assert(d.includes('optimizer.lr'), `d: ${d}`);
    assert(seen.d.title.includes('<b>bold</b>'), `labels are text: ${seen.d.title}`);
    // The iframe form: the same payloads in the query string.
    const evil = Buffer.from(JSON.stringify({ version: 1, data: { kind: payload } })).toString('base64url');
    for (const q of [`widget=${encodeURIComponent('<script>x</script>')}`, `spec=${evil}&autoplay`, `preset=${encodeURIComponent(payload)}`, 'spec=%%%']) {
      await page.goto(`${base}/embed.html?${q}`);
      await page.waitForFunction(() => document.querySelector('.embed-error') || document.querySelector('[data-state="error"]'), null, { timeout: 30_000 });
    }
    assert(await page.evaluate(() => window.__xss === undefined), 'no payload ran');
    assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
  } finally {
    host.close();
    widgets.close();
  }
});

// Issue 18's budget for the one script a page loads; Chart.js is not in it but a chunk beside it,
// imported relative to the bundle's own URL when the first chart is made.
const WIDGETS_GZIP_BUDGET = 60 * 1024;

test('widgets: the shared bundle is at most 60 KB gzip; Chart.js comes as a chunk from the bundle\'s own origin when the first chart draws', async ({ page, errors }) => {
  const bundle = fs.readFileSync(path.join(DIST, 'reglab-widgets.js'));
  const gzip = zlib.gzipSync(bundle, { level: 9 }).length;
  console.log(`  reglab-widgets.js ${(bundle.length / 1024).toFixed(1)} KB, ${(gzip / 1024).toFixed(1)} KB gzip (budget 60 KB)`);
  assert(gzip <= WIDGETS_GZIP_BUDGET, `reglab-widgets.js is ${(gzip / 1024).toFixed(1)} KB gzip, over the 60 KB budget`);
  assert(!bundle.includes('chartArea'), 'Chart.js is not inside reglab-widgets.js');
  const widgets = await widgetServer();
  const host = await site({
    'index.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Host</title>
<script type="module" src="${widgets.url}/reglab-widgets.js"></script></head><body>
<reglab-compare id="w1" preset="l2-vs-none" epochs="5" speed="0" height="160" autoplay></reglab-compare></body></html>`,
  });
  try {
    const chunks = [];
    page.on('request', (r) => { if (r.url().includes('/chunks/')) chunks.push(r.url()); });
    await page.goto(`${host.url}/index.html`);
    await page.waitForFunction(() => document.getElementById('w1').shadowRoot?.querySelector('.card .title')?.textContent);
    await page.waitForFunction(() => Number(document.getElementById('w1').shadowRoot.querySelector('figure[data-chart="compare"]')?.dataset.points) > 0, null, { timeout: 60_000 });
    assert(chunks.length >= 1 && chunks.every((u) => u.startsWith(`${widgets.url}/chunks/widgets/`)), `Chart.js chunk fetched beside the bundle: ${chunks.join(', ')}`);
    assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
  } finally {
    host.close();
    widgets.close();
  }
});

test('widgets: embed.html — the iframe form trains a preset or a spec from the link', async ({ page, errors, base }) => {
  await page.setViewportSize({ width: 720, height: 480 });
  await page.goto(`${base}/embed.html?preset=batchnorm&epochs=40&autoplay`);
  await page.waitForFunction(() => document.querySelector('reglab-compare')?.dataset.state === 'done', null, { timeout: 60_000 });
  await screenshot(page, 'embed-preset', { fullPage: false });
  const spec = { version: 1, seed: 3, data: { kind: 'circles', n: 200, noise: 0.1 }, model: { hidden: [16] }, optimizer: { kind: 'adam', lr: 0.01 }, training: { epochs: 25 } };
  await page.goto(`${base}/embed.html?spec=${Buffer.from(JSON.stringify(spec)).toString('base64url')}&label-a=circles&theme=dark&autoplay`);
  await page.waitForFunction(() => document.querySelector('reglab-compare')?.dataset.state === 'done', null, { timeout: 60_000 });
  const n = await page.$eval('reglab-compare', (e) => JSON.parse(e.shadowRoot.querySelector('figure').dataset.counts));
  assert(n.circles === 25, `one run of 25 epochs: ${JSON.stringify(n)}`);
  assert(await page.$eval('reglab-compare', (e) => e.dataset.theme) === 'dark', 'theme attribute from the link');
  await screenshot(page, 'embed-spec-dark', { fullPage: false });
  assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
});

test('widgets: the lecture-notes example renders its formulas and widgets; the first visible one trains', async ({ page, errors, base }) => {
  await page.goto(`${base}/examples/lecture-notes.html`);
  const katex = await page.$$eval('.katex', (k) => k.length);
  assert(katex > 15, `formulas rendered at build time: ${katex}`);
  const kinds = await page.$$eval('*', (els) => [...new Set(els.filter((e) => e.tagName.startsWith('REGLAB-')).map((e) => e.tagName.toLowerCase()))]);
  assert(kinds.length >= 5, `widget kinds in the notes: ${kinds}`);
  await page.locator('#penalties ~ figure reglab-compare').first().scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.querySelectorAll('reglab-compare')].some((e) => e.dataset.state === 'done'), null, { timeout: 90_000 });
  await screenshot(page, 'lecture-notes', { fullPage: false });
  assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
});
