// Measures every claim of the course module (tests/claims/claims.js) on the wasm engine, prints a
// summary, and exits non-zero when a check the suite asserts does not hold.
//
// The "What the numbers say" page (web/claims.html) shows the report shipped in the repository,
// web/claims/report.json, stamped with what it measured (engine version, a hash of the claims and
// presets, the date). Two modes:
//   npm run claims                        (= node tests/claims/run.mjs --write) measure and rewrite
//                                         web/claims/report.json: commit it
//   node tests/claims/run.mjs            (CI) measure into build/claims/report.json and fail when a
//                                         verdict (per claim, per check) differs from the shipped one
//
//   node tests/claims/run.mjs            all claims, two worker threads (one per core)
//   node tests/claims/run.mjs 3 7        only claims 3 and 7 (written to build/claims/report.partial.json)
//   node tests/claims/run.mjs 3 7 --write   only claims 3 and 7, merged into web/claims/report.json
//                                         (the others keep their shipped numbers; see mergeReport)
//   CLAIMS_WORKERS=1 node tests/claims/run.mjs
//   REGLAB_MODULE=dist/engine/reglab.mjs node tests/claims/run.mjs   another engine build
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { CLAIMS, claimById, runClaim } from './claims.js';
import { ROOT, SEEDS, AGREE, getEngine, specsHash } from './lib.js';
import { SHIPPED_REPORT, verdictDifferences, mergeReport } from './report.js';

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
  const write = process.argv.includes('--write');
  const wanted = process.argv.slice(2).filter((a) => a !== '--write');
  // Longest first, so the two workers finish together (claim 2 trains 200 networks per seed).
  const order = ['2', '12', '6', '8', '14', '15', '9', '5', '13', '1', '11', '4', '3', '7', '10'];
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
    // what was measured: the claims and presets (tests/claims/lib.js specsHash), and how to redo it
    specsHash: specsHash(),
    command: 'npm run claims',
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
  // Only a full run replaces a report; a run of some claims writes build/claims/report.partial.json.
  // --write rewrites the shipped report; without it the fresh one goes to build/claims/ and is
  // compared with the shipped one.
  const shippedPath = path.join(ROOT, SHIPPED_REPORT);
  const shipped = fs.existsSync(shippedPath) ? JSON.parse(fs.readFileSync(shippedPath, 'utf8')) : null;
  const out = path.join(ROOT, wanted.length ? 'build/claims/report.partial.json' : write ? SHIPPED_REPORT : 'build/claims/report.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(report, null, 1)}\n`);
  if (wanted.length && write && shipped) {
    fs.writeFileSync(shippedPath, `${JSON.stringify(mergeReport(shipped, report, CLAIMS.map((c) => c.id), report.specsHash), null, 1)}\n`);
    console.log(`merged claims ${wanted.join(' ')} into ${SHIPPED_REPORT}`);
  }
  // A built site shows the fresh numbers at once (web/build-claims.mjs copies the shipped report).
  if (!wanted.length && write && fs.existsSync(path.join(ROOT, 'dist/claims.html'))) {
    fs.mkdirSync(path.join(ROOT, 'dist/claims'), { recursive: true });
    fs.copyFileSync(out, path.join(ROOT, 'dist/claims/report.json'));
  }
  // Partial runs compare only the claims they measured.
  const shippedPart = shipped && wanted.length ? { ...shipped, claims: shipped.claims.filter((c) => wanted.includes(c.id)) } : shipped;
  const differences = shipped ? verdictDifferences(shippedPart, report) : [`${SHIPPED_REPORT} does not exist`];

  const failedChecks = claims.flatMap((c) => c.checks.filter((k) => k.asserted && !k.ok).map((k) => `claim ${c.id}: ${k.text} — ${k.detail}`));
  console.log('');
  for (const c of claims) console.log(`${c.id.padStart(2)}. ${c.verdict.toUpperCase().padEnd(6)} ${c.explanation}`);
  console.log(`\nwrote ${path.relative(process.cwd(), out)} in ${seconds.toFixed(0)} s: ${report.counts.held} held, ${report.counts.partly} partly, ${report.counts.not} not`);
  for (const f of failedChecks) console.log(`FAILED ${f}`);
  for (const [id, e] of errors) console.log(`ERROR claim ${id}: ${e}`);
  const asserted = claims.flatMap((c) => c.checks.filter((k) => k.asserted));
  if (shipped && shipped.specsHash !== report.specsHash) {
    console.log(`note: ${SHIPPED_REPORT} was measured on other claims or presets (hash ${shipped.specsHash ?? 'none'}, now ${report.specsHash})`);
  }
  const stale = !write && differences.length > 0;
  if (differences.length) {
    console.log(`\n${write ? `rewrote ${SHIPPED_REPORT}; it changed` : `${SHIPPED_REPORT} (the report the site ships) differs from this measurement`}:`);
    for (const d of differences) console.log(`  ${d}`);
    if (stale) console.log(`Run \`npm run claims\` and commit ${SHIPPED_REPORT}.`);
  }
  console.log(`${asserted.length - failedChecks.length} passed, ${failedChecks.length + errors.size + (stale ? 1 : 0)} failed`);
  process.exit(failedChecks.length || errors.size || stale ? 1 : 0);
}
