// Every lesson, every preset: open it, run it to the end, and check that the charts hold data for
// every run, the summary table is filled, the preset's claims show in the numbers and nothing is
// logged as an error. A full-page screenshot of each lands in build/screenshots/.
import { test, assert, openLab, waitDone, readTable, chartCounts, chartPoints, screenshot, presets } from './harness.mjs';

const FINISHED = new Set(['done', 'early-stopped', 'diverged']);

for (const preset of await presets()) {
  const hash = preset.id === preset.lesson ? `#/${preset.lesson}` : `#/${preset.lesson}?p=${preset.id}`;
  test(`lesson ${preset.lesson} · ${preset.id}: runs to the end, charts and table filled, claims hold`, async ({ page, errors, base }) => {
    await openLab(page, `${base}/${hash}`);
    await waitDone(page, 150_000);
    const expectedErrors = new Map((preset.expectedErrors ?? []).map((e) => [e.run, e.path]));
    const labels = preset.runs.map((r) => r.label);

    // Run cards: every run finished (or failed exactly as the preset says it must).
    // The card says the error in words (the field's name); its tooltip keeps the spec path.
    const states = await page.$$eval('.run-card', (cards) => cards.map((c) => [c.dataset.run, c.dataset.state, c.querySelector('p.error')?.textContent ?? '', c.querySelector('p.error')?.title ?? '']));
    assert(states.length === labels.length, `expected ${labels.length} run cards, found ${states.length}`);
    for (const [label, state, error, path] of states) {
      if (expectedErrors.has(label)) {
        assert(state === 'error' && path.startsWith(`${expectedErrors.get(label)}:`) && !error.includes(expectedErrors.get(label)), `${label}: expected an error in words, naming ${expectedErrors.get(label)} in its tooltip, got state ${state} "${error}" (${path})`);
      } else {
        assert(FINISHED.has(state), `${label}: expected a finished run, got state "${state}" ${error}`);
      }
    }
    const trained = labels.filter((l) => !expectedErrors.has(l));

    // Charts hold data for every run.
    const loss = await chartCounts(page, 'loss');
    for (const l of trained) assert(loss[l] > 0, `loss chart has no points for ${l}: ${JSON.stringify(loss)}`);
    const accHidden = await page.$eval('figure[data-chart="acc"]', (f) => f.hidden);
    if (!accHidden) {
      const acc = await chartCounts(page, 'acc');
      for (const l of trained) assert(acc[l] > 0, `accuracy chart has no points for ${l}`);
    }
    for (const view of preset.views ?? []) {
      const name = { gradNorm: 'grad', sigma: 'sigma', confidence: 'confidence' }[view];
      if (name) assert((await chartPoints(page, name)) > 0, `${view} chart is empty`);
    }
    const hists = await page.$$eval('figure.hist', (fs) => fs.map((f) => Number(f.dataset.points)));
    assert(hists.length === trained.length && hists.every((n) => n > 0), `weight histograms: ${JSON.stringify(hists)}`);
    const planes = await page.$$eval('figure.plane', (fs) => fs.map((f) => Number(f.dataset.epoch)));
    const curves = await page.$$eval('figure.curve', (fs) => fs.map((f) => Number(f.dataset.points)));
    const kind = preset.runs[0].spec.data.kind;
    if (['moons', 'circles', 'spiral', 'xor', 'gaussians'].includes(kind)) {
      assert(planes.length === trained.length && planes.every((e) => e > 0), `decision boundaries should show a trained epoch for every run: ${JSON.stringify(planes)}`);
    }
    if (kind === 'sine') assert(curves.length === trained.length && curves.every((n) => n > 0), `fitted curves: ${JSON.stringify(curves)}`);
    if (kind === 'digits' && (preset.views ?? []).includes('confusion')) {
      const n = await page.$$eval('figure.confusion', (fs) => fs.length);
      assert(n === trained.length, `expected ${trained.length} confusion matrices, found ${n}`);
    }

    // The summary table is filled and never shows NaN.
    const table = await readTable(page);
    for (const l of trained) {
      const row = table[l];
      assert(row, `table has no row for ${l}`);
      assert(row.epochs > 0, `${l}: table shows ${row.epochsText} epochs`);
      if (row.state !== 'diverged') assert(row.valLoss !== null && row.trainLoss !== null, `${l}: table lacks losses (${row.trainLossText}, ${row.valLossText})`);
    }
    const body = await page.textContent('article.lesson');
    assert(!/\bNaN\b/.test(body), 'the page shows "NaN"');

    // The preset's effect shows in the numbers: every claim holds.
    const claims = await page.$$eval('li.claim', (lis) => lis.map((li) => [li.dataset.ok, li.textContent]));
    for (const [ok, text] of claims.filter(([ok]) => ok !== 'na' || (preset.claims ?? []).length)) {
      assert(ok === 'true', `claim does not hold: ${text}`);
    }
    assert(claims.filter(([ok]) => ok === 'true').length === (preset.claims ?? []).length, `expected ${(preset.claims ?? []).length} claims checked, got ${JSON.stringify(claims)}`);

    // Lesson extras.
    if (preset.biasVariance) {
      await page.waitForFunction(() => Number(document.querySelector('figure[data-chart="biasVariance"]')?.dataset.points) > 0, null, { timeout: 150_000 });
      const bv = await chartPoints(page, 'biasVariance');
      assert(bv >= 4 * preset.biasVariance.options.capacities.length, `bias–variance chart holds ${bv} points`);
    }
    if (preset.lesson === '6.7') {
      await page.waitForSelector('.gallery-pair canvas', { timeout: 20_000 });
      const pairs = await page.$$eval('.gallery-pair', (ps) => ps.map((p) => p.querySelectorAll('canvas').length));
      assert(pairs.length >= 2 && pairs.every((n) => n >= 8), `augmentation galleries: ${JSON.stringify(pairs)}`);
      await page.waitForFunction(() => document.querySelectorAll('.extra table tbody tr').length >= 6, null, { timeout: 20_000 });
    }
    await screenshot(page, `lesson-${preset.id}`);
    assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
  }, { timeout: 240_000 });
}
