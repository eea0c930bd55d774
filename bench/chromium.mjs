// Epoch times of the shipped engine inside Chromium (issue 15: "≤ 1 s per C1 epoch in Chromium";
// issue 17: the sequence workloads), for bench/run.mjs --only chromium.
// Serves dist/ (the built site, as a student gets it) with tools/serve.mjs, opens a page in headless
// Debian Chromium and trains each workload in a dedicated Web Worker through the JS API, as the
// lab's run workers do. A browser has no CPU clock, so these are wall times (performance.now) of
// `run.step(1)`: one warm-up epoch, then the median of `epochs` timed epochs.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { serve } from '../tools/serve.mjs';

const WORKER = `
  self.onmessage = async ({ data: { spec, epochs } }) => {
    try {
      const { createEngine } = await import('/engine/reglab.js');
      const engine = await createEngine({ dataUrl: '/data/' });
      await engine.loadData(spec.data.kind);
      const run = engine.createRun(spec);
      run.step(1);
      const times = [];
      let last;
      for (let i = 0; i < epochs; i++) {
        const t0 = performance.now();
        last = run.step(1).at(-1);
        times.push(performance.now() - t0);
      }
      run.dispose();
      postMessage({ times, valAcc: last.valAcc, trainLoss: last.trainLoss });
    } catch (e) {
      postMessage({ error: String(e && e.message || e) });
    }
  };`;

export async function chromiumEpochs(root, list, epochs = 5) {
  const dist = path.join(root, 'dist');
  if (!existsSync(path.join(dist, 'engine/reglab.js'))) throw new Error('dist/ is not built: run ./build.sh first');
  const { chromium } = await import('playwright-core');
  const server = await serve(dist, 0);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const out = {};
  try {
    const page = await browser.newPage();
    await page.goto(`${base}/embed.html`);
    out.userAgent = await page.evaluate(() => navigator.userAgent);
    for (const w of list) {
      const r = await page.evaluate(({ source, spec, epochs }) => new Promise((resolve) => {
        const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
        const worker = new Worker(url, { type: 'module' });
        worker.onmessage = ({ data }) => { worker.terminate(); resolve(data); };
        worker.onerror = (e) => { worker.terminate(); resolve({ error: e.message }); };
        worker.postMessage({ spec, epochs });
      }), { source: WORKER.replace("'/engine/reglab.js'", `'${base}/engine/reglab.js'`).replace("'/data/'", `'${base}/data/'`), spec: w.spec, epochs });
      if (r.error) throw new Error(`${w.id} in Chromium: ${r.error}`);
      const sorted = [...r.times].sort((a, b) => a - b);
      out[w.id] = { ...r, medianMsPerEpoch: sorted[Math.floor(sorted.length / 2)] };
    }
  } finally {
    await browser.close();
    server.close();
  }
  return out;
}
