// Accessibility and layout: axe-core finds no serious or critical violation (light and dark
// themes), and at 360 px wide nothing scrolls sideways.
import path from 'node:path';
import { test, assert, openLab, waitDone, screenshot, forgetPredictions, ROOT } from './harness.mjs';

const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact}: ${v.id} — ${v.help} (${v.nodes.length}×: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
}

for (const [lesson, theme] of [['6.2', 'light'], ['6.7', 'dark'], ['6.3?p=6.3-mc', 'light'], ['6.9', 'dark']]) {
  test(`axe-core: lesson ${lesson} in the ${theme} theme has no serious or critical violations`, async ({ page, errors, base }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openLab(page, `${base}/#/${lesson}`);
    await waitDone(page, 150_000);
    await page.click('.data-panel summary');
    await page.locator('.run-card details.all-settings summary').first().click();
    const violations = await axe(page);
    assert(violations.length === 0, violations.join('\n'));
    if (theme === 'dark') await screenshot(page, `dark-${lesson.replace(/\?p=/, '-')}`);
    assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
  }, { timeout: 240_000 });
}

for (const lesson of ['6.2', '6.7', '6.9']) {
  test(`360 px wide: lesson ${lesson} has no horizontal scroll`, async ({ page, errors, base }) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await openLab(page, `${base}/#/${lesson}`);
    await waitDone(page, 150_000);
    // On a phone the runs and the data panel sit in the settings drawer.
    await page.click('button.drawer-toggle');
    await page.click('.data-panel summary');
    const { scroll, client, wide } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
      wide: [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.table-wrap,.formulas'))
        .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
    }));
    await screenshot(page, `mobile-${lesson}`);
    assert(scroll <= client, `page scrolls sideways: scrollWidth ${scroll} > ${client}; too wide: ${wide.join(', ')}`);
    assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
  }, { timeout: 240_000 });
}

// The question waiting under Play before the runs start (views/predict.js): its choices, "Skip"
// and the toolbar around it pass axe in both themes, at a desktop width and on a phone.
for (const [theme, size] of [['light', { width: 1280, height: 800 }], ['dark', { width: 360, height: 740 }]]) {
  test(`axe-core: the prediction waiting under Play (6.1, ${theme}, ${size.width} px) has no serious or critical violations`, async ({ page, errors, base }) => {
    await page.setViewportSize(size);
    await page.emulateMedia({ colorScheme: theme });
    await forgetPredictions(page, base);
    await openLab(page, `${base}/#/6.1`, { prediction: null, speed: null });
    await page.waitForSelector('section.predict[data-gate="true"] .predict-skip');
    const violations = await axe(page);
    assert(violations.length === 0, violations.join('\n'));
    assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
  });
}
