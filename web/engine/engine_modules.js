// The engine is built as two modules from the same sources, with the same bindings
// (CMakeLists.txt, cpp/src/train/network.cpp): 'core' trains the model kinds of CORE_KINDS (the
// mlp) and is what the lab loads first (~52 KB less Brotli than the full module); 'full' trains
// every kind (cnn, transformer, gru too). Only 'full' holds the word tables of text augmentation
// (cpp/src/augment/text_tables.cpp), which the augment.text operations of TABLE_OPS read. This
// file is the one place on the JS side that knows which spec needs which. It imports nothing, so
// the page's bundles take it without the rest of the engine API (reglab.js re-exports it).
export const ENGINE_MODULES = { core: 'reglab-core', full: 'reglab' };
const CORE_KINDS = new Set(['mlp']);
const TABLE_OPS = ['synonym', 'insert', 'backTranslate'];

/** 'core' or 'full': the smallest engine module that trains `spec` (a spec object or its JSON;
 * a spec without model.kind is an MLP, an augment.text operation left out is off). An unknown
 * kind goes to the full module, which names it in its error. */
export function engineFor(spec) {
  let kind = 'mlp', text = {};
  try {
    const s = typeof spec === 'string' ? JSON.parse(spec) : spec;
    kind = s?.model?.kind ?? 'mlp';
    text = s?.augment?.text ?? {};
  } catch { /* not JSON: createRun reports it */ }
  return CORE_KINDS.has(kind) && !TABLE_OPS.some((op) => text[op] > 0) ? 'core' : 'full';
}

/** The URL of a module's file beside `url` (e.g. reglab.wasm → reglab-core.wasm). */
export function engineFile(url, engine, ext = '.wasm') {
  return new URL(`${ENGINE_MODULES[engine] ?? ENGINE_MODULES.full}${ext}`, url).href;
}
