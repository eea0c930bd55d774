// Golden histories: every run of every preset in web/presets, trained to the end natively (the
// CLI) and in wasm (the JS API), reduced to a digest that changes when any bit of any record field
// changes. A refactoring that claims "behaviour unchanged" must leave these digests unchanged.
//
// Per run the digest keeps: the epoch count, stop reason and best epoch; for every record field
// (the epoch's wall time aside) a SHA-256 of its values over all epochs, written as JSON (shortest
// round-trip decimals: equal text ⇔ equal float64 bits); and the first and last records whole, so
// a failure shows the size of the change.
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const GOLDEN_DIR = join(ROOT, 'tests/golden');

const sha = (value) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

// The Fashion-MNIST CNN presets (6.4-cnn, 6.7-images, 6.9-images) are left out: 13 runs of a CNN
// on 1,000 photos would add minutes to every test run, twice. Their numbers are held by the claims
// report (CI compares its verdicts), tests/cpp/cnn_model_test.cpp and tests/js/cnn.test.js.
export function presetRuns() {
  const dir = join(ROOT, 'web/presets');
  const runs = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const preset = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    (preset.runs ?? []).forEach((run, i) => {
      if (run.spec?.data?.kind !== 'fashion_mnist') runs.push({ id: `${file.replace(/\.json$/, '')}#${i} ${run.label}`, spec: run.spec });
    });
  }
  return runs;
}

export function digest(records, summary) {
  const fields = {};
  const names = [...new Set(records.flatMap((r) => Object.keys(r)))].filter((k) => k !== 'time').sort();
  for (const name of names) fields[name] = sha(records.map((r) => r[name] ?? null));
  const strip = (r) => (r ? Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'time')) : null);
  return { epochs: records.length, ...summary, fields, first: strip(records[0]), last: strip(records.at(-1)) };
}

// Both are async and give the event loop a turn between runs: a test runner's worker that is
// blocked for a minute loses its connection to the runner.
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

// Native: `reglab run` prints one JSON record per epoch, then a summary line.
export async function nativeDigests(cli = join(ROOT, 'build/native/reglab')) {
  const tmp = mkdtempSync(join(tmpdir(), 'reglab-golden-'));
  const out = {};
  try {
    for (const { id, spec } of presetRuns()) {
      const file = join(tmp, 'spec.json');
      writeFileSync(file, JSON.stringify(spec));
      let stdout;
      try {
        ({ stdout } = await promisify(execFile)(cli, ['run', file, '--data-dir', join(ROOT, 'data')], { encoding: 'utf8', maxBuffer: 1 << 28 }));
      } catch (e) {
        // A preset may hold a run that is refused on purpose (6.5-batch1: batch norm at batch size 1).
        out[id] = { error: String(e.stderr).trim().replace(/^reglab: /, '') };
        continue;
      }
      const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
      const summary = lines.pop();
      out[id] = digest(lines, { stopReason: summary.stopReason ?? null, bestEpoch: summary.bestEpoch ?? null });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}

// Wasm: the JS API, all epochs in one step() call.
export async function wasmDigests(engine) {
  const out = {};
  for (const { id, spec } of presetRuns()) {
    await engine.loadData(spec);
    await nextTurn();
    let run;
    try {
      run = engine.createRun(spec);
    } catch (e) {
      out[id] = { error: `${e.path}: ${e.message}` };
      continue;
    }
    try {
      // A few epochs per turn until the run stops: one long call can hold the event loop past
      // Vitest's 60 s RPC timeout on a loaded machine. The history is the same either way.
      while (!run.done) {
        run.step(10);
        await nextTurn();
      }
      out[id] = digest(run.history(), { stopReason: run.stopReason, bestEpoch: run.bestEpoch });
    } finally {
      run.dispose();
    }
  }
  return out;
}

export const goldenFile = (kind) => join(GOLDEN_DIR, `histories-${kind}.json`);
export const readGolden = (kind) => JSON.parse(readFileSync(goldenFile(kind), 'utf8'));
export const writeGolden = (kind, digests) => writeFileSync(goldenFile(kind), JSON.stringify(digests, null, 1) + '\n');
