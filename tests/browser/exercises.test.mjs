// The exercises page (dist/exercises.html) the way a student uses it: typing code for 6.2 and
// checking it in the sandbox, choosing settings for 6.1/6.3/6.4 and running them to the verdict,
// saving and loading progress. Hostile snippets must be contained by the sandbox.
import http from 'node:http';
import fs from 'node:fs';
import { test, assert, screenshot, downloadText } from './harness.mjs';

const REFERENCE_FORWARD = `
let mask = null, scale = 1;
function forward(x, p, training) {
  if (!training) { mask = null; scale = 1; return Float32Array.from(x); }
  scale = 1 / (1 - p);
  mask = new Uint8Array(x.length);
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) if (Math.random() >= p) { mask[i] = 1; y[i] = x[i] * scale; }
  return y;
}
function backward(grad) {
  if (!mask) return Float32Array.from(grad);
  const dx = new Float32Array(grad.length);
  for (let i = 0; i < grad.length; i++) dx[i] = mask[i] ? grad[i] * scale : 0;
  return dx;
}`;

// Each wrong solution: the code, the check that must fail and words its message must contain.
const WRONG = {
  'no scaling': {
    code: REFERENCE_FORWARD.replace('y[i] = x[i] * scale', 'y[i] = x[i]'),
    fails: 'scale', words: ['1/(1−p) = 1.43', 'multiplied by 1'],
  },
  'scaling at eval': {
    code: REFERENCE_FORWARD.replace('return Float32Array.from(x); }', 'return x.map((v) => v * (1 - p)); }'),
    fails: 'eval', words: ['must equal the input', 'multiplied by 0.7'],
  },
  'new mask in backward': {
    code: REFERENCE_FORWARD.replace('dx[i] = mask[i] ? grad[i] * scale : 0', 'dx[i] = Math.random() >= 0.4 ? grad[i] * scale : 0'),
    fails: 'backward', words: ['positions disagree', 'reuse it in backward'],
  },
  'p inverted': {
    code: REFERENCE_FORWARD.replace('scale = 1 / (1 - p);', 'scale = 1 / p;').replace('Math.random() >= p', 'Math.random() < p'),
    fails: 'rate', words: ['with p = 0.2, ', 'probability of keeping'],
  },
};

async function openExercise(page, base, n) {
  await page.goto(`${base}/exercises.html`);
  const ex = page.locator(`reglab-exercise[n="${n}"]`);
  await ex.locator('.card').waitFor();
  await ex.scrollIntoViewIfNeeded();
  return ex;
}

async function checkCode(page, ex, code, timeout = 20_000) {
  await ex.locator('.editor textarea').fill(code);
  await ex.locator('button', { hasText: 'Check my code' }).click();
  await page.waitForFunction((el) => el.dataset.state === 'done' && !el.shadowRoot.querySelector('.verdict').hidden, await ex.elementHandle(), { timeout });
  return ex.evaluate((el) => ({
    pass: el.shadowRoot.querySelector('.verdict').dataset.pass === 'true',
    verdict: el.shadowRoot.querySelector('.verdict').textContent,
    checks: [...el.shadowRoot.querySelectorAll('.checks li')].map((li) => ({ id: li.dataset.check, ok: li.classList.contains('ok'), text: li.textContent })),
  }));
}

test('exercise 6.2: a correct dropout passes every check; the reference solution passes too', async ({ page, errors, base }) => {
  const ex = await openExercise(page, base, '6.2');
  const r = await checkCode(page, ex, REFERENCE_FORWARD);
  assert(r.pass, `a correct solution should pass: ${r.verdict} ${JSON.stringify(r.checks)}`);
  assert(r.checks.length >= 6 && r.checks.every((c) => c.ok), `all checks ok: ${JSON.stringify(r.checks)}`);
  // The revealed reference solution (copied into the editor) passes as well.
  await ex.locator('summary', { hasText: 'reference solution' }).click();
  await ex.locator('button', { hasText: 'Copy it into the editor' }).click();
  const code = await ex.locator('.editor textarea').inputValue();
  const r2 = await checkCode(page, ex, code);
  assert(r2.pass, `the reference solution should pass: ${r2.verdict}`);
  assert(await page.locator('reglab-exercise[n="6.2"][data-status="passed"]').count() === 1, 'progress badge shows passed');
  await screenshot(page, 'exercise-6.2-pass', { fullPage: false });
  assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
});

for (const [name, w] of Object.entries(WRONG)) {
  test(`exercise 6.2: wrong solution "${name}" fails the ${w.fails} check with its message`, async ({ page, errors, base }) => {
    const ex = await openExercise(page, base, '6.2');
    const r = await checkCode(page, ex, w.code);
    assert(!r.pass, `should fail: ${r.verdict}`);
    const bad = r.checks.find((c) => c.id === w.fails);
    assert(bad && !bad.ok, `the ${w.fails} check should fail: ${JSON.stringify(r.checks)}`);
    for (const word of w.words) assert(bad.text.includes(word), `message for ${w.fails} should mention "${word}": ${bad.text}`);
    if (name === 'scaling at eval') await screenshot(page, 'exercise-6.2-fail', { fullPage: false });
    assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
  });
}

test('exercise 6.2: an infinite loop is stopped by the time limit and the page stays responsive', async ({ page, errors, base }) => {
  const ex = await openExercise(page, base, '6.2');
  await ex.locator('.editor textarea').fill('function forward(x, p, training) { while (true) {} }\nfunction backward(g) { return g; }');
  const t0 = Date.now();
  await ex.locator('button', { hasText: 'Check my code' }).click();
  // While the sandbox spins, the page answers at once.
  await page.waitForTimeout(800);
  const s = Date.now();
  const busy = await page.evaluate(() => { const t = performance.now(); let n = 0; while (performance.now() - t < 20) n++; return document.querySelector('reglab-exercise[n="6.2"]').dataset.state; });
  assert(Date.now() - s < 1500, `page blocked for ${Date.now() - s} ms`);
  assert(busy === 'training', `expected the check to be running, got ${busy}`);
  await page.waitForFunction(() => document.querySelector('reglab-exercise[n="6.2"]').dataset.state === 'done', null, { timeout: 15_000 });
  const elapsed = Date.now() - t0;
  const verdict = await ex.locator('.verdict').textContent();
  assert(verdict.includes('Stopped after 3 s'), `verdict: ${verdict}`);
  assert(elapsed >= 2900 && elapsed < 9000, `stopped after ${elapsed} ms`);
  // The editor still works and a correct solution passes right after.
  const r = await checkCode(page, ex, REFERENCE_FORWARD);
  assert(r.pass, 'a correct solution passes after the timeout');
  await screenshot(page, 'exercise-6.2-timeout', { fullPage: false });
  assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
});

test('exercise 6.2: hostile code cannot reach the network, the page or unbounded memory', async ({ page, errors, base }) => {
  // A listener on another port records every request that arrives.
  const hits = [];
  const trap = http.createServer((req, res) => { hits.push(req.url); res.writeHead(200, { 'access-control-allow-origin': '*' }).end('x'); });
  await new Promise((r) => trap.listen(0, '127.0.0.1', r));
  const target = `http://127.0.0.1:${trap.address().port}`;
  const wrap = (top) => `${top}\n${REFERENCE_FORWARD}`;
  const snippets = {
    fetch: [wrap(`fetch('${target}/fetch');`), 'fetch is not available'],
    importScripts: [wrap(`importScripts('${target}/importScripts.js');`), 'importScripts is not available'],
    XMLHttpRequest: [wrap(`const r = new XMLHttpRequest(); r.open('GET', '${target}/xhr'); r.send();`), 'XMLHttpRequest is not available'],
    WebSocket: [wrap(`new WebSocket('${target.replace('http', 'ws')}/ws');`), 'WebSocket is not available'],
    'fetch via the prototype chain': [wrap(`Object.getPrototypeOf(self).fetch('${target}/proto');`), 'fetch is not a function'],
    'Function constructor': [wrap(`(function(){}).constructor('return fetch')()('${target}/ctor');`), 'Creating code from strings is not available'],
    'dynamic import': [wrap(`import('${target}/import.js');`), 'import() is not available'],
    document: [wrap('document.body.innerHTML = "pwned";'), 'document is not defined'],
    'huge typed array': [wrap('const big = new Float32Array(2e9);'), 'memory limit'],
    'huge Array': [wrap('const big = new Array(1e9).fill(0);'), 'memory limit'],
    'many arrays': [wrap('const keep = []; for (let i = 0; i < 100; i++) keep.push(new Float64Array(8e6));'), 'memory limit'],
  };
  try {
    const ex = await openExercise(page, base, '6.2');
    for (const [name, [code, words]] of Object.entries(snippets)) {
      const r = await checkCode(page, ex, code);
      assert(!r.pass, `${name}: should not pass`);
      assert(r.verdict.includes(words), `${name}: verdict should say "${words}": ${r.verdict}`);
    }
    // An array grown one element at a time is not counted: the time limit ends it, or on a fast
    // machine V8's own array-length limit does first — either way inside the sandbox worker.
    await ex.locator('.editor textarea').fill(wrap('const grow = []; for (;;) grow.push(grow.length);'));
    await ex.locator('button', { hasText: 'Check my code' }).click();
    await page.waitForFunction(() => document.querySelector('reglab-exercise[n="6.2"]').dataset.state === 'done', null, { timeout: 20_000 });
    const v = await ex.locator('.verdict').textContent();
    assert(/Stopped after|out of memory|stopped unexpectedly|Invalid array length/.test(v), `growing array: ${v}`);
    assert(await page.evaluate(() => document.title).then((t) => t.includes('Exercises')), 'the page is intact');
    assert(hits.length === 0, `requests reached the network from the sandbox: ${hits.join(', ')}`);
    assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
  } finally {
    trap.close();
  }
});

test('exercise 6.1: a chosen λ trains against the baseline, the gap check passes and progress is saved', async ({ page, errors, base }) => {
  const ex = await openExercise(page, base, '6.1');
  await ex.locator('input[type="number"]').fill('0.01');
  await ex.locator('textarea.answer').fill('The penalty keeps the weights small, so the boundary is smoother and the validation loss stops climbing: the gap shrinks.');
  await ex.locator('button', { hasText: 'Run both and check' }).click();
  await page.waitForFunction(() => document.querySelector('reglab-exercise[n="6.1"]').dataset.state === 'done', null, { timeout: 120_000 });
  const verdict = ex.locator('.verdict');
  assert(await verdict.getAttribute('data-pass') === 'true', `6.1 should pass with λ = 0.01: ${await verdict.textContent()}`);
  // The chart redraws at display rate: wait for the frame that shows the last epochs.
  await page.waitForFunction(() => {
    const c = JSON.parse(document.querySelector('reglab-exercise[n="6.1"]').shadowRoot.querySelector('figure[data-chart="ex61"]').dataset.counts || '{}');
    return Object.values(c).length === 2 && Object.values(c).every((n) => n === 300);
  }, null, { timeout: 5000 }).catch(() => {});
  const counts = JSON.parse(await ex.locator('figure[data-chart="ex61"]').getAttribute('data-counts'));
  assert(Object.values(counts).length === 2 && Object.values(counts).every((n) => n === 300), `both runs plotted: ${JSON.stringify(counts)}`);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('reglab-exercises')));
  assert(stored.exercises['6.1'].status === 'passed' && stored.exercises['6.1'].result.yourGap < stored.exercises['6.1'].result.baselineGap, `stored: ${JSON.stringify(stored.exercises['6.1'])}`);
  await ex.screenshot({ path: `${process.cwd()}/build/screenshots/exercise-6.1.png` }).catch(() => screenshot(page, 'exercise-6.1'));
  // λ = 0 is the baseline itself: no smaller gap, the check says so.
  await ex.locator('input[type="number"]').fill('0');
  await ex.locator('button', { hasText: 'Run both and check' }).click();
  await page.waitForFunction(() => { const e = document.querySelector('reglab-exercise[n="6.1"]'); return e.dataset.state === 'done' && e.shadowRoot.querySelector('.verdict').dataset.pass === 'false'; }, null, { timeout: 120_000 });
  assert((await verdict.textContent()).includes('choose a penalty larger than 0'), 'λ = 0 explained');
  assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
});

test('exercise 6.3: BatchNorm vs none over 3 seeds — epochs and wall time to the target, check passes', async ({ page, errors, base }) => {
  const ex = await openExercise(page, base, '6.3');
  await ex.locator('button', { hasText: 'Run 3 seeds' }).click();
  await page.waitForFunction(() => document.querySelector('reglab-exercise[n="6.3"]').dataset.state === 'done', null, { timeout: 150_000 });
  const rows = await ex.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert(rows.length === 3, `3 seeds in the table: ${JSON.stringify(rows)}`);
  for (const r of rows) {
    assert(/^\d+$/.test(r[3]) && /s$/.test(r[4]), `yours reached the target with a time: ${r}`);
    assert(Number(r[3]) < (Number(r[1]) || Infinity), `BatchNorm faster on seed ${r[0]}: ${r}`);
  }
  assert(await ex.locator('.verdict').getAttribute('data-pass') === 'true', `verdict: ${await ex.locator('.verdict').textContent()}`);
  assert((await ex.locator('.verdict').textContent()).includes('wall time'), 'wall time reported');
  await ex.screenshot({ path: `${process.cwd()}/build/screenshots/exercise-6.3.png` });
  assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
});

test('exercise 6.4: mixup on digits over 3 seeds — per-seed accuracies, mean change with a 95 % CI, verdict matches', async ({ page, errors, base }) => {
  const ex = await openExercise(page, base, '6.4');
  await ex.locator('button', { hasText: 'Run 3 seeds' }).click();
  await page.waitForFunction(() => document.querySelector('reglab-exercise[n="6.4"]').dataset.state === 'done', null, { timeout: 200_000 });
  const rows = await ex.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert(rows.length === 3 && rows.every((r) => /%$/.test(r[1]) && /%$/.test(r[2]) && /pp$/.test(r[3])), `table: ${JSON.stringify(rows)}`);
  const verdict = await ex.locator('.verdict').textContent();
  assert(verdict.includes('95 % confidence interval'), `CI reported: ${verdict}`);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('reglab-exercises')).exercises['6.4'].result);
  assert(stored.rows.length === 3 && stored.ci[0] <= stored.mean && stored.mean <= stored.ci[1], `stored result: ${JSON.stringify(stored)}`);
  assert(stored.pass === stored.mean > 0, 'the check passes exactly when the mean change is positive');
  assert((await ex.locator('.verdict').getAttribute('data-pass')) === String(stored.pass), 'verdict agrees with the numbers');
  await ex.screenshot({ path: `${process.cwd()}/build/screenshots/exercise-6.4.png` });
  assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
});

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
