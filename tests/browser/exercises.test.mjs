// The exercises page (dist/exercises.html) the way a student uses it, and instructor.html the way an
// instructor grades: code for 6.2 checked in the sandbox (a catalog of correct solutions that must
// pass and wrong or cheating ones that must fail, tests/browser/dropout_solutions.mjs), settings for
// 6.1/6.3/6.4 run to the verdict, progress saved and loaded, submissions graded. Escapes from the
// sandbox and hostile answers are in sandbox.test.mjs.
import http from 'node:http';
import fs from 'node:fs';
import { test, assert, screenshot, downloadText, ROOT } from './harness.mjs';

import { CORRECT, WRONG } from './dropout_solutions.mjs';

async function openExercise(page, base, n) {
  await page.goto(`${base}/exercises.html`);
  const ex = page.locator(`reglab-exercise[n="${n}"]`);
  await ex.locator('.card').waitFor();
  await page.waitForFunction((n) => document.querySelector(`reglab-exercise[n="${n}"]`).dataset.ready === 'true', n);
  await ex.scrollIntoViewIfNeeded();
  // 6.2's editor, CodeMirror, loads once the exercise is near the screen (web/exercises.js).
  if (n === '6.2') await ex.locator('.cm-editor').waitFor({ timeout: 10_000 });
  return ex;
}

// element.check(code): exactly what "Check my code" runs → {pass, checks: [{id, ok, message}]}.
const check = (page, code, n = '6.2') => page.evaluate(([n, code]) => document.querySelector(`reglab-exercise[n="${n}"]`).check(code), [n, code]);
const verdictOf = (ex) => ex.evaluate((el) => ({ pass: el.shadowRoot.querySelector('.verdict').dataset.pass === 'true', text: el.shadowRoot.querySelector('.verdict').textContent, status: el.dataset.status }));

test('exercise 6.2: correct solutions in five styles pass every check, through check(code) and through the button', async ({ page, errors, base }) => {
  const ex = await openExercise(page, base, '6.2');
  // The page's editor is CodeMirror, bundled into the exercises page only.
  assert(await ex.locator('.cm-editor .cm-lineNumbers').count() === 1, 'CodeMirror with line numbers');
  for (const [style, code] of Object.entries(CORRECT)) {
    const r = await check(page, code);
    assert(r.pass, `the ${style} solution should pass: ${JSON.stringify(r.checks.filter((c) => !c.ok))}`);
    assert(r.checks.length === 9 && r.checks.every((c) => c.ok && typeof c.message === 'string'), `${style}: nine checks: ${JSON.stringify(r.checks)}`);
    const v = await verdictOf(ex);
    assert(v.pass && v.status === 'passed', `${style}: the page shows what check() returned: ${JSON.stringify(v)}`);
  }
  // The button runs the same: type through the editor, click.
  await ex.evaluate((el, code) => { el.editor.value = code; }, CORRECT.loops);
  await ex.locator('button', { hasText: 'Check my code' }).click();
  await page.waitForFunction(() => { const e = document.querySelector('reglab-exercise[n="6.2"]'); return e.dataset.state === 'done' && !e.shadowRoot.querySelector('.verdict').hidden; });
  const items = await ex.locator('.checks li').evaluateAll((lis) => lis.map((li) => [li.dataset.check, li.classList.contains('ok')]));
  assert(items.length === 9 && items.every(([, ok]) => ok), `nine ✓ in the list: ${JSON.stringify(items)}`);
  assert((await verdictOf(ex)).text.includes('Well done'), 'no reference viewed: plain pass');
  await screenshot(page, 'exercise-6.2-pass', { fullPage: false });
  assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
});

test(`exercise 6.2: every wrong or cheating solution fails at its check (${Object.keys(WRONG).length} in the catalog)`, async ({ page, errors, base }) => {
  await openExercise(page, base, '6.2');
  const lines = [];
  for (const [name, w] of Object.entries(WRONG)) {
    const r = await check(page, w.code);
    const bad = r.checks.find((c) => c.id === w.fails);
    lines.push(`${r.pass ? 'PASSED' : 'fails'} ${name}: ${r.checks.filter((c) => !c.ok).map((c) => c.id).join(', ')}`);
    assert(!r.pass, `"${name}" must fail: ${JSON.stringify(r.checks)}`);
    assert(bad && !bad.ok && bad.message.length > 20, `"${name}" must fail the ${w.fails} check with a message: ${JSON.stringify(r.checks)}`);
  }
  console.log(`      ${lines.join('\n      ')}`);
  assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
});

test('exercise 6.2: messages say what is wrong — p as keep probability, no scaling, a moving block, eval scaling', async ({ page, base }) => {
  await openExercise(page, base, '6.2');
  const msg = async (name, id) => (await check(page, WRONG[name].code)).checks.find((c) => c.id === id).message;
  assert((await msg('p as the keep probability', 'rate')).includes('probability of keeping'), 'keep-probability hint');
  assert((await msg('no scaling', 'scale')).includes('1/(1−p) = 1.43'), 'scale named');
  assert(/pattern|visits the units in turn/.test(await msg('a contiguous block of round(p·n) units moving by 5003 each call', 'units')), 'block pattern named');
  assert((await msg('scaling at evaluation time', 'eval')).includes('multiplied by 0.7'), 'eval factor named');
});

test('exercise 6.2: a later failing check undoes a pass; viewing the reference is recorded and a pass after it says so', async ({ page, errors, base }) => {
  const ex = await openExercise(page, base, '6.2');
  assert((await check(page, CORRECT.loops)).pass, 'passes first');
  assert(await page.locator('reglab-exercise[n="6.2"][data-status="passed"]').count() === 1, 'badge: passed');
  assert(!(await check(page, WRONG['no scaling'].code)).pass, 'then fails');
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('reglab-exercises')).exercises['6.2']);
  assert(stored.status === 'failed' && stored.result.pass === false, `a failing check replaces the pass: ${JSON.stringify(stored.status)}`);
  assert(await page.locator('reglab-exercise[n="6.2"][data-status="failed"]').count() === 1, 'badge: not yet passed');
  assert((await page.locator('reglab-progress li[data-exercise="6.2"]').textContent()).includes('not yet passed'), 'progress list follows');
  await ex.locator('summary', { hasText: 'reference solution' }).click();
  await ex.locator('button', { hasText: 'Copy it into the editor' }).click();
  const code = await ex.evaluate((el) => el.editor.value);
  const r = await check(page, code);
  assert(r.pass, 'the reference passes');
  const v = await verdictOf(ex);
  assert(v.text.includes('after viewing the reference solution'), `the verdict says so: ${v.text}`);
  const after = await page.evaluate(() => JSON.parse(localStorage.getItem('reglab-exercises')).exercises['6.2']);
  assert(after.answers.referenceShown === true && typeof after.answers.referenceShownAt === 'string' && after.result.referenceShown === true, `recorded: ${JSON.stringify(after.answers).slice(0, 200)}`);
  assert((await ex.locator('.badge').textContent()).includes('reference viewed'), 'badge says so');
  assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
});

test('exercise 6.2: syntax errors and exceptions are marked at their line in the editor', async ({ page, errors, base }) => {
  const ex = await openExercise(page, base, '6.2');
  const r1 = await check(page, 'function forward(x, p, training) {\n  return x\n}\nfunction backward(g) {\n  return g +;\n}');
  assert(!r1.pass && r1.checks[0].id === 'syntax' && r1.checks[0].message.includes('line 5'), `syntax error at line 5: ${JSON.stringify(r1)}`);
  assert(await ex.locator('.cm-editor').getAttribute('data-error-lines') === '5', 'line 5 marked');
  assert(await ex.locator('.cm-lint-marker-error').count() >= 1, 'a marker in the gutter');
  const r2 = await check(page, 'let mask = null;\nfunction helper(x) {\n  const boom = null;\n  return boom.size;\n}\nfunction forward(x, p, training) { return helper(x); }\nfunction backward(g) { return g; }');
  const bad = r2.checks.find((c) => !c.ok);
  assert(bad && /TypeError/.test(bad.message) && bad.message.includes('(line 4)'), `a runtime error names its line: ${JSON.stringify(r2.checks)}`);
  assert((await ex.locator('.cm-editor').getAttribute('data-error-lines')).split(',').includes('4'), 'line 4 marked');
  await screenshot(page, 'exercise-6.2-error-line', { fullPage: false });
  const r3 = await check(page, 'throw new RangeError("at load");\nfunction forward(x) { return x; }\nfunction backward(g) { return g; }');
  assert(!r3.pass && r3.checks[0].id === 'load' && r3.checks[0].message.includes('line 1'), `an error while loading: ${JSON.stringify(r3)}`);
  assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
});

test('exercise 6.2: an infinite loop is stopped by the time limit and the page stays responsive', async ({ page, errors, base }) => {
  const ex = await openExercise(page, base, '6.2');
  const t0 = Date.now();
  const pending = check(page, 'function forward(x, p, training) { while (true) {} }\nfunction backward(g) { return g; }');
  await page.waitForTimeout(800);
  const s = Date.now();
  const state = await page.evaluate(() => { const t = performance.now(); let n = 0; while (performance.now() - t < 20) n++; return document.querySelector('reglab-exercise[n="6.2"]').dataset.state; });
  assert(Date.now() - s < 1500, `page blocked for ${Date.now() - s} ms`);
  assert(state === 'training', `expected the check to be running, got ${state}`);
  const r = await pending;
  const elapsed = Date.now() - t0;
  assert(!r.pass && r.checks[0].id === 'time', `timeout verdict: ${JSON.stringify(r)}`);
  assert((await verdictOf(ex)).text.includes('Stopped after 3 s'), 'said in words');
  assert(elapsed >= 2900 && elapsed < 12000, `stopped after ${elapsed} ms`);
  assert(await ex.evaluate((el) => el.shadowRoot.querySelectorAll('iframe').length) === 0, 'the sandbox frame (and its worker) is gone');
  assert((await check(page, CORRECT.loops)).pass, 'a correct solution passes right after');
  await screenshot(page, 'exercise-6.2-timeout', { fullPage: false });
  assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
});

test('exercise 6.1: a good λ passes over 3 seeds (validation loss and accuracy), a dead model (λ = 1) fails, λ = 0 fails; no ghost curves', async ({ page, errors, base }) => {
  const ex = await openExercise(page, base, '6.1');
  const r = await check(page, { lambda: 0.01, explanation: 'Smaller weights, smoother boundary.' }, '6.1');
  assert(r.pass && r.checks.map((c) => c.id).join() === 'val-loss,val-acc', `λ = 0.01 passes: ${JSON.stringify(r)}`);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('reglab-exercises')).exercises['6.1']);
  assert(stored.status === 'passed' && stored.result.rows.length === 3 && stored.answers.explanation === 'Smaller weights, smoother boundary.', `stored: ${JSON.stringify(stored).slice(0, 300)}`);
  const counts = async () => JSON.parse(await ex.locator('figure[data-chart="ex61"]').getAttribute('data-counts') || '{}');
  await page.waitForFunction(() => Object.values(JSON.parse(document.querySelector('reglab-exercise[n="6.1"]').shadowRoot.querySelector('figure[data-chart="ex61"]').dataset.counts || '{}')).every((n) => n === 300), null, { timeout: 5000 }).catch(() => {});
  const c1 = await counts();
  assert(Object.keys(c1).length === 2 && Object.values(c1).every((n) => n === 300), `seed 7's two runs plotted: ${JSON.stringify(c1)}`);
  await ex.screenshot({ path: `${process.cwd()}/build/screenshots/exercise-6.1.png` });
  // λ = 1: the network learns nothing (train and validation loss ≈ ln 2): no gap, and a fail.
  const dead = await check(page, { lambda: 1 }, '6.1');
  assert(!dead.pass && !dead.checks.find((c) => c.id === 'val-acc').ok, `λ = 1 fails on accuracy: ${JSON.stringify(dead)}`);
  assert(dead.checks.find((c) => c.id === 'val-acc').message.includes('learns nothing'), 'says why');
  const c2 = await counts();
  assert(Object.values(c2).every((n) => n <= 300), `the second run's chart holds only its own points: ${JSON.stringify(c2)}`);
  const zero = await check(page, { lambda: 0 }, '6.1');
  assert(!zero.pass && zero.checks.find((c) => c.id === 'val-loss').message.includes('choose a penalty larger than 0'), `λ = 0: ${JSON.stringify(zero)}`);
  assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
}, { timeout: 400_000 });

test('exercise 6.3: BatchNorm passes over 3 seeds; LayerNorm fails with a message saying why', async ({ page, errors, base }) => {
  const ex = await openExercise(page, base, '6.3');
  await ex.locator('button', { hasText: 'Run 3 seeds' }).click();
  await page.waitForFunction(() => document.querySelector('reglab-exercise[n="6.3"]').dataset.state === 'done', null, { timeout: 200_000 });
  const rows = await ex.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert(rows.length === 3, `3 seeds in the table: ${JSON.stringify(rows)}`);
  for (const r of rows) assert(/^\d+$/.test(r[3]) && /s$/.test(r[4]) && Number(r[3]) < (Number(r[1]) || Infinity), `BatchNorm faster on seed ${r[0]}: ${r}`);
  assert(await ex.locator('.verdict').getAttribute('data-pass') === 'true', `verdict: ${await ex.locator('.verdict').textContent()}`);
  await ex.screenshot({ path: `${process.cwd()}/build/screenshots/exercise-6.3.png` });
  const ln = await check(page, { norm: 'layer', placement: 'pre' }, '6.3');
  const norm = ln.checks.find((c) => c.id === 'batchnorm');
  assert(!ln.pass && !norm.ok && norm.message.includes('asks for BatchNorm') && norm.message.includes('over the batch'), `LayerNorm fails and says why: ${JSON.stringify(ln)}`);
  assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
}, { timeout: 400_000 });

test('exercise 6.4: the stated conclusion must match the 95 % interval — an honest "no clear difference" passes', async ({ page, errors, base }) => {
  const ex = await openExercise(page, base, '6.4');
  const r0 = await check(page, { alpha: 0.2, hidden: 64, conclusion: '' }, '6.4');
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('reglab-exercises')).exercises['6.4'].result);
  const [lo, hi] = stored.ci;
  const supported = lo > 0 ? 'better' : hi < 0 ? 'worse' : 'same';
  console.log(`      6.4 measured: mean ${(100 * stored.mean).toFixed(1)} pp, 95 % CI ${(100 * lo).toFixed(1)} to ${(100 * hi).toFixed(1)} pp → ${supported}`);
  assert(!r0.pass && r0.checks[0].message.includes('state your conclusion'), `no conclusion yet: ${JSON.stringify(r0)}`);
  assert(stored.supported === supported && stored.rows.length === 3, `interval reading: ${JSON.stringify(stored).slice(0, 300)}`);
  const rows = await ex.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert(rows.length === 3 && rows.every((r) => /%$/.test(r[1]) && /pp$/.test(r[3])), `table: ${JSON.stringify(rows)}`);
  // Every conclusion is checked against the same measured interval (kept: no new training).
  for (const c of ['better', 'same', 'worse']) {
    const t = Date.now();
    const r = await check(page, { alpha: 0.2, hidden: 64, conclusion: c }, '6.4');
    assert(r.pass === (c === supported), `conclusion ${c} vs supported ${supported}: ${JSON.stringify(r)}`);
    assert(Date.now() - t < 5000, `re-checking a conclusion does not train again (${Date.now() - t} ms)`);
  }
  await ex.screenshot({ path: `${process.cwd()}/build/screenshots/exercise-6.4.png` });
  assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
}, { timeout: 400_000 });

test('exercises: progress is saved to a file and loaded back; a foreign file is refused in words', async ({ page, errors, base }) => {
  await page.goto(`${base}/exercises.html`);
  await page.evaluate(() => localStorage.setItem('reglab-exercises', JSON.stringify({ format: 'reglab-progress', version: 1, exercises: { '6.2': { status: 'passed', answers: { code: 'x' }, result: { pass: true } } } })));
  await page.reload();
  const prog = page.locator('reglab-progress');
  await prog.locator('li[data-exercise="6.2"]').waitFor();
  assert((await prog.locator('li[data-exercise="6.2"]').textContent()).includes('passed'), 'stored progress shown');
  const text = await downloadText(page, () => prog.locator('button', { hasText: 'Save to a file' }).click());
  const saved = JSON.parse(text);
  assert(saved.format === 'reglab-progress' && saved.exercises['6.2'].status === 'passed', `saved file: ${text.slice(0, 200)}`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await prog.locator('li[data-exercise="6.2"]').waitFor();
  assert(!(await prog.locator('li[data-exercise="6.2"]').textContent()).includes('passed'), 'cleared');
  const file = `${process.cwd()}/build/screenshots/.progress.json`;
  fs.writeFileSync(file, text);
  await prog.locator('input[type="file"]').setInputFiles(file);
  await page.waitForFunction(() => document.querySelector('reglab-progress').dataset.passed === '1');
  assert(await page.locator('reglab-exercise[n="6.2"][data-status="passed"]').count() === 1, 'the exercise widget follows the loaded progress');
  fs.writeFileSync(file, '{"hello": "<img src=x onerror=alert(1)>"}');
  await prog.locator('input[type="file"]').setInputFiles(file);
  await page.waitForFunction(() => document.querySelector('reglab-progress').dataset.state === 'error');
  assert((await prog.locator('.status').textContent()).includes('not a RegLab progress file'), 'refusal in words');
  fs.rmSync(file);
  await screenshot(page, 'exercises-page', { fullPage: true });
  assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
});

test('exercises: a submission file holds the answers; the instructor page re-runs every check and ignores a forged "passed"', async ({ page, errors, base }) => {
  const ex = await openExercise(page, base, '6.2');
  assert((await page.locator('reglab-progress').evaluate((el) => el.shadowRoot.textContent)).includes('self-assessment kept in this browser'), 'progress says what it is');
  await check(page, CORRECT.map);
  await page.locator('reglab-progress input[type="text"]').fill('Ada Lovelace');
  const text = await downloadText(page, () => page.locator('reglab-progress button', { hasText: 'Download a submission' }).click());
  const sub = JSON.parse(text);
  assert(sub.format === 'reglab-submission' && sub.student === 'Ada Lovelace' && sub.exercises['6.2'].answers.code === CORRECT.map && !Number.isNaN(Date.parse(sub.created)), `submission: ${text.slice(0, 300)}`);
  const dir = `${process.cwd()}/build/screenshots`;
  fs.mkdirSync(dir, { recursive: true });
  const files = [`${dir}/.sub-ada.json`, `${dir}/.sub-forged.json`, `${dir}/.sub-junk.json`];
  fs.writeFileSync(files[0], text);
  // A forged file: every status and result says "passed", the answers are wrong.
  const forged = { format: 'reglab-submission', version: 1, student: 'Mallory <img src=x onerror=alert(1)>', created: new Date().toISOString(), exercises: {
    '6.1': { status: 'passed', selfAssessed: 'passed', result: { pass: true }, answers: { lambda: 1, explanation: 'it works' } },
    '6.2': { status: 'passed', selfAssessed: 'passed', result: { pass: true, checks: [] }, answers: { code: WRONG['a contiguous block of round(p·n) units moving by 5003 each call'].code } },
  } };
  fs.writeFileSync(files[1], JSON.stringify(forged));
  fs.writeFileSync(files[2], '{"hello": 1}');
  await page.goto(`${base}/instructor.html`);
  await page.locator('#files').setInputFiles(files);
  await page.waitForFunction(() => document.body.dataset.graded === '2', null, { timeout: 300_000 });
  const table = await page.$$eval('#grades tbody tr', (trs) => trs.map((tr) => ({ student: tr.dataset.student, cells: Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.dataset.exercise, { verdict: td.dataset.verdict, text: td.textContent }])) })));
  const ada = table.find((r) => r.student === 'Ada Lovelace'), mallory = table.find((r) => r.student.startsWith('Mallory'));
  assert(ada.cells['6.2'].verdict === 'pass' && ada.cells['6.1'].verdict === 'missing', `Ada: ${JSON.stringify(ada)}`);
  assert(mallory.cells['6.2'].verdict === 'fail' && mallory.cells['6.1'].verdict === 'fail', `forged "passed" means nothing: ${JSON.stringify(mallory)}`);
  assert(mallory.cells['6.1'].text.includes('it works'), 'the explanation is shown to the instructor');
  assert(await page.locator('#grades img').count() === 0, 'a name is text, never HTML');
  assert((await page.locator('#status').textContent()).includes('not a RegLab submission'), 'a foreign file is refused in words');
  await screenshot(page, 'instructor-graded', { fullPage: true });
  for (const f of files) fs.rmSync(f);
  assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
}, { timeout: 400_000 });

for (const [file, scheme, width] of [['exercises.html', 'light', 1280], ['exercises.html', 'dark', 360], ['instructor.html', 'dark', 1280], ['instructor.html', 'light', 360]]) {
  test(`${file} (${scheme}, ${width} px): axe-core finds no serious or critical violation and nothing scrolls sideways`, async ({ page, errors, base }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${base}/${file}`);
    if (file === 'exercises.html') {
      await page.waitForFunction(() => document.querySelector('reglab-exercise[n="6.2"]')?.dataset.ready === 'true');
      await check(page, WRONG['no scaling'].code);
    }
    await page.addScriptTag({ path: `${ROOT}/node_modules/axe-core/axe.min.js` });
    const violations = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact}: ${v.id} — ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`)));
    assert(violations.length === 0, violations.join('\n'));
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert(scroll <= client, `scrolls sideways: ${scroll} > ${client}`);
    assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
  });
}
