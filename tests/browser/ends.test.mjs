// Issue 16's loose ends, as a student meets them: readable log axes, marks beside (not over) the
// curves, one x-axis for a lesson's weight histograms, added runs that wait with a Play button,
// edited runs named for what changed, iframe embeds with labels and autoplay, a 2× chart PNG, and
// words instead of spec paths and codes.
import fs from 'node:fs';
import { test, assert, openLab, waitDone, readTable, forgetPredictions, skipPrediction } from './harness.mjs';
import { decodeState } from '../../web/state/url.js';

const cardOf = (page, label) => page.locator(`.run-card[data-run="${label}"]`);

test('ends: the gradient-norm log axis of a diverging run labels decades only, none overlapping', async ({ page, errors, base }) => {
  await openLab(page, `${base}/#/6.8?p=6.8-clip`);
  await waitDone(page);
  const ticks = JSON.parse(await page.getAttribute('figure[data-chart="grad"]', 'data-y-ticks'));
  const labels = ticks.map((t) => t.label);
  console.log(`      gradient-norm axis: ${labels.join(' · ')}`);
  assert(labels.length >= 3 && labels.length <= 7, `tick count ${labels.length}: ${labels.join(', ')}`);
  assert(labels.every((l) => /^(0\.0*1|10*|1e-?\d+)$/.test(l)), `every label is a power of ten: ${labels.join(', ')}`);
  const px = ticks.map((t) => t.px).sort((a, b) => a - b);
  const closest = Math.min(...px.slice(1).map((p, i) => p - px[i]));
  assert(closest >= 14, `labels ${closest} px apart (overlap below 14 px)`);
  const top = Number(labels[labels.length - 1].replace(/^1e/, '1e'));
  assert(top >= 1e9, `the axis reaches the diverging run's norms: top label ${labels[labels.length - 1]}`);
  assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
});

test('ends: best and stopped marks are named in a key under the loss chart, no label drawn over the curves', async ({ page, errors, base }) => {
  await openLab(page, `${base}/#/6.6`);
  await waitDone(page);
  const loss = page.locator('figure[data-chart="loss"]');
  const key = await loss.locator('.marks-key li').allTextContents();
  assert(key.some((t) => /^patience 20: stopped at epoch \d+$/.test(t)), `stop mark in the key: ${key.join(' | ')}`);
  assert(key.some((t) => /best epoch \d+/.test(t)), `best mark in the key: ${key.join(' | ')}`);
  assert(await loss.getAttribute('data-plot-labels') === '0', `labels drawn on the plot: ${await loss.getAttribute('data-plot-labels')}`);
  assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
});

test('ends: the loss figure keeps its height while the key under it fills (the plot gives the key its lines)', async ({ page, errors, base }) => {
  // The lesson opens with its runs ready and paused (the question before Play): no marks yet.
  await forgetPredictions(page, base);
  await openLab(page, `${base}/#/6.6`, { prediction: 'wait', speed: null });
  const loss = page.locator('figure[data-chart="loss"]');
  await page.waitForSelector('main#lab[data-awaiting="true"]');
  const size = () => loss.evaluate((f) => ({ figure: f.getBoundingClientRect().height, plot: f.querySelector('.chart-box').getBoundingClientRect().height,
    key: f.querySelector('.marks-key:not([hidden])')?.getBoundingClientRect().height ?? 0 }));
  const before = await size();
  await skipPrediction(page);
  await waitDone(page);
  const after = await size();
  console.log(`      6.6 loss figure: before Play ${JSON.stringify(before)}; done ${JSON.stringify(after)}`);
  assert(after.key > before.key + 10, `the key grew while the runs trained: ${before.key} → ${after.key} px`);
  assert(Math.abs(after.figure - before.figure) <= 2, `the figure kept its height: ${before.figure} → ${after.figure} px`);
  assert(after.plot >= 0.7 * before.plot - 1 && after.plot < before.plot, `the plot gave the key its lines, down to 70 %: ${before.plot} → ${after.plot} px`);
  assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
});

test('ends: the weight histograms of a lesson share one x-axis, on which L2 weights span far less than unpenalized ones', async ({ page, errors, base }) => {
  await openLab(page, `${base}/#/6.2`);
  await waitDone(page);
  const hists = await page.$$eval('figure.hist', (fs) => fs.map((f) => ({ title: f.querySelector('figcaption').textContent, axis: f.dataset.axis, range: Number(f.dataset.range) })));
  console.log(`      histograms: ${hists.map((h) => `${h.title} |w| ≤ ${h.range.toFixed(2)} on ${h.axis}`).join('; ')}`);
  assert(hists.length === 4 && new Set(hists.map((h) => h.axis)).size === 1, `one axis for all: ${JSON.stringify(hists)}`);
  const none = hists.find((h) => h.title === 'Weights of none'), l2 = hists.find((h) => h.title.startsWith('Weights of L2'));
  const [lo, hi] = none.axis.split(',').map(Number);
  assert(lo === -hi && hi >= Math.max(...hists.map((h) => h.range)), `the axis covers every run: ${none.axis}`);
  assert(l2.range < none.range / 2, `L2 shrinks the weights: |w| ≤ ${l2.range} vs ${none.range}`);
  assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
});

test('ends: a run added after the others finished waits with a Play button, not under a "Paused." nobody pressed', async ({ page, errors, base }) => {
  await openLab(page, `${base}/#/6.1`);
  await waitDone(page);
  await page.click('.toolbar button:has-text("Add run")');
  const card = page.locator('.run-card').nth(2);
  await card.locator('.card-play').waitFor({ state: 'visible', timeout: 30_000 });
  const status = await page.textContent('.toolbar .status');
  assert(status === 'Ready: press Play to train.', `status: ${status}`);
  assert(/press Play/.test(await card.locator('.badge').textContent()), `badge: ${await card.locator('.badge').textContent()}`);
  assert(await page.textContent('#play') === 'Play', `toolbar button: ${await page.textContent('#play')}`);
  await card.locator('.card-play').click();
  await waitDone(page);
  const progress = await card.locator('.progress-text').textContent();
  assert(/^300 \/ 300$/.test(progress), `the added run trained: ${progress}`);
  assert(await card.locator('.card-play').isHidden(), 'the Play button leaves once the run trains');
  // Pause pressed by a person says "Paused."
  await page.click('#play');
  await page.click('#play');
  assert(await page.textContent('.toolbar .status') === 'Paused.', `after Pause: ${await page.textContent('.toolbar .status')}`);
  assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
});

test('ends: an edited run is named for what changed, on its card, in the chart legend and in the URL', async ({ page, errors, base }) => {
  await openLab(page, `${base}/#/6.2`);
  await waitDone(page);
  const box = cardOf(page, 'none').locator('.field[data-path="regularization.l2"] input[type="number"]');
  await box.fill('0.003');
  await box.press('Enter');
  await cardOf(page, 'L2 (λ 0.003)').waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => location.hash.includes('s='));
  const state = decodeState(await page.evaluate(() => location.hash));
  assert(state.runs[0].label === 'L2 (λ 0.003)', `URL label: ${state.runs[0].label}`);
  await waitDone(page);
  const counts = JSON.parse(await page.getAttribute('figure[data-chart="loss"]', 'data-counts'));
  assert('L2 (λ 0.003)' in counts && !('none' in counts), `loss chart runs: ${Object.keys(counts).join(', ')}`);
  // The name that already shows λ takes the new value.
  const box2 = cardOf(page, 'L2 λ=0.01').locator('.field[data-path="regularization.l2"] input[type="number"]');
  await box2.fill('0.03');
  await box2.press('Enter');
  await cardOf(page, 'L2 λ=0.03').waitFor({ timeout: 10_000 });
  assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
});

test('ends: the iframe embed of a run keeps both run labels and starts training on its own', async ({ page, errors, base }) => {
  await openLab(page, `${base}/#/6.2`);
  await waitDone(page);
  await page.evaluate(() => { navigator.clipboard.writeText = async (text) => { window.__copied = text; }; });
  const card = cardOf(page, 'L2 λ=0.01');
  await card.locator('.menu summary').click();
  await card.getByRole('button', { name: 'Copy embed code' }).click();
  const code = await page.waitForFunction(() => window.__copied).then((h) => h.jsonValue());
  const src = code.match(/<iframe src="([^"]+)"/)?.[1];
  const q = new URL(src).searchParams;
  assert(q.get('label-a') === 'none' && q.get('label-b') === 'L2 λ=0.01' && q.has('autoplay'), `iframe query: ${src.slice(0, 80)}… labels ${q.get('label-a')}, ${q.get('label-b')}`);
  await page.setViewportSize({ width: 800, height: 420 });
  await page.goto(src);
  await page.waitForFunction(() => ['training', 'done'].includes(document.querySelector('reglab-compare')?.dataset.state), null, { timeout: 60_000 });
  const legend = await page.evaluate(() => [...document.querySelector('reglab-compare').shadowRoot.querySelectorAll('.chip')].map((c) => c.dataset.run));
  assert(legend.includes('none') && legend.includes('L2 λ=0.01'), `widget runs: ${legend.join(', ')}`);
  assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
});

test('ends: a chart PNG is drawn at 2× its size with its title in a band above the plot', async ({ page, errors, base }) => {
  await openLab(page, `${base}/#/6.1`);
  await waitDone(page);
  const css = await page.$eval('figure[data-chart="loss"] canvas', (c) => ({ w: c.clientWidth, h: c.clientHeight, dpr: devicePixelRatio }));
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('figure[data-chart="loss"] figcaption button')]);
  const png = fs.readFileSync(await dl.path());
  const w = png.readUInt32BE(16), h = png.readUInt32BE(20);
  console.log(`      loss chart ${css.w}×${css.h} CSS px (device ratio ${css.dpr}) → PNG ${w}×${h}`);
  assert(png.subarray(1, 4).toString() === 'PNG', 'a PNG');
  assert(w === 2 * css.w + 40 && h === 2 * css.h + 44 + 40, `PNG ${w}×${h} for a ${css.w}×${css.h} chart`);
  // The page's own chart is back at its own resolution.
  const after = await page.$eval('figure[data-chart="loss"] canvas', (c) => c.width);
  assert(after === Math.round(css.w * css.dpr), `canvas back to ${after} px`);
  assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
});

test('ends: words — a bad hidden-layer entry is explained, options read as words, ECE is explained on focus, σ stays σ', async ({ page, errors, base }) => {
  await openLab(page, `${base}/#/6.1`);
  await waitDone(page);
  const input = cardOf(page, 'small [8]').locator('.field[data-path="model.hidden"] input');
  await input.fill('abc');
  await input.press('Enter');
  const error = cardOf(page, 'small [8]').locator('p.error');
  await error.waitFor({ state: 'visible', timeout: 20_000 });
  const text = await error.textContent();
  assert(/^Hidden layers.*: enter numbers like 64, 64/.test(text) && !/model\.|null/.test(text), `error: ${text}`);

  await page.goto(`${base}/#/6.2?p=6.2-decay`);
  await page.waitForSelector('.run-card .field[data-path="optimizer.kind"] select');
  const options = await page.$$eval('.run-card .field[data-path="optimizer.kind"] select option', (os) => os.map((o) => [o.value, o.textContent, o.title]));
  assert(options.some(([v, t, title]) => v === 'adamw' && t === 'AdamW (decoupled decay)' && title.includes('adamw')), `options: ${JSON.stringify(options)}`);
  assert(options.every(([v, t]) => !/_/.test(t)), `no spec names as option text: ${JSON.stringify(options)}`);

  await page.goto(`${base}/#/6.8`);
  await page.waitForSelector('table.summary th abbr');
  const ece = page.locator('table.summary th abbr', { hasText: 'ECE' });
  await ece.focus();
  const tip = page.locator('#reglab-tip');
  await tip.waitFor({ state: 'visible' });
  assert(/calibration/i.test(await tip.textContent()), `tooltip: ${await tip.textContent()}`);
  await page.keyboard.press('Escape');
  assert(await tip.isHidden(), 'Escape hides the tooltip');

  await page.goto(`${base}/#/6.8?p=6.8-spectral`);
  // A hash change re-renders the lesson: wait for the spectral preset's σ column, not any table.
  await page.waitForFunction(() => [...document.querySelectorAll('table.summary thead th')].some((t) => /σ|Σ/.test(t.innerText)), null, { timeout: 30_000 });
  const heads = await page.$$eval('table.summary thead th', (ths) => ths.map((t) => t.innerText));
  const sigma = heads.find((h) => /σ|Σ/.test(h));
  assert(sigma && sigma.includes('σ') && !sigma.includes('Σ'), `header as shown: ${sigma}`);
  assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
});

test('ends: predict, then run — the answer restarts the runs and the verdict reads this run\'s own numbers', async ({ page, errors, base }) => {
  await openLab(page, `${base}/#/6.1`);
  await waitDone(page);
  const panel = page.locator('section.predict[data-prediction="6.1"]');
  const epochsBefore = await page.locator('.run-card .progress-text').first().textContent();
  assert(epochsBefore.startsWith('300'), `runs finished first: ${epochsBefore}`);
  await panel.getByLabel('The large network').check();
  // The runs start again from epoch 0 once a prediction is made.
  await page.waitForFunction(() => document.querySelector('main#lab').dataset.status !== 'done');
  await waitDone(page);
  await page.waitForFunction(() => ['matched', 'missed'].includes(document.querySelector('section.predict').dataset.state), null, { timeout: 10_000 });
  const table = await readTable(page);
  const large = table['large [128,128]'], small = table['small [8]'];
  const state = await panel.getAttribute('data-state');
  const verdict = await panel.locator('.predict-verdict').textContent();
  const why = await panel.locator('.predict-why').textContent();
  console.log(`      gaps: large ${large.gap}, small ${small.gap} → ${state}: ${verdict.trim()}`);
  const expectMatch = large.gap - small.gap > 0.2 * Math.max(Math.abs(large.gap), Math.abs(small.gap));
  assert((state === 'matched') === expectMatch, `verdict ${state} for gaps ${large.gap} vs ${small.gap}`);
  const numbers = why.match(/\d+\.\d+/g).map(Number);
  assert(numbers.some((v) => Math.abs(v - large.gap) < 0.01) && numbers.some((v) => Math.abs(v - small.gap) < 0.01), `the explanation quotes both gaps (${large.gap}, ${small.gap}): ${why}`);
  // The choice survives a reload of the lesson, and the runs no longer wait for it.
  await page.reload();
  await page.waitForSelector('section.predict');
  assert(await page.locator('section.predict').getByLabel('The large network').isChecked(), 'the prediction is kept');
  assert(await page.getAttribute('section.predict', 'data-gate') === 'false', 'a lesson already predicted does not ask again');
  await page.waitForFunction(() => ['running', 'done'].includes(document.querySelector('main#lab').dataset.status), null, { timeout: 30_000 });
  assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
});

// Where the question sits while the runs wait: inside the first viewport, right under Play.
async function questionBox(page) {
  await page.evaluate(() => window.scrollTo(0, 0));
  return page.evaluate(() => {
    const box = (q) => { const b = document.querySelector(q).getBoundingClientRect(); return { top: Math.round(b.top), bottom: Math.round(b.bottom), left: Math.round(b.left), right: Math.round(b.right) }; };
    return { panel: box('section.predict'), choices: box('section.predict fieldset'), skip: box('section.predict .predict-skip'), play: box('#play'), vw: innerWidth, vh: innerHeight };
  });
}
const inside = (b, v) => b.top >= 0 && b.bottom <= v.vh && b.left >= 0 && b.right <= v.vw;

test('ends: predict before Play — the lesson opens with its runs ready and paused and the question under Play; an answer starts them', async ({ page, errors, base }) => {
  await forgetPredictions(page, base);
  await openLab(page, `${base}/#/6.1`, { prediction: null });
  await page.waitForFunction(() => [...document.querySelectorAll('.run-card')].every((c) => ['ready', 'paused'].includes(c.dataset.state)), null, { timeout: 30_000 });
  await page.waitForTimeout(1500);
  const waiting = await page.evaluate(() => ({
    status: document.querySelector('main#lab').dataset.status, gate: document.querySelector('section.predict').dataset.gate,
    points: Number(document.querySelector('figure[data-chart="loss"]').dataset.points), text: document.querySelector('.toolbar .status').textContent,
  }));
  assert(waiting.status === 'paused' && waiting.gate === 'true' && !(waiting.points > 0), `before a prediction the runs wait: ${JSON.stringify(waiting)}`);
  assert(/predict/i.test(waiting.text), `the status says what to do: ${waiting.text}`);
  const b = await questionBox(page);
  console.log(`      1280×800: Play ${b.play.top}…${b.play.bottom}, question ${b.panel.top}…${b.panel.bottom}, choices ${b.choices.top}…${b.choices.bottom}`);
  assert(inside(b.choices, b) && inside(b.skip, b), `the question's choices and Skip are on the first screen: ${JSON.stringify(b)}`);
  assert(b.panel.top - b.play.bottom < 80, `the question sits right under Play (${b.panel.top - b.play.bottom} px below it)`);
  // The answer starts the runs (from epoch 0: nothing trained before it).
  await page.locator('section.predict').getByLabel('The small network').check();
  await page.waitForFunction(() => document.querySelector('main#lab').dataset.status !== 'paused', null, { timeout: 10_000 });
  assert(await page.getAttribute('section.predict', 'data-gate') === 'false', 'once answered the question leaves the gate');
  await waitDone(page);
  await page.waitForFunction(() => ['matched', 'missed'].includes(document.querySelector('section.predict').dataset.state), null, { timeout: 10_000 });
  const table = await readTable(page);
  assert(Object.values(table).every((r) => r.epochs === 300), `both runs trained all 300 epochs after the answer: ${JSON.stringify(table)}`);
  // Back on the lesson later in the session: it does not ask again.
  await page.goto(`${base}/#/6.2`);
  await page.waitForSelector('article.lesson[data-lesson="6.2"] .run-card', { state: 'attached' });
  await page.goto(`${base}/#/6.1`);
  await page.waitForSelector('article.lesson[data-lesson="6.1"] .run-card', { state: 'attached' });
  assert(await page.getAttribute('section.predict', 'data-gate') === 'false', 'a lesson already predicted does not ask again');
  await page.waitForFunction(() => ['running', 'done'].includes(document.querySelector('main#lab').dataset.status), null, { timeout: 30_000 });
  assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
});

test('ends: predict before Play — Play itself and "Skip — just run" start the runs without a prediction; a later answer restarts them', async ({ page, errors, base }) => {
  await forgetPredictions(page, base);
  await openLab(page, `${base}/#/6.3`, { prediction: null });
  assert(await page.getAttribute('section.predict', 'data-gate') === 'true', 'the question waits under Play');
  await page.click('#play');
  await page.waitForFunction(() => document.querySelector('main#lab').dataset.status === 'running' || document.querySelector('main#lab').dataset.status === 'done', null, { timeout: 10_000 });
  assert(await page.getAttribute('section.predict', 'data-gate') === 'false', 'Play answers the gate');
  assert(await page.locator('section.predict input:checked').count() === 0, 'Play is no prediction');
  // The question moved under the curves: the loss chart comes before it.
  const order = await page.evaluate(() => document.querySelector('figure[data-chart="loss"]').compareDocumentPosition(document.querySelector('section.predict')) & Node.DOCUMENT_POSITION_FOLLOWING);
  assert(order, 'after Play the question sits under the charts');
  await waitDone(page);
  await page.locator('section.predict').getByLabel('The dropout run').check();
  await page.waitForFunction(() => document.querySelector('main#lab').dataset.status !== 'done', null, { timeout: 10_000 });
  await waitDone(page);

  // A phone: the question, its choices and Skip on the first screen, above the settings drawer.
  await page.setViewportSize({ width: 360, height: 740 });
  await openLab(page, `${base}/#/6.5`, { prediction: null, speed: null });
  const b = await questionBox(page);
  console.log(`      360×740: Play ${b.play.top}…${b.play.bottom}, question ${b.panel.top}…${b.panel.bottom}, Skip ${b.skip.top}…${b.skip.bottom}`);
  assert(inside(b.panel, b), `at 360×740 the whole question is on the first screen: ${JSON.stringify(b)}`);
  assert(await page.getAttribute('main#lab', 'data-status') === 'paused', 'the runs wait');
  await page.click('.predict-skip');
  await page.waitForFunction(() => Number(document.querySelector('figure[data-chart="loss"]')?.dataset.points) > 0, null, { timeout: 60_000 });
  assert(await page.locator('section.predict input:checked').count() === 0, 'Skip is no prediction');
  assert(errors.filter((e) => !/net::ERR_ABORTED/.test(e)).length === 0, `console errors:\n${errors.join('\n')}`);
});

// The CNN experiments' questions take their answer from the claims rules (claims/rules.js): the
// prediction's verdict agrees with the "What to look for" line of the same rule on the same runs.
test('ends: predict, then run — the CNN question on batch norm is answered by the claims rule on this page\'s runs', async ({ page, errors, base }) => {
  await forgetPredictions(page, base);
  await openLab(page, `${base}/#/6.4?p=6.4-cnn`, { prediction: null });
  const panel = page.locator('section.predict[data-prediction="6.4-cnn"]');
  assert(await panel.getAttribute('data-gate') === 'true', 'the CNN experiment asks first');
  await panel.getByLabel('The run with batch norm').check();
  await waitDone(page, 300_000);
  await page.waitForFunction(() => ['matched', 'missed'].includes(document.querySelector('section.predict').dataset.state), null, { timeout: 10_000 });
  const ruleOk = await page.getAttribute('.claims li[data-rule="6/cnn-high-lr"]', 'data-ok');
  const state = await panel.getAttribute('data-state');
  const why = await panel.locator('.predict-why').textContent();
  console.log(`      rule 6/cnn-high-lr: ${ruleOk}; prediction "batch norm": ${state}`);
  assert(['true', 'false'].includes(ruleOk), `the rule was measured: ${ruleOk}`);
  assert((state === 'matched') === (ruleOk === 'true'), `the prediction's verdict (${state}) is the rule's (${ruleOk})`);
  const row = JSON.parse(await page.getAttribute('.claims li[data-rule="6/cnn-high-lr"]', 'data-row'));
  const quoted = why.match(/\d+\.\d+/g).map(Number);
  assert(quoted.some((v) => Math.abs(v - row.cnnLossBN) <= 0.005 * Math.max(1, row.cnnLossBN) || Math.abs(v - Number(row.cnnLossBN.toPrecision(3))) < 1e-9), `the explanation quotes the batch-norm run's training loss ${row.cnnLossBN}: ${why}`);
  assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
}, { timeout: 360_000 });

test('ends: check yourself — three questions, a wrong answer is corrected with the reason, a right one confirmed', async ({ page, errors, base }) => {
  await openLab(page, `${base}/#/6.2`);
  const qs = page.locator('section.check-yourself li.check-q');
  assert(await qs.count() === 3, `questions: ${await qs.count()}`);
  const q2 = qs.nth(1);
  await q2.getByLabel('different: weight decay is stronger').check();
  assert(await q2.getAttribute('data-result') === 'wrong', 'a wrong answer is marked');
  const fb = await q2.locator('.check-feedback').textContent();
  assert(/Not quite — the answer is: the same update/.test(fb) && /\(1 − ηλ\)w/.test(fb), `feedback: ${fb}`);
  await q2.getByLabel('the same update').check();
  assert(await q2.getAttribute('data-result') === 'right' && /Right\./.test(await q2.locator('.check-feedback').textContent()), 'the right answer is confirmed');
  assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
});

test('ends: Run 5 seeds trains every run with 5 seeds on idle workers and shows mean ± spread on the loss chart and under the summary', async ({ page, errors, base }) => {
  await openLab(page, `${base}/#/6.1`);
  await waitDone(page);
  const own = await readTable(page);
  await page.click('.toolbar button.seeds-button');
  const panel = page.locator('section.seeds');
  await page.waitForFunction(() => document.querySelector('section.seeds')?.dataset.state === 'done', null, { timeout: 170_000 });
  const rows = await panel.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    run: tr.dataset.run, seeds: tr.querySelector('[data-key="seeds"]').textContent,
    val: Object.fromEntries(['mean', 'sd', 'min', 'max'].map((k) => [k, Number(tr.querySelector('[data-key="valLoss"]').dataset[k])])),
    text: tr.querySelector('[data-key="valLoss"]').textContent,
  })));
  console.log(`      ${rows.map((r) => `${r.run}: val loss ${r.text}`).join('; ')}`);
  assert(rows.length === 2 && rows.every((r) => r.seeds === '5'), `rows: ${JSON.stringify(rows)}`);
  for (const r of rows) {
    assert(r.val.min <= r.val.mean && r.val.mean <= r.val.max && r.val.sd > 0, `${r.run}: mean inside the range, seeds differ: ${JSON.stringify(r.val)}`);
    // The run's own seed is one of the five.
    assert(own[r.run].valLoss >= r.val.min - 0.001 && own[r.run].valLoss <= r.val.max + 0.001, `${r.run}: the lab's own run (${own[r.run].valLoss}) lies in the seeds' range`);
  }
  assert(await page.getAttribute('figure[data-chart="loss"]', 'data-bands') === '2', 'a band per run on the loss chart');
  assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
}, { timeout: 240_000 });
