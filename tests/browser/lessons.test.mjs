// Every lesson, every preset: open it, run it to the end, and check that the charts hold data for
// every run, the summary table is filled, no ✓ in "What to look for" is contradicted by the run's
// own numbers, and nothing is logged as an error. A full-page screenshot of each lands in build/screenshots/.
import { test, assert, openLab, waitDone, readTable, chartCounts, chartPoints, screenshot, presets } from './harness.mjs';
import { RULES, rulesOfPreset } from '../../web/claims/rules.js';

// The summary table's column for a measurement the checks use (where the table shows one).
const TABLE_COLUMN = { gap: 'gap', valLoss: 'valLoss', trainLoss: 'trainLoss', valAcc: 'valAcc', weightNorm: 'weightNorm', zeroFraction: 'zeroFraction', epochsToTarget: 'epochsToTarget', maxSigma: 'maxSigma', meanConfidence: 'meanConfidence', ece: 'ece', stepGapAbs: 'stepGap' };

// A rule re-evaluated here, written out apart from the page's holds(): a < b − margin, |b − a| ≤ tol,
// or the rule's own per-seed condition (the suite's, unchanged).
function reevaluate(r, row) {
  if (r.less) return row[r.less[0]] < row[r.less[1]] - (r.margin ?? 0);
  if (r.within) return Math.abs(row[r.within[1]] - row[r.within[0]]) <= r.within[2];
  return Boolean(r.test(row));
}

const FINISHED = new Set(['done', 'early-stopped', 'diverged']);

for (const preset of await presets()) {
  const hash = preset.id === preset.lesson ? `#/${preset.lesson}` : `#/${preset.lesson}?p=${preset.id}`;
  test(`lesson ${preset.lesson} · ${preset.id}: runs to the end, charts and table filled, no ✓ against its numbers`, async ({ page, errors, base }) => {
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

    // "What to look for": no ✓ for a statement this run's numbers contradict. Every check names
    // its rule (the claims suite's, web/claims/rules.js) and the numbers it used; here the rule is
    // re-evaluated on them, and the numbers are compared with the summary table's.
    const checks = await page.$$eval('li.claim', (lis) => lis.map((li) => ({ ok: li.dataset.ok, rule: li.dataset.rule, row: li.dataset.row ? JSON.parse(li.dataset.row, (k, v) => (v === 'Infinity' ? Infinity : v)) : null, text: li.textContent, links: [...li.querySelectorAll('a')].map((a) => a.getAttribute('href')) })));
    const expected = rulesOfPreset(preset.id);
    assert(checks.filter((c) => c.rule).length === expected.length, `expected ${expected.length} checks (${expected.map((r) => r.id).join(', ')}), got ${JSON.stringify(checks.map((c) => c.rule))}`);
    const shown = [];
    for (const c of checks.filter((x) => x.rule)) {
      const r = RULES[c.rule];
      assert(c.ok === 'true' || c.ok === 'false', `${c.rule}: not evaluated at the end (${c.ok}): ${c.text}`);
      assert(!/try another seed/i.test(c.text), `${c.rule}: says "try another seed": ${c.text}`);
      assert(c.links.includes(`claims.html#claim-${r.claim}`), `${c.rule}: no link to claim ${r.claim}'s multi-seed verdict: ${JSON.stringify(c.links)}`);
      assert(c.row, `${c.rule}: the check shows no numbers`);
      const truth = reevaluate(r, c.row);
      assert(String(truth) === c.ok, `${c.rule}: the page shows ${c.ok === 'true' ? '✓' : 'not shown'}, but its numbers ${JSON.stringify(c.row)} say ${truth}: ${c.text}`);
      // The numbers are the runs' own: those the summary table shows agree to its rounding.
      for (const [key, [labels, measure]] of Object.entries(r.lab[preset.id])) {
        const column = TABLE_COLUMN[measure];
        let cell = typeof labels === 'string' ? table[labels]?.[column] : undefined;
        if (cell === undefined || cell === null || c.row[key] === null || typeof cell !== 'number') continue;
        const v = c.row[key];
        if (measure === 'stepGapAbs') cell = Math.abs(cell);  // the table shows the sign: inference − training steps
        assert(Math.abs(cell - v) <= 0.006 * Math.max(1, Math.abs(v)) + 0.0015, `${c.rule}: ${key} = ${v} but the table shows ${labels} ${column} = ${cell}`);
      }
      shown.push(`${c.rule} ${c.ok === 'true' ? '✓' : '○'} ${JSON.stringify(c.row)}`);
    }
    if (shown.length) console.log(`      ${preset.id}: ${shown.join('; ')}`);

    // Lesson extras.
    if (preset.biasVariance) {
      await page.waitForFunction(() => Number(document.querySelector('figure[data-chart="biasVariance"]')?.dataset.points) > 0, null, { timeout: 150_000 });
      const bv = await chartPoints(page, 'biasVariance');
      assert(bv >= 4 * preset.biasVariance.options.capacities.length, `bias–variance chart holds ${bv} points`);
    }
    // The image presets show galleries of augmented images; the text preset (6.7-text) has none.
    if (preset.lesson === '6.7' && preset.runs.some((r) => ['digits', 'fashion_mnist'].includes(r.spec.data.kind))) {
      await page.waitForSelector('.gallery-pair canvas', { timeout: 20_000 });
      const pairs = await page.$$eval('.gallery-pair', (ps) => ps.map((p) => p.querySelectorAll('canvas').length));
      assert(pairs.length >= 2 && pairs.every((n) => n >= 8), `augmentation galleries: ${JSON.stringify(pairs)}`);
    }
    if (preset.lesson === '6.7') {
      // The text-augmentation table: its synonyms and back-translation need the full engine module
      // (the core one has no word tables), which drawTextAugment asks for.
      await page.waitForFunction(() => document.querySelectorAll('.extra table tbody tr').length >= 6 ||
        document.querySelector('.extra table td.error'), null, { timeout: 20_000 });
      const failure = await page.evaluate(() => document.querySelector('.extra table td.error')?.textContent ?? null);
      assert(failure === null, `the text-augmentation table shows an error: ${failure}`);
    }
    await screenshot(page, `lesson-${preset.id}`);
    assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
  }, { timeout: 240_000 });
}
