// Convolutional networks in the lab (issue 15): the Fashion-MNIST images load with a progress
// indication, and a run whose epochs each take seconds trains on without the page's watchdog
// replacing its worker (the worker announces a slow step before it starts it).
import { test, assert, openLab } from './harness.mjs';
import { encodeState } from '../../web/state/url.js';

test('CNN run with multi-second epochs: images load with progress, no worker restart', async ({ page, errors, base }) => {
  // Wide convolutions without pooling on 1,500 photos: a few seconds per epoch here, more than
  // the watchdog's 5 s of silence on a slower machine.
  const spec = {
    seed: 3, data: { kind: 'fashion_mnist', trainSize: 1500, valFraction: 0.1 },
    model: { kind: 'cnn', conv: [{ filters: 32, pool: 0 }, { filters: 32, pool: 4 }], hidden: [32] },
    optimizer: { kind: 'adam', lr: 0.002 }, training: { epochs: 3, batchSize: 64 },
  };
  const hash = encodeState({ lesson: '6.7', preset: '6.7-images', runs: [{ label: 'wide CNN', spec }] });
  const seen = new Set();
  await openLab(page, `${base}/index.html${hash}`);
  const started = Date.now();
  let epochs = 0, status = '';
  while (Date.now() - started < 240_000) {
    status = await page.locator('.run-card .badge, .run-card .state').first().textContent().catch(() => '');
    if (/loading images/.test(status)) seen.add('progress');
    epochs = await page.evaluate(() => Math.max(0, ...[...document.querySelectorAll('.run-card')].map((c) => Number((c.textContent.match(/(\d+) ?\/ ?3\b/) ?? [])[1] ?? 0))));
    const notice = await page.locator('.run-card', { hasText: 'worker stopped' }).count();
    assert(notice === 0, `the worker was replaced while it trained (status: ${status})`);
    if (/done/.test(status)) break;
    await page.waitForTimeout(250);
  }
  console.log(`    wide CNN: status "${status.trim()}" after ${((Date.now() - started) / 1000).toFixed(1)} s; progress seen: ${seen.has('progress')}`);
  assert(/done · 3 epochs/.test(status), `the run did not finish its 3 epochs: "${status}"`);
  assert(errors.length === 0, errors.join('\n'));
}, { timeout: 300_000 });
