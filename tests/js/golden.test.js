// Behaviour unchanged: every preset's per-epoch history, every record field, bit for bit, natively
// and in wasm, against the digests recorded before the architecture redesign (tests/golden/).
import { describe, it, expect, beforeAll } from 'vitest';
import { createEngine } from 'reglab';
import { nativeDigests, presetRuns, readGolden, wasmDigests } from '../golden/histories.mjs';

// Compares field by field so a failure names the run and the field that moved.
function expectSame(actual, golden) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(golden).sort());
  for (const id of Object.keys(golden)) {
    const a = actual[id];
    const g = golden[id];
    if (g.error !== undefined) {
      expect({ id, error: a.error }).toEqual({ id, error: g.error });
      continue;
    }
    expect({ id, epochs: a.epochs, stopReason: a.stopReason, bestEpoch: a.bestEpoch })
      .toEqual({ id, epochs: g.epochs, stopReason: g.stopReason, bestEpoch: g.bestEpoch });
    for (const field of Object.keys(g.fields)) {
      expect({ id, field, first: a.first?.[field], last: a.last?.[field], digest: a.fields[field] })
        .toEqual({ id, field, first: g.first?.[field], last: g.last?.[field], digest: g.fields[field] });
    }
  }
}

describe('golden histories (every preset run, every record field, bit for bit)', () => {
  it('covers every run of every preset', () => {
    expect(Object.keys(readGolden('wasm')).sort()).toEqual(presetRuns().map((r) => r.id).sort());
  });

  // Every preset run trained to the end, the text presets' Transformers and GRUs among them: minutes
  // on a loaded 2-core machine, beyond the suite's default timeout.
  it('native CLI histories match', async () => {
    expectSame(await nativeDigests(), readGolden('native'));
  }, 600_000);

  let engine;
  beforeAll(async () => { engine = await createEngine(); });
  it('wasm JS API histories match', async () => {
    expectSame(await wasmDigests(engine), readGolden('wasm'));
  }, 600_000);
});
