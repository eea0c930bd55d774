// npm run bench — RegLab against TensorFlow.js on the workloads of issue 6, and the GEMM kernel alone.
//   node bench/run.mjs [--repeats 5] [--only W1,C1,S2,saturate,gemm,chromium] [--skip-gemm] [--skip-chromium] [--skip-tfjs-cpu] [--no-build]
//   (--only: the parts measured replace theirs in an existing bench/results.json)
// Contenders (alternated, ≥ 5 timed repeats each after a warm-up, medians reported):
//   reglab-wasm-simd     build/wasm          (the shipped module, through the JS API)
//   reglab-wasm-nosimd   build/wasm-nosimd   (-DREGLAB_SIMD=OFF)
//   reglab-native        build/native-bench  (-O3 -march=native, reglab_bench tool)
//   reglab-native-sse42  build/native-sse42  (-O3 -msse4.2: 128-bit vectors, like SIMD128)
//   (the GEMM alone and the SIMD128 ceiling run in the test/bench modules, reglab-testing.mjs, of
//   build/wasm and build/wasm-nosimd: the shipped reglab.mjs has no kernel hooks)
//   tfjs-wasm            @tensorflow/tfjs-backend-wasm 4.22 (the binary it loaded is printed)
//   tfjs-cpu             @tensorflow/tfjs-backend-cpu 4.22
// Every contender trains the same network on the same data (exported from a RegLab run), with the
// same batch size and number of epochs, and evaluates loss and accuracy on the training and
// validation sets after every epoch (what a lab page needs to draw its curves).
// Times are CPU time of the contender (process.cpuUsage in Node, thread CPU time natively),
// because the benchmark machine is shared; wall times are recorded alongside.
// Writes bench/results.json.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdtempSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createEngine } from '../web/engine/reglab.js';
import { loadWasmModule } from './wasm_module.mjs';
import { trainTfjs } from './tfjs_mlp.mjs';
import { trainTfjsCnn } from './tfjs_cnn.mjs';
import { trainTfjsGru, transformerUnsupported } from './tfjs_seq.mjs';
import { chromiumEpochs } from './chromium.mjs';
import { workloads, prepareW4, noEarlyStop, cnnFlops } from './workloads.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
};
const REPEATS = Math.max(1, Number(option('--repeats', 5)));
const ONLY = option('--only', '').split(',').filter(Boolean);
const PEAK_GFLOPS = 68; // SIMD128 f32, no FMA: 16 flop/cycle × ~4.3 GHz (Zen 5), see issue 6

const log = (...a) => console.error(...a);

// ---- builds ------------------------------------------------------------------------------------
function sh(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...opts });
}

function ensureBuilds() {
  const env = { ...process.env, NODE_PATH: process.env.NODE_PATH || '/usr/share/nodejs' };
  const jobs = process.env.JOBS || '1';
  const dirs = [
    { dir: 'build/wasm', configure: ['emcmake', 'cmake', '-S', '.', '-B', 'build/wasm', '-DCMAKE_BUILD_TYPE=Release'], target: ['reglab_wasm', 'reglab_testing_wasm'] },
    { dir: 'build/wasm-nosimd', configure: ['emcmake', 'cmake', '-S', '.', '-B', 'build/wasm-nosimd', '-DCMAKE_BUILD_TYPE=Release', '-DREGLAB_SIMD=OFF'], target: ['reglab_wasm', 'reglab_testing_wasm'] },
    { dir: 'build/native-bench', configure: ['cmake', '-S', '.', '-B', 'build/native-bench', '-DCMAKE_BUILD_TYPE=Release', '-DREGLAB_NATIVE_ARCH=ON', '-DREGLAB_TESTS=OFF'], target: ['reglab_bench'] },
    { dir: 'build/native-sse42', configure: ['cmake', '-S', '.', '-B', 'build/native-sse42', '-DCMAKE_BUILD_TYPE=Release', '-DCMAKE_CXX_FLAGS=-msse4.2', '-DREGLAB_TESTS=OFF'], target: ['reglab_bench'] },
  ];
  for (const d of dirs) {
    if (!existsSync(path.join(ROOT, d.dir, 'CMakeCache.txt'))) {
      log(`configuring ${d.dir}`);
      sh(d.configure[0], d.configure.slice(1), { env });
    }
    if (flag('--no-build')) continue;
    log(`building ${d.dir} (${d.target.join(', ')})`);
    sh('cmake', ['--build', d.dir, '--target', ...d.target, '-j', jobs], { env, maxBuffer: 64 << 20 });
  }
}


// ---- contenders ----------------------------------------------------------------------------------
// Process CPU time (ms; getrusage, precise). It also counts V8's background threads, so each
// in-process sample starts after 30 ms idle, once the GC helpers have finished with the garbage the
// previous sample left (TF.js leaves plenty): no contender pays for another's. (Linux's per-thread
// schedstat would exclude them but only advances at scheduler ticks, 4 ms here: too coarse.)
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const CPU_CLOCK = 'process CPU time, each sample after 30 ms idle';

async function timeInProcess(fn) {
  await new Promise((resolve) => setTimeout(resolve, 30));
  const c0 = cpuNow(), w0 = performance.now();
  const info = await fn();
  return { cpuMs: cpuNow() - c0, wallMs: performance.now() - w0, ...info };
}

function reglabWasmContender(name, engine) {
  return {
    name,
    async run(w, epochs) {
      const run = engine.createRun(w.spec);
      try {
        return await timeInProcess(() => {
          const records = run.step(epochs);
          return { trainLoss: records.at(-1)?.trainLoss };
        });
      } finally {
        run.dispose();
      }
    },
  };
}

function nativeContender(name, buildDir, specDir) {
  const exe = path.join(ROOT, buildDir, 'reglab_bench');
  return {
    name,
    exe,
    async run(w, epochs) {
      const out = sh(exe, ['train', path.join(specDir, `${w.id}.json`), String(epochs), '--data-dir', path.join(ROOT, 'data')], { maxBuffer: 1 << 20 });
      return JSON.parse(out.trim().split('\n').at(-1));
    },
  };
}

async function tfjsContenders(data) {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  // tfjs-core's Node bundle has neither gradients nor chained tensor methods (x.flatten(), which
  // tfjs-layers uses; the tfjs union package registers both); bundle its two registering modules
  // once. Registries and the Tensor class live on globalThis, so both copies share them.
  const { buildSync } = await import('esbuild');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reglab-tfjs-'));
  for (const entry of ['register_all_gradients.js', 'public/chained_ops/register_all_chained_ops.js']) {
    const out = path.join(dir, path.basename(entry, '.js') + '.mjs');
    buildSync({ entryPoints: [path.join(ROOT, 'node_modules/@tensorflow/tfjs-core/dist', entry)], bundle: true,
      format: 'esm', platform: 'node', outfile: out, logLevel: 'error' });
    await import(pathToFileURL(out).href);
  }
  const wasmBackend = await import('@tensorflow/tfjs-backend-wasm');
  // The layers API (the GRU of S2) on the same tfjs-core registries.
  const tfl = await import('@tensorflow/tfjs-layers');
  // Record which wasm binary TF.js instantiates (by its size: the three dist files differ).
  const distDir = path.join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
  const binaries = Object.fromEntries(['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']
    .map((f) => [statSync(path.join(distDir, f)).size, f]));
  const loaded = [];
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = function (source, ...rest) {
    const bytes = source?.byteLength ?? source?.buffer?.byteLength;
    if (bytes && binaries[bytes]) loaded.push(binaries[bytes]);
    return instantiate.call(this, source, ...rest);
  };
  await tf.setBackend('wasm');
  await tf.ready();
  WebAssembly.instantiate = instantiate;
  const info = {
    binary: loaded[0] ?? 'unknown',
    simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
    multithread: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
    threads: wasmBackend.getThreadsCount ? wasmBackend.getThreadsCount() : null,
    version: tf.version_core,
  };
  // C1/C2: TF.js cpu trains the first CNN_TFJS_IMAGES images of each epoch (over a minute per full
  // epoch) and the time is scaled to the epoch's training images; the wasm backend cannot train a
  // CNN, which is recorded in results.json as the error it raises.
  const CNN_TFJS_IMAGES = 320;
  const TFJS_SEQ_ROWS = 320;
  const contender = (name, backend) => ({
    name,
    async run(w, epochs) {
      await tf.setBackend(backend);
      const options = { epochs, batchSize: w.spec.training.batchSize, lr: w.spec.optimizer.lr };
      if (w.seq === 'transformer') return { unsupported: transformerUnsupported };
      if (w.seq === 'gru') {
        const d = data[w.id];
        let vocabulary = 0;
        for (const s of [d.train, d.val]) for (const id of s.x) vocabulary = Math.max(vocabulary, id + 1);
        try {
          const sample = await timeInProcess(() => trainTfjsGru(tf, tfl, d, { ...w.tfjs, vocabulary }, { ...options, maxRows: TFJS_SEQ_ROWS }));
          return { ...sample, cpuMs: sample.cpuMs * sample.scale, wallMs: sample.wallMs * sample.scale,
            note: `extrapolated from the first ${sample.rows} training sentences (and validation in proportion)` };
        } catch (e) {
          return { unsupported: String(e.message ?? e).split('\n')[0] };
        }
      }
      if (!w.cnn) return timeInProcess(() => trainTfjs(tf, data[w.id], w.tfjs, options));
      if (backend === 'wasm') {
        try {
          trainTfjsCnn(tf, data[w.id], w.tfjs, { ...options, epochs: 1, maxImages: w.spec.training.batchSize });
        } catch (e) {
          return { unsupported: String(e.message ?? e).split('\n')[0] };
        }
      }
      const sample = await timeInProcess(() => trainTfjsCnn(tf, data[w.id], w.tfjs, { ...options, maxImages: CNN_TFJS_IMAGES }));
      const scale = (epochs * data[w.id].train.rows) / sample.images;
      return { ...sample, cpuMs: sample.cpuMs * scale, wallMs: sample.wallMs * scale,
        note: `extrapolated from ${sample.images} images (training steps only, no evaluation passes)` };
    },
  });
  return { info, list: [contender('tfjs-wasm', 'wasm'), ...(flag('--skip-tfjs-cpu') ? [] : [contender('tfjs-cpu', 'cpu')])] };
}

// ---- helpers -------------------------------------------------------------------------------------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x, d = 2) => (x == null || !Number.isFinite(x) ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(d));
function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => '| ' + cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
  return [line(header), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.map(line)].join('\n');
}

function machine() {
  let emcc = '';
  try {
    emcc = sh('emcc', ['--version'], { env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } }).split('\n')[0];
  } catch {}
  return { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version, emcc, platform: `${os.type()} ${os.release()}`, loadAvg: os.loadavg() };
}

function sizes() {
  const out = {};
  for (const f of ['reglab.wasm', 'reglab.mjs']) {
    const p = path.join(ROOT, 'build/wasm', f);
    const buf = readFileSync(p);
    out[f] = { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  }
  out.total = { raw: out['reglab.wasm'].raw + out['reglab.mjs'].raw, gzip: out['reglab.wasm'].gzip + out['reglab.mjs'].gzip };
  return out;
}

// ---- GEMM alone ------------------------------------------------------------------------------------
// The products of one dense layer (batch B, in → out): y = x·Wᵀ, dx = dy·W, dW += dyᵀ·x.
function gemmShapes() {
  const layer = (label, B, inF, outF) => [
    { label, product: 'X·Wᵀ', ta: 0, tb: 1, M: B, N: outF, K: inF, acc: 0 },
    { label, product: 'dY·W', ta: 0, tb: 0, M: B, N: inF, K: outF, acc: 0 },
    { label, product: 'dYᵀ·X', ta: 1, tb: 0, M: outF, N: inF, K: B, acc: 1 },
  ];
  return [...layer('256³', 256, 256, 256), ...layer('W4 layer 1', 128, 784, 256), ...layer('W4 layer 2', 128, 256, 256), ...layer('W3 layer 2', 64, 128, 128)];
}

function benchWasmGemm(m, s, seconds) {
  const flops = 2 * s.M * s.N * s.K;
  m.benchGemm(!!s.ta, !!s.tb, s.M, s.N, s.K, !!s.acc, 1);
  let calls = 1;
  for (;;) {
    const t0 = cpuNow();
    m.benchGemm(!!s.ta, !!s.tb, s.M, s.N, s.K, !!s.acc, calls);
    const dt = cpuNow() - t0;
    if (dt >= seconds * 1000 / 20 || calls > 1 << 24) {
      calls = Math.max(1, Math.round((calls * seconds * 1000) / 5 / Math.max(dt, 1e-3)));
      break;
    }
    calls *= 2;
  }
  const samples = [];
  for (let i = 0; i < 5; i++) {
    const t0 = cpuNow();
    m.benchGemm(!!s.ta, !!s.tb, s.M, s.N, s.K, !!s.acc, calls);
    samples.push((flops * calls) / ((cpuNow() - t0) * 1e6));
  }
  return median(samples);
}

function benchNativeGemm(buildDir, s, seconds) {
  const exe = path.join(ROOT, buildDir, 'reglab_bench');
  return JSON.parse(sh(exe, ['gemm', s.ta, s.tb, s.M, s.N, s.K, s.acc, seconds].map(String)).trim()).gflops;
}

// ---- main ------------------------------------------------------------------------------------------
async function main() {
  const started = performance.now();
  ensureBuilds();
  const engine = await createEngine();
  const engineNoSimd = await createEngine({ moduleUrl: pathToFileURL(path.join(ROOT, 'build/wasm-nosimd/reglab.mjs')).href });
  if (!engine.simd || engineNoSimd.simd) throw new Error('expected build/wasm with SIMD and build/wasm-nosimd without');
  for (const e of [engine, engineNoSimd]) {
    await e.loadData('digits');
    await e.loadData('fashion_mnist');
    await e.loadData('sentiment_corpus');
  }

  let list = workloads();
  if (ONLY.length) list = list.filter((w) => ONLY.includes(w.id));
  const specDir = mkdtempSync(path.join(os.tmpdir(), 'reglab-bench-'));
  const data = {};
  for (const w of list) {
    if (w.id === 'W4') prepareW4(w, engine);
    writeFileSync(path.join(specDir, `${w.id}.json`), JSON.stringify(w.spec));
    // The exact splits RegLab trains on, handed to TF.js.
    const run = engine.createRun(w.spec);
    data[w.id] = { train: run.data('train'), val: run.data('val'), outputs: run.outputs };
    run.dispose();
  }

  const tfjs = await tfjsContenders(data);
  log(`TF.js ${tfjs.info.version} wasm backend loaded ${tfjs.info.binary} (SIMD ${tfjs.info.simd}, multithread ${tfjs.info.multithread}, threads ${tfjs.info.threads})`);
  const contenders = [
    reglabWasmContender('reglab-wasm-simd', engine),
    reglabWasmContender('reglab-wasm-nosimd', engineNoSimd),
    nativeContender('reglab-native', 'build/native-bench', specDir),
    nativeContender('reglab-native-sse42', 'build/native-sse42', specDir),
    ...tfjs.list,
  ].filter((c) => {
    if (!c.exe || existsSync(c.exe)) return true;
    log(`skipping ${c.name}: ${c.exe} is missing`);
    return false;
  });

  const results = { date: new Date().toISOString(), machine: machine(), repeats: REPEATS, timing: CPU_CLOCK, tfjsWasm: tfjs.info, workloads: {} };
  for (const w of list) {
    log(`${w.id}: ${w.title} — ${w.epochs} epochs${w.note ? ` (${w.note})` : ''}`);
    const samples = Object.fromEntries(contenders.map((c) => [c.name, []]));
    // Warm-up: a full-length run (V8 tiers wasm and JS up by use), 3 epochs for the slow TF.js cpu.
    for (const c of contenders) await c.run(w, c.name === 'tfjs-cpu' ? Math.min(w.epochs, 3) : w.epochs);
    for (let r = 0; r < REPEATS; r++) {
      // Alternate the contenders, rotating the order each round.
      for (let i = 0; i < contenders.length; i++) {
        const c = contenders[(i + r) % contenders.length];
        samples[c.name].push(await c.run(w, w.epochs));
      }
    }
    const entry = { title: w.title, epochs: w.epochs, note: w.note ?? null, trainRows: data[w.id].train.rows, valRows: data[w.id].val.rows, contenders: {} };
    for (const c of contenders) {
      const s = samples[c.name];
      if (s.some((x) => x.unsupported)) {
        entry.contenders[c.name] = { unsupported: s.find((x) => x.unsupported).unsupported };
        continue;
      }
      const cpu = median(s.map((x) => x.cpuMs)), wall = median(s.map((x) => x.wallMs));
      entry.contenders[c.name] = { cpuMs: s.map((x) => x.cpuMs), wallMs: s.map((x) => x.wallMs), medianCpuMs: cpu, medianWallMs: wall,
        epochsPerSec: (1000 * w.epochs) / cpu, finalTrainLoss: s.at(-1).trainLoss ?? null, note: s.at(-1).note ?? null };
    }
    if (w.cnn) {
      const flops = cnnFlops(w.tfjs, data[w.id].outputs, data[w.id].train.rows, data[w.id].val.rows);
      entry.flopsPerEpoch = flops.perEpoch;
      entry.flopsPerEpochWithEvaluation = flops.withEvaluation;
      entry.forwardFlopsPerImage = flops.forwardPerImage;
      for (const c of Object.values(entry.contenders))
        if (c.medianCpuMs) c.effectiveGflops = flops.perEpoch / (c.medianCpuMs / w.epochs) / 1e6;
    }
    const base = entry.contenders['reglab-wasm-simd'].medianCpuMs;
    for (const c of Object.values(entry.contenders)) c.timeRelativeToWasmSimd = c.medianCpuMs ? c.medianCpuMs / base : null;
    results.workloads[w.id] = entry;
    log(table(['contender', 'ms/epoch (cpu)', 'epochs/s', '× wasm-simd time'], contenders.map((c) => {
      const e = entry.contenders[c.name];
      if (e.unsupported) return [c.name, 'cannot train it', '—', e.unsupported.slice(0, 60)];
      return [c.name, fmt(e.medianCpuMs / w.epochs, 3), fmt(e.epochsPerSec, 1), fmt(e.timeRelativeToWasmSimd, 2)];
    })));
  }

  // A long saturating overfitting run: epochs must stay fast once the softmax saturates.
  if (!ONLY.length || ONLY.includes('saturate')) {
    const spec = { seed: 5, data: { kind: 'moons', n: 100, noise: 0.05, valFraction: 0.2 }, model: { hidden: [64, 64], activation: 'relu' },
      optimizer: { kind: 'adam', lr: 0.01 }, training: { epochs: 4000, batchSize: 16, ...noEarlyStop } };
    const run = engine.createRun(spec);
    const records = run.step(4000);
    run.dispose();
    const window = 400;
    const perEpoch = (a, b) => (records[b - 1].time - (a > 0 ? records[a - 1].time : 0)) / (b - a);
    const first = perEpoch(0, window), last = perEpoch(records.length - window, records.length);
    results.saturating = { spec, epochs: records.length, firstMsPerEpoch: first, lastMsPerEpoch: last, slowdown: last / first,
      finalTrainLoss: records.at(-1).trainLoss, note: 'time from records (wall clock inside step), first vs last 400 epochs' };
    log(`saturating run: ${records.length} epochs, train loss → ${records.at(-1).trainLoss?.toExponential(2)}; ms/epoch first 400 ${first.toFixed(4)}, last 400 ${last.toFixed(4)} (×${(last / first).toFixed(2)})`);
  }

  if (!flag('--skip-gemm') && (!ONLY.length || ONLY.includes('gemm'))) {
    const simdModule = await loadWasmModule(path.join(ROOT, 'build/wasm'));
    const scalarModule = await loadWasmModule(path.join(ROOT, 'build/wasm-nosimd'));
    // What this machine's core delivers to wasm SIMD128 without loads (a mul+add loop in the engine):
    // the nominal 68 GFLOP/s assumes a whole idle core at full clock, which a shared VM may not give.
    simdModule.benchSimdPeak(1e6);
    const ceilings = [];
    for (let i = 0; i < 5; i++) {
      const t0 = cpuNow();
      const flops = simdModule.benchSimdPeak(1e8);
      ceilings.push(flops / ((cpuNow() - t0) * 1e6));
    }
    // The core's own 128-bit ceiling, natively (SSE, 16 registers): the clock this VM really gives.
    const sse42 = path.join(ROOT, 'build/native-sse42/reglab_bench');
    const haveSse42 = existsSync(sse42), haveMarch = existsSync(path.join(ROOT, 'build/native-bench/reglab_bench'));
    const native128 = haveSse42 ? JSON.parse(sh(sse42, ['peak', '1']).trim()).gflops : null;
    results.simd128Ceiling = { measuredGflops: median(ceilings), samples: ceilings, nominalGflops: PEAK_GFLOPS, nativeSse128Gflops: native128 };
    log(`SIMD128 mul+add ceiling measured: ${median(ceilings).toFixed(1)} GFLOP/s in wasm, ${fmt(native128, 1)} natively with 128-bit SSE (nominal ${PEAK_GFLOPS})`);
    // Five rounds over all shapes, the median of the rounds per shape and contender: a burst of
    // load from another tenant (seconds long on this VM) then spoils a round or two, not a shape.
    const shapes = gemmShapes();
    const rounds = shapes.map(() => ({ wasmSimd: [], wasmNoSimd: [], nativeSse42: [], nativeMarch: [] }));
    for (let round = 0; round < 5; round++)
      shapes.forEach((s, i) => {
        rounds[i].wasmSimd.push(benchWasmGemm(simdModule, s, 0.2));
        rounds[i].wasmNoSimd.push(benchWasmGemm(scalarModule, s, 0.1));
        if (haveSse42) rounds[i].nativeSse42.push(benchNativeGemm('build/native-sse42', s, 0.2));
        if (haveMarch) rounds[i].nativeMarch.push(benchNativeGemm('build/native-bench', s, 0.2));
      });
    results.gemm = [];
    for (const [i, s] of shapes.entries()) {
      const row = { ...s, rounds: rounds[i] };
      row.wasmSimd = median(rounds[i].wasmSimd);
      row.wasmNoSimd = median(rounds[i].wasmNoSimd);
      row.nativeSse42 = haveSse42 ? median(rounds[i].nativeSse42) : null;
      row.nativeMarch = haveMarch ? median(rounds[i].nativeMarch) : null;
      row.percentOfPeak = (100 * row.wasmSimd) / PEAK_GFLOPS;
      row.percentOfMeasuredCeiling = (100 * row.wasmSimd) / results.simd128Ceiling.measuredGflops;
      row.percentOfNativeSse128 = native128 ? (100 * row.wasmSimd) / native128 : null;
      row.vsNativeSse42 = row.wasmSimd / row.nativeSse42;
      results.gemm.push(row);
    }
    log(`GEMM alone (GFLOP/s, CPU time; peak SIMD128 = ${PEAK_GFLOPS})`);
    log(table(['shape', 'product', 'M×N×K', 'wasm simd128', '% peak', '% wasm ceiling', '% native 128-bit ceiling', 'wasm no-SIMD', 'native sse4.2 Eigen', 'wasm/sse4.2', 'native march'],
      results.gemm.map((g) => [g.label, g.product, `${g.M}×${g.N}×${g.K}`, fmt(g.wasmSimd, 1), fmt(g.percentOfPeak, 0) + ' %', fmt(g.percentOfMeasuredCeiling, 0) + ' %', fmt(g.percentOfNativeSse128, 0) + ' %', fmt(g.wasmNoSimd, 1), fmt(g.nativeSse42, 1), fmt(g.vsNativeSse42, 2), fmt(g.nativeMarch, 1)])));
  }

  // How close the CNN epochs come to the machine's limit: their effective rate (FLOPs of an epoch ÷
  // its time) against the GEMM kernel's rate on 256³ measured in this same run. The timed epoch also
  // evaluates the training and validation images (forward only); the issue's rate leaves those
  // FLOPs out, so a second rate counting them is printed beside it (docs/performance.md).
  if (results.gemm?.length) {
    const gemm = results.gemm.find((g) => g.label === '256³') ?? results.gemm[0];
    results.cnnEfficiency = {};
    for (const id of ['C1', 'C2']) {
      const e = results.workloads[id];
      if (!e) continue;
      const wasm = e.contenders['reglab-wasm-simd'];
      const withEvaluation = e.flopsPerEpochWithEvaluation / (wasm.medianCpuMs / e.epochs) / 1e6;
      results.cnnEfficiency[id] = { effectiveGflops: wasm.effectiveGflops, gemmGflops: gemm.wasmSimd, gemmShape: `${gemm.label} ${gemm.product}`,
        percentOfGemm: (100 * wasm.effectiveGflops) / gemm.wasmSimd,
        effectiveGflopsWithEvaluation: withEvaluation, percentOfGemmWithEvaluation: (100 * withEvaluation) / gemm.wasmSimd };
      log(`${id}: ${fmt(wasm.effectiveGflops, 1)} GFLOP/s effective (${(e.flopsPerEpoch / 1e9).toFixed(2)} GFLOP per epoch) = ${fmt(results.cnnEfficiency[id].percentOfGemm, 0)} % of the GEMM's ${fmt(gemm.wasmSimd, 1)} GFLOP/s` +
        ` (with the evaluation passes' ${(e.flopsPerEpochWithEvaluation / 1e9).toFixed(2)} GFLOP: ${fmt(withEvaluation, 1)} GFLOP/s, ${fmt(results.cnnEfficiency[id].percentOfGemmWithEvaluation, 0)} %)`);
    }
    // What the machine gives natively to a practitioner's library on the same nets: PyTorch on the
    // CPU, one thread, its epoch timed as RegLab's (training steps, then the evaluation passes) —
    // the reference for "close to the machine's limit". Skipped where python3-torch is missing.
    const cnnIds = Object.keys(results.cnnEfficiency);
    const torchSpecs = Object.fromEntries(cnnIds.map((id) => {
      const w = workloads().find((x) => x.id === id), e = results.workloads[id];
      return [id, { conv: w.tfjs.conv, hidden: w.tfjs.hidden, batchNorm: w.tfjs.batchNorm, dropout: w.tfjs.dropout,
        batchSize: w.spec.training.batchSize, lr: w.spec.optimizer.lr, trainRows: e.trainRows, valRows: e.valRows }];
    }));
    let torchTimes = null;
    if (cnnIds.length) {
      try {
        torchTimes = JSON.parse(sh(existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3', [path.join(ROOT, 'bench/torch_cnn.py'), JSON.stringify(torchSpecs), String(REPEATS)]).trim());
      } catch (err) {
        log(`PyTorch reference skipped: ${String(err.stderr || err.message).trim().split('\n').at(-1)}`);
      }
    }
    for (const id of torchTimes ? cnnIds : []) {
      const e = results.workloads[id], t = torchTimes[id], c = results.cnnEfficiency[id];
      const wasmMs = e.contenders['reglab-wasm-simd'].medianCpuMs / e.epochs;
      c.pytorch = { ...t, effectiveGflops: e.flopsPerEpoch / t.epochMs / 1e6, percentOfGemm: (100 * e.flopsPerEpoch / t.epochMs / 1e6) / c.gemmGflops,
        trainOnlyEffectiveGflops: e.flopsPerEpoch / t.trainMs / 1e6, wasmSpeedup: t.epochMs / wasmMs };
      log(`${id}: PyTorch ${t.torch} (CPU, 1 thread) ${fmt(t.epochMs, 0)} ms per epoch (training ${fmt(t.trainMs, 0)} + evaluation ${fmt(t.evalMs, 0)}) = ` +
        `${fmt(c.pytorch.effectiveGflops, 1)} GFLOP/s effective, ${fmt(c.pytorch.percentOfGemm, 0)} % of the same GEMM (training steps alone: ${fmt(c.pytorch.trainOnlyEffectiveGflops, 1)} GFLOP/s); ` +
        `RegLab wasm is ${fmt(c.pytorch.wasmSpeedup, 2)}× faster per epoch`);
    }
  }

  // The shipped engine in Chromium (the built dist/, a Web Worker per workload, wall time).
  if (!flag('--skip-chromium') && (!ONLY.length || ONLY.includes('chromium'))) {
    const inBrowser = workloads().filter((w) => w.cnn || w.seq);
    results.chromium = await chromiumEpochs(ROOT, inBrowser);
    log(`In Chromium (${results.chromium.userAgent.match(/Chrome\/[\d.]+/)?.[0]}), a Web Worker, wall ms per epoch (median of 5 after a warm-up):`);
    log(table(['workload', 'ms/epoch', 'val acc after 6 epochs'], inBrowser.map((w) => [w.id, fmt(results.chromium[w.id].medianMsPerEpoch, 0), fmt(results.chromium[w.id].valAcc, 3)])));
  }

  results.sizes = sizes();
  results.benchSeconds = (performance.now() - started) / 1000;
  results.machine.loadAvgEnd = os.loadavg();

  // The summary: speed of each contender relative to RegLab wasm SIMD (> 1 = RegLab wasm SIMD is faster).
  const names = contenders.map((c) => c.name);
  if (!results.gemm) results.gemm = null;
  const summary = Object.entries(results.workloads).map(([id, e]) => [id, fmt(e.contenders['reglab-wasm-simd'].medianCpuMs / e.epochs, 3),
    ...names.slice(1).map((n) => fmt(e.contenders[n].timeRelativeToWasmSimd, 2))]);
  const text = table(['workload', 'wasm-simd ms/epoch', ...names.slice(1).map((n) => `${n} time ÷ wasm-simd`)], summary);
  console.log('\n' + text);
  console.log(`\nTF.js wasm binary: ${tfjs.info.binary} (SIMD ${tfjs.info.simd}, multithread ${tfjs.info.multithread})`);
  console.log(`wasm + glue: ${results.sizes.total.raw} B raw, ${results.sizes.total.gzip} B gzip`);
  // With --only, the parts measured now replace theirs in an existing results.json; the rest stays.
  const out = path.join(ROOT, 'bench/results.json');
  let merged = results;
  if (ONLY.length && existsSync(out)) {
    const previous = JSON.parse(readFileSync(out, 'utf8'));
    merged = { ...previous, ...results, workloads: { ...previous.workloads, ...results.workloads },
      gemm: results.gemm ?? previous.gemm, saturating: results.saturating ?? previous.saturating,
      simd128Ceiling: results.simd128Ceiling ?? previous.simd128Ceiling, partialRuns: [...(previous.partialRuns ?? []), { date: results.date, only: ONLY }] };
  }
  writeFileSync(out, JSON.stringify(merged, null, 1) + '\n');
  log(`bench/results.json written (${results.benchSeconds.toFixed(0)} s)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
