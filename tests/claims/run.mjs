// `npm run claims`: measures every claim of the course module (tests/claims/claims.js) on the wasm
// engine, writes build/claims/report.json for the "What the numbers say" page (web/claims.html),
// prints a summary, and exits non-zero when a check the suite asserts does not hold.
//
//   node tests/claims/run.mjs            all claims, two worker threads (one per core)
//   node tests/claims/run.mjs 3 7        only claims 3 and 7 (written to build/claims/report.partial.json)
//   CLAIMS_WORKERS=1 node tests/claims/run.mjs
//   REGLAB_MODULE=dist/engine/reglab.mjs node tests/claims/run.mjs   another engine build
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { CLAIMS, claimById, runClaim } from './claims.js';
import { ROOT, SEEDS, AGREE, getEngine } from './lib.js';

if (!isMainThread) {
  // A worker: one engine, claims one at a time as the main thread hands them out.
  parentPort.on('message', async (id) => {
    try {
      const engine = await getEngine();
      const result = await runClaim(claimById(id));
      parentPort.postMessage({ id, result, engine: { version: engine.version, simd: engine.simd } });
    } catch (e) {
      parentPort.postMessage({ id, error: e.stack || String(e) });
    }
  });
} else {
  await main();
}

async function main() {
  const t0 = performance.now();
  const wanted = process.argv.slice(2);
  // Longest first, so the two workers finish together (claim 2 trains 200 networks per seed).
  const order = ['2', '12', '6', '8', '9', '5', '13', '1', '11', '4', '3', '7', '10'];
  const queue = CLAIMS.map((c) => c.id).filter((id) => !wanted.length || wanted.includes(id))
    .sort((a, b) => order.indexOf(a) - order.indexOf(b));
  if (!queue.length) {
    console.error(`no claim matches ${wanted.join(' ')} (claims: ${CLAIMS.map((c) => c.id).join(' ')})`);
    process.exit(2);
  }
  const nWorkers = Math.max(1, Math.min(queue.length, Number(process.env.CLAIMS_WORKERS) || Math.min(2, os.availableParallelism?.() ?? 2)));
  console.log(`claims: ${queue.length} claims, ${nWorkers} worker${nWorkers > 1 ? 's' : ''}, seeds ${SEEDS.join(' ')}`);

  const results = new Map();
  const errors = new Map();
  let engineInfo = null;
  await Promise.all(Array.from({ length: nWorkers }, () => new Promise((resolve) => {
    const worker = new Worker(fileURLToPath(import.meta.url));
    const next = () => {
      const id = queue.shift();
      if (id === undefined) {
        worker.terminate().then(resolve);
        return;
      }
      worker.postMessage(id);
    };
    worker.on('message', (msg) => {
      if (msg.error) {
        errors.set(msg.id, msg.error);
        console.log(`  claim ${msg.id.padStart(2)}  ERROR  ${msg.error.split('\n')[0]}`);
      } else {
        results.set(msg.id, msg.result);
        engineInfo ??= msg.engine;
        const r = msg.result;
        const failed = r.checks.filter((c) => c.asserted && !c.ok).length;
        console.log(`  claim ${r.id.padStart(2)}  ${r.verdict.padEnd(6)} ${failed ? `${failed} ASSERTED CHECK(S) FAILED` : 'asserted checks hold'}  (${r.seconds.toFixed(0)} s)  ${r.title}`);
      }
      next();
    });
    worker.on('error', (e) => {
      console.error(`worker failed: ${e.stack || e}`);
      errors.set('worker', String(e));
      resolve();
    });
    next();
  })));

  const claims = CLAIMS.filter((c) => results.has(c.id)).map((c) => results.get(c.id));
  const seconds = (performance.now() - t0) / 1000;
  const report = {
    generated: new Date().toISOString(),
    engine: engineInfo,
    seeds: SEEDS,
    agreement: AGREE,
    seconds,
    counts: {
      held: claims.filter((c) => c.verdict === 'held').length,
      partly: claims.filter((c) => c.verdict === 'partly').length,
      not: claims.filter((c) => c.verdict === 'not').length,
    },
    claims,
    errors: Object.fromEntries(errors),
  };
  // Only a full run replaces the page's report; a run of some claims writes report.partial.json.
  const out = path.join(ROOT, wanted.length ? 'build/claims/report.partial.json' : 'build/claims/report.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(report, null, 1));
  // A built site shows the fresh numbers at once (web/build-claims.mjs copies them on the next build).
  if (!wanted.length && fs.existsSync(path.join(ROOT, 'dist/claims.html'))) {
    fs.mkdirSync(path.join(ROOT, 'dist/claims'), { recursive: true });
    fs.copyFileSync(out, path.join(ROOT, 'dist/claims/report.json'));
  }

  const failedChecks = claims.flatMap((c) => c.checks.filter((k) => k.asserted && !k.ok).map((k) => `claim ${c.id}: ${k.text} — ${k.detail}`));
  console.log('');
  for (const c of claims) console.log(`${c.id.padStart(2)}. ${c.verdict.toUpperCase().padEnd(6)} ${c.explanation}`);
  console.log(`\nwrote ${path.relative(process.cwd(), out)} in ${seconds.toFixed(0)} s: ${report.counts.held} held, ${report.counts.partly} partly, ${report.counts.not} not`);
  for (const f of failedChecks) console.log(`FAILED ${f}`);
  for (const [id, e] of errors) console.log(`ERROR claim ${id}: ${e}`);
  const asserted = claims.flatMap((c) => c.checks.filter((k) => k.asserted));
  console.log(`${asserted.length - failedChecks.length} passed, ${failedChecks.length + errors.size} failed`);
  process.exit(failedChecks.length || errors.size ? 1 : 0);
}
