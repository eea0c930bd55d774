// Issue 2's browser check: the page loads the wasm module, trains a moons run and shows its
// loss curve with Chart.js; nothing is logged as an error.
import { test, assert, openLab, waitDone, chartCounts, chartPoints } from './harness.mjs';
import { encodeState } from '../../web/state/url.js';

test('foundation: loads the wasm engine, trains moons, loss chart holds ≥ 100 points, no console errors', async ({ page, errors, base }) => {
  const spec = {
    version: 1, seed: 3, data: { kind: 'moons', n: 200, noise: 0.2, valFraction: 0.3 },
    model: { hidden: [32, 32] }, optimizer: { kind: 'adam', lr: 0.01 }, training: { epochs: 120, batchSize: 32 },
  };
  await openLab(page, `${base}/${encodeState({ lesson: '6.1', preset: '6.1', runs: [{ label: 'moons', spec }] })}`);
  await waitDone(page, 60_000);
  const counts = await chartCounts(page, 'loss');
  assert(counts.moons === 120, `loss chart should hold 120 epochs of the moons run, has ${JSON.stringify(counts)}`);
  const points = await chartPoints(page, 'loss');
  assert(points >= 100, `loss chart should hold ≥ 100 points, has ${points}`);
  const engine = await page.textContent('#engine');
  assert(/engine .+ WebAssembly/.test(engine), `footer should name the engine build, says "${engine}"`);
  const canvasDrawn = await page.$eval('figure[data-chart="loss"] canvas', (c) => c.width > 0 && c.height > 0);
  assert(canvasDrawn, 'the loss chart canvas has a size');
  assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
});
