// The experiment first: on every lesson and preset the loss chart is on the first screen, and
// changing a setting keeps it there. Prints the chart's box per lesson and size.
//   1280×800: the whole loss chart (canvas with its run legend) lies inside the first viewport.
//   360×740:  the loss chart starts inside the first viewport; opening the settings drawer brings
//             it to the top and the drawer does not cover its plot.
import { test, assert, openLab, presets, skipPrediction, forgetPredictions } from './harness.mjs';
import { predictionFor } from '../../web/lesson_questions.js';

const SIZES = [{ width: 1280, height: 800 }, { width: 360, height: 740 }];

// The loss chart's figure and canvas, and the Chart.js legend's box inside the canvas, relative
// to the viewport at the top of the page.
async function lossBox(page) {
  await page.evaluate(() => window.scrollTo(0, 0));
  return page.evaluate(() => {
    const fig = document.querySelector('figure[data-chart="loss"]');
    const canvas = fig.querySelector('canvas');
    const f = fig.getBoundingClientRect(), c = canvas.getBoundingClientRect();
    return { top: Math.round(f.top), bottom: Math.round(f.bottom), canvasBottom: Math.round(c.bottom), left: Math.round(f.left), right: Math.round(f.right), vw: innerWidth, vh: innerHeight };
  });
}

// The prediction panel, its choices and Play while the runs wait for the answer (views/predict.js).
async function questionBox(page) {
  await page.evaluate(() => window.scrollTo(0, 0));
  return page.evaluate(() => {
    const box = (q) => { const b = document.querySelector(q).getBoundingClientRect(); return { top: Math.round(b.top), bottom: Math.round(b.bottom), left: Math.round(b.left), right: Math.round(b.right) }; };
    return { gate: document.querySelector('section.predict')?.dataset.gate, panel: box('section.predict'), play: box('#play'), vw: innerWidth, vh: innerHeight };
  });
}
const within = (b, v) => b.top >= 0 && b.bottom <= v.vh && b.left >= 0 && b.right <= v.vw;

// The summary table's caption: its text fits its box, the box lies inside the viewport.
async function captionBox(page) {
  const cap = page.locator('table.summary caption');
  await cap.scrollIntoViewIfNeeded();
  return cap.evaluate((c) => {
    const b = c.getBoundingClientRect();
    const line = parseFloat(getComputedStyle(c).lineHeight) || 16;
    return { scrollWidth: c.scrollWidth, clientWidth: c.clientWidth, left: Math.round(b.left), right: Math.round(b.right), vw: innerWidth, lines: Math.round((b.height - parseFloat(getComputedStyle(c).paddingBottom)) / line) };
  });
}

for (const preset of await presets()) {
  const hash = preset.id === preset.lesson ? `#/${preset.lesson}` : `#/${preset.lesson}?p=${preset.id}`;
  test(`layout ${preset.id}: the loss chart is on the first screen at 1280×800 and 360×740`, async ({ page, errors, base }) => {
    const rows = [];
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await forgetPredictions(page, base);
      await page.goto('about:blank');
      await openLab(page, `${base}/${hash}`, { speed: null, prediction: null });
      // An experiment with a question opens with its runs waiting for it: the question, its
      // choices and "Skip — just run" are on the first screen, under Play.
      if (predictionFor(preset.id)) {
        const q = await questionBox(page);
        rows.push(`${size.width}: question ${q.panel.top}…${q.panel.bottom} (Play ends ${q.play.bottom})`);
        assert(q.gate === 'true', `${preset.id}: the runs do not wait for the prediction (data-gate ${q.gate})`);
        assert(within(q.panel, q) && q.panel.top >= q.play.bottom, `${preset.id} at ${size.width}×${size.height}: the question is not on the first screen under Play: ${JSON.stringify(q)}`);
        assert(await skipPrediction(page), `${preset.id}: no "Skip — just run"`);
      }
      await page.waitForFunction(() => Number(document.querySelector('figure[data-chart="loss"]')?.dataset.points) > 0, null, { timeout: 60_000 });
      const b = await lossBox(page);
      rows.push(`${size.width}×${size.height}: top ${b.top}, bottom ${b.bottom} (canvas ${b.canvasBottom}), x ${b.left}…${b.right}`);
      if (size.width === 1280) {
        assert(b.top >= 0 && b.bottom <= b.vh && b.left >= 0 && b.right <= b.vw, `${preset.id} at 1280×800: the loss chart is not fully on the first screen: ${JSON.stringify(b)}`);
        // Editing the last run's first setting scrolls the side panel, not the page.
        const field = page.locator('.run-card').last().locator('.fields input, .fields select').first();
        if (await field.count()) {
          await field.focus();
          const after = await page.evaluate(() => ({ y: window.scrollY, top: Math.round(document.querySelector('figure[data-chart="loss"]').getBoundingClientRect().top) }));
          assert(after.y === 0 && after.top === b.top, `${preset.id}: focusing the last run's setting moved the page by ${after.y} px (chart top ${b.top} → ${after.top})`);
        }
      } else {
        assert(b.top >= 0 && b.top < b.vh, `${preset.id} at 360×740: the loss chart starts at ${b.top}, below the first screen (${b.vh})`);
        assert(b.right <= b.vw + 1, `${preset.id} at 360: the loss chart reaches past the screen (${b.right} > ${b.vw})`);
        // The summary table scrolls sideways on a phone; its caption wraps inside the screen, in
        // both themes.
        for (const theme of ['light', 'dark']) {
          await page.evaluate((t) => { document.documentElement.dataset.theme = t; }, theme);
          const c = await captionBox(page);
          assert(c.scrollWidth <= c.clientWidth && c.left >= 0 && c.right <= c.vw && c.lines >= 2, `${preset.id} at 360 (${theme}): the summary caption is cut: ${JSON.stringify(c)}`);
        }
        // The settings drawer: opening it brings the chart up and keeps it uncovered.
        await page.click('button.drawer-toggle');
        await page.waitForFunction(() => { const p = document.getElementById('runs-panel'); return p.classList.contains('open') && Math.abs(p.getBoundingClientRect().bottom - innerHeight) < 2; });
        const open = await page.evaluate(() => ({
          // The plot itself (the canvas): the marks key under it may wrap onto more lines on a phone.
          chart: document.querySelector('figure[data-chart="loss"] canvas').getBoundingClientRect().toJSON(),
          drawer: document.getElementById('runs-panel').getBoundingClientRect().toJSON(),
          cards: document.querySelectorAll('#runs-panel .run-card').length,
        }));
        rows.push(`360 drawer open: chart ${Math.round(open.chart.top)}…${Math.round(open.chart.bottom)}, drawer from ${Math.round(open.drawer.top)}`);
        assert(open.chart.top >= -1 && open.chart.bottom <= open.drawer.top + 1, `${preset.id}: with the drawer open the loss chart (${Math.round(open.chart.top)}…${Math.round(open.chart.bottom)}) is covered by the drawer from ${Math.round(open.drawer.top)}`);
        assert(open.cards === preset.runs.length, `the drawer holds ${open.cards} run cards, expected ${preset.runs.length}`);
        await page.getByRole('button', { name: 'Close the settings' }).click();
      }
    }
    console.log(`      ${preset.id}: ${rows.join('; ')}`);
    // Loading the page again at the second size cancels what the first load still fetched (spare
    // workers, fonts): those aborts are the test's own doing.
    const real = errors.filter((e) => !/net::ERR_ABORTED/.test(e));
    assert(real.length === 0, `console errors:\n${real.join('\n')}`);
  }, { timeout: 120_000 });
}
