// The site as a whole: one header on every page (the same links, its own marked, the theme switch
// shared), every link of every page resolving to a file the site serves, the claims page from the
// shipped report at phone width, the reading list, and the lecture notes covering 6.1–6.9.
// `pages: screenshots` writes every page at 1280×800 and 360×740, light and dark, to
// build/screenshots/pages-*.png for a person to look at.
import fs from 'node:fs';
import path from 'node:path';
import { test, assert, SHOTS, ROOT } from './harness.mjs';
import { SITE_PAGES } from '../../web/site/header.js';
import { LESSONS } from '../../web/lessons.js';
import { LESSON_REFERENCES } from '../../web/references.js';

// Every page that carries the header: SITE_PAGES plus the rendered embedding guide (no link of the
// header names it, so none is marked current there).
const PAGES = [...SITE_PAGES.map((p) => ({ key: p.key, href: p.href })), { key: 'embedding', href: 'embedding.html' }];
const PHONE = { width: 360, height: 740 };

// Waits until the page's own content has rendered (the lab loads its engine, claims its report).
async function ready(page, key) {
  if (key === 'lab') await page.waitForSelector('article.lesson', { timeout: 60_000 });
  if (key === 'claims') await page.waitForSelector('article.claim', { timeout: 20_000 });
  if (key === 'notes') await page.waitForSelector('h2#recipe', { timeout: 20_000 });
}

// How far the page reaches past the viewport's right edge (0 = no horizontal overflow), and the
// elements that do, ignoring what sits inside a scrolling frame of its own.
async function overflow(page, within = 'body') {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel);
    const vw = document.documentElement.clientWidth;
    const scrolls = (el) => { for (let e = el.parentElement; e; e = e.parentElement) { const o = getComputedStyle(e).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
    const wide = [...root.querySelectorAll('*')].filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > vw + 0.5 && !scrolls(e); })
      .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${[...e.classList].join('.')} → ${Math.round(e.getBoundingClientRect().right)} px`);
    return { extra: document.documentElement.scrollWidth - vw, rootRight: Math.round(root.getBoundingClientRect().right), vw, wide };
  }, within);
}

test('pages: one site header on every page — the same links in the same order, the page’s own marked aria-current, no overflow at 360 px', async ({ page, errors, base }) => {
  const bars = [];
  for (const p of PAGES) {
    for (const viewport of [{ width: 1280, height: 800 }, PHONE]) {
      await page.setViewportSize(viewport);
      await page.goto(`${base}/${p.href}`);
      await ready(page, p.key);
      const h = await page.evaluate(() => {
        const header = document.querySelectorAll('header.site');
        const bar = document.querySelector('header.site .site-bar');
        const links = [...document.querySelectorAll('header.site .site-nav a')];
        return {
          headers: header.length,
          first: document.body.firstElementChild?.matches('header.site, a.skip') ?? false,
          links: links.map((a) => new URL(a.href).pathname),
          current: links.filter((a) => a.getAttribute('aria-current') === 'page').map((a) => new URL(a.href).pathname),
          theme: Boolean(document.querySelector('header.site button#theme')),
          // the markup without what differs by page: aria-current and the relative base of links
          markup: bar?.cloneNode(true) && (() => {
            const c = bar.cloneNode(true);
            for (const a of c.querySelectorAll('a')) { a.setAttribute('href', new URL(a.href).pathname); a.removeAttribute('aria-current'); }
            const b = c.querySelector('button'); b.textContent = ''; b.removeAttribute('aria-pressed');
            return c.outerHTML;
          })(),
          height: Math.round(bar?.getBoundingClientRect().height ?? 0),
          fontSize: bar ? getComputedStyle(bar.querySelector('.site-nav a')).fontSize : null,
        };
      });
      assert(h.headers === 1, `${p.href}: ${h.headers} header.site elements`);
      assert(h.first, `${p.href}: the header is not the first thing in the body`);
      assert(h.theme, `${p.href}: no theme switch in the header`);
      assert(h.links.length === SITE_PAGES.length, `${p.href}: ${h.links.length} header links, expected ${SITE_PAGES.length}`);
      const own = SITE_PAGES.find((s) => s.key === p.key);
      const expected = own ? [`/${own.href}`] : [];
      assert(JSON.stringify(h.current) === JSON.stringify(expected), `${p.href}: aria-current on ${JSON.stringify(h.current)}, expected ${JSON.stringify(expected)}`);
      const o = await overflow(page, 'header.site');
      assert(o.rootRight <= o.vw && o.wide.length === 0, `${p.href} at ${viewport.width} px: the header reaches past the screen: ${o.wide.join(', ')}`);
      if (viewport.width === 360) assert(h.height <= 110, `${p.href} at 360 px: the header bar is ${h.height} px tall`);
      bars.push({ page: p.href, width: viewport.width, ...h });
    }
  }
  for (const width of [1280, 360]) {
    const same = bars.filter((b) => b.width === width);
    for (const b of same) {
      assert(b.markup === same[0].markup, `${b.page}: header markup differs from ${same[0].page}'s:\n${b.markup}\n${same[0].markup}`);
      assert(b.height === same[0].height && b.fontSize === same[0].fontSize, `${b.page} at ${width} px: header ${b.height} px / ${b.fontSize}, ${same[0].page}: ${same[0].height} px / ${same[0].fontSize}`);
    }
    console.log(`      header at ${width} px: ${same[0].height} px tall on all ${same.length} pages`);
  }
  assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
}, { timeout: 240_000 });

test('pages: the theme switch in the header sets the theme on every page and the choice carries to the next page', async ({ page, errors, base }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`${base}/reading.html`);
  await page.evaluate(() => localStorage.removeItem('reglab-theme'));
  await page.reload();
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await bg();
  assert(await page.getAttribute('html', 'data-theme') === 'light', 'reading list: not light under a light system setting');
  await page.click('header.site #theme');
  assert(await page.getAttribute('html', 'data-theme') === 'dark', 'the switch did not set data-theme="dark"');
  assert(await bg() !== light, `the page background did not change with the theme (${light})`);
  assert(await page.getAttribute('header.site #theme', 'aria-pressed') === 'true', 'the switch is not aria-pressed in the dark theme');
  for (const href of ['claims.html', 'examples/lecture-notes.html', 'exercises.html', 'instructor.html', 'embedding.html', 'index.html']) {
    await page.goto(`${base}/${href}`);
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark', null, { timeout: 10_000 })
      .catch(() => { throw new Error(`${href}: the dark theme chosen on another page is not applied`); });
  }
  await page.evaluate(() => localStorage.removeItem('reglab-theme'));
  assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
}, { timeout: 120_000 });

test('pages: every link on every page resolves to a file the site serves (crawl from the header, no 404)', async ({ page, errors, base }) => {
  const origin = new URL(base).origin;
  const seen = new Map(); // pathname → status
  const queue = PAGES.map((p) => `/${p.href}`);
  const visited = new Set();
  const from = new Map();
  while (queue.length) {
    const pathname = queue.shift();
    if (visited.has(pathname)) continue;
    visited.add(pathname);
    await page.goto(`${base}${pathname}`);
    const key = PAGES.find((p) => `/${p.href}` === pathname)?.key;
    if (key) await ready(page, key);
    const hrefs = await page.$$eval('a[href], link[rel=stylesheet][href]', (as) => as.map((a) => a.href));
    for (const href of hrefs) {
      const u = new URL(href);
      if (u.origin !== origin) continue;
      if (!seen.has(u.pathname)) {
        const res = await page.request.get(`${origin}${u.pathname}`);
        seen.set(u.pathname, res.status());
        from.set(u.pathname, pathname);
        if (res.status() === 200 && u.pathname.endsWith('.html')) queue.push(u.pathname);
      }
    }
  }
  const broken = [...seen].filter(([, s]) => s !== 200).map(([p, s]) => `${p} (HTTP ${s}, linked from ${from.get(p)})`);
  console.log(`      ${visited.size} pages crawled, ${seen.size} distinct same-site targets`);
  assert(broken.length === 0, `links that do not resolve: ${broken.join(', ')}`);
  assert(![...seen.keys()].some((p) => p.endsWith('.md')), `a page links to a Markdown file: ${[...seen.keys()].filter((p) => p.endsWith('.md')).join(', ')}`);
  for (const p of PAGES) assert(visited.has(`/${p.href}`), `${p.href} was never reached`);
  assert(errors.filter((e) => !e.startsWith('HTTP')).length === 0, `console errors: ${errors.join('; ')}`);
}, { timeout: 240_000 });

test('pages: claims page shows the shipped report (stamped with when and what it measured) at 360 px without horizontal overflow', async ({ page, errors, base }) => {
  const report = JSON.parse(fs.readFileSync(path.join(ROOT, 'web/claims/report.json'), 'utf8'));
  for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
    await page.setViewportSize(viewport);
    await page.goto(`${base}/claims.html`);
    await page.waitForSelector('article.claim', { timeout: 20_000 });
    const shown = await page.evaluate(() => ({
      claims: document.querySelectorAll('article.claim').length,
      error: document.querySelector('.status.error')?.textContent ?? null,
      measured: document.querySelector('.measured')?.textContent ?? '',
      verdicts: [...document.querySelectorAll('article.claim')].map((a) => [a.id.replace('claim-', ''), a.querySelector('.badge').className.replace('badge ', '')]),
    }));
    assert(!shown.error, `claims page shows an error: ${shown.error}`);
    assert(shown.claims === report.claims.length, `${shown.claims} claims shown, the report has ${report.claims.length}`);
    assert(shown.measured.includes(report.generated.slice(0, 10)) && shown.measured.includes(report.engine.version),
      `the page does not say when and on what the report was measured: "${shown.measured}"`);
    if (report.specsHash) assert(shown.measured.includes(report.specsHash), 'the page does not show the specs hash of the report');
    for (const [id, verdict] of shown.verdicts) {
      assert(report.claims.find((c) => c.id === id)?.verdict === verdict, `claim ${id}: the page shows "${verdict}"`);
    }
    // open every claim's numbers: the per-seed tables scroll inside their frame, the page does not
    await page.$$eval('article.claim details', (ds) => ds.forEach((d) => { d.open = true; }));
    const o = await overflow(page);
    console.log(`      claims page at ${viewport.width} px: ${shown.claims} claims, scrollWidth − width = ${o.extra} px`);
    assert(o.extra <= 0 && o.wide.length === 0, `claims page at ${viewport.width} px overflows by ${o.extra} px: ${o.wide.join(', ')}`);
  }
  assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
});

test('pages: reading list — every lesson 6.1–6.9 with the citations of web/references.js, each linked and with why to read it', async ({ page, errors, base }) => {
  for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
    await page.setViewportSize(viewport);
    await page.goto(`${base}/reading.html`);
    const sections = await page.$$eval('section.lesson', (ss) => ss.map((s) => ({
      id: s.id.replace('lesson-', ''),
      refs: [...s.querySelectorAll('li[data-ref]')].map((li) => ({ id: li.dataset.ref, href: li.querySelector('cite a')?.href ?? null, why: li.querySelector('.why')?.textContent.trim() ?? '' })),
      open: s.querySelector('.open a')?.getAttribute('href'),
    })));
    assert(JSON.stringify(sections.map((s) => s.id)) === JSON.stringify(LESSONS.map((l) => l.id)), `lessons shown: ${sections.map((s) => s.id).join(' ')}`);
    let n = 0;
    for (const s of sections) {
      const expected = LESSON_REFERENCES[s.id].map((r) => r.id);
      assert(JSON.stringify(s.refs.map((r) => r.id)) === JSON.stringify(expected), `lesson ${s.id}: ${s.refs.map((r) => r.id).join(', ')}, expected ${expected.join(', ')}`);
      for (const r of s.refs) {
        assert(r.href && /^https:\/\/(doi\.org|arxiv\.org|jmlr\.org|papers\.nips\.cc|www\.)/.test(r.href), `lesson ${s.id}, ${r.id}: link ${r.href}`);
        assert(r.why.length > 0 && /[.!?]$/.test(r.why), `lesson ${s.id}, ${r.id}: no sentence on why to read it`);
        n++;
      }
      assert(s.open === `index.html#/${s.id}`, `lesson ${s.id}: the lab link is ${s.open}`);
    }
    // the seed's three sources are there
    const all = sections.flatMap((s) => s.refs.map((r) => r.id));
    for (const id of ['chaudhury2024', 'srivastava2014', 'ioffe2015']) assert(all.includes(id), `the reading list does not cite ${id}`);
    const o = await overflow(page);
    assert(o.extra <= 0 && o.wide.length === 0, `reading list at ${viewport.width} px overflows: ${o.wide.join(', ')}`);
    if (viewport.width === 360) console.log(`      reading list: ${sections.length} lessons, ${n} citations, ${new Set(all).size} distinct sources`);
  }
  assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
});

test('pages: lecture notes cover 6.1–6.9 (label smoothing, clipping, spectral norm, the recipe) with the embeddable widgets, no .md links', async ({ page, errors, base }) => {
  await page.setViewportSize(PHONE);
  await page.goto(`${base}/examples/lecture-notes.html`);
  const notes = await page.evaluate(() => ({
    sections: [...document.querySelectorAll('main h2 .num')].map((s) => s.textContent.trim()),
    toc: [...document.querySelectorAll('nav.toc a')].map((a) => a.getAttribute('href')),
    ids: [...document.querySelectorAll('main h2[id], main h3[id]')].map((h) => h.id),
    presets: [...document.querySelectorAll('reglab-compare')].map((w) => w.getAttribute('preset')),
    ladder: document.querySelectorAll('reglab-ladder').length,
    links: [...document.querySelectorAll('main a[href]')].map((a) => a.getAttribute('href')),
    text: document.querySelector('main').textContent,
  }));
  assert(!/[A-Z]+_MEASURED/.test(notes.text), `a measurement placeholder is left in the notes: ${notes.text.match(/[A-Z]+_MEASURED/)}`);
  for (const n of ['6.1', '6.2', '6.3', '6.4', '6.5', '6.6', '6.7', '6.8', '6.9']) assert(notes.sections.includes(n), `no section ${n} (has ${notes.sections.join(' ')})`);
  for (const id of ['label-smoothing', 'gradient-clipping', 'spectral-norm', 'recipe']) assert(notes.ids.includes(id), `no section #${id}`);
  for (const href of notes.toc) assert(notes.ids.includes(href.slice(1)), `the contents link ${href} has no target`);
  for (const p of ['label-smoothing', 'clipping', 'spectral-norm']) assert(notes.presets.includes(p), `no <reglab-compare preset="${p}">`);
  assert(notes.ladder === 1, 'no ladder widget');
  assert(!notes.links.some((h) => h.endsWith('.md')), `links to Markdown: ${notes.links.filter((h) => h.endsWith('.md')).join(', ')}`);
  assert(notes.links.includes('../embedding.html') && notes.links.includes('../claims.html') && notes.links.includes('../reading.html'), `links: ${notes.links.join(', ')}`);
  // the widgets render (each shows its own error in words if a preset name were wrong)
  await page.waitForFunction(() => [...document.querySelectorAll('reglab-compare')].every((w) => w.shadowRoot?.querySelector('canvas, .error')), null, { timeout: 30_000 });
  const widgetErrors = await page.$$eval('reglab-compare', (ws) => ws.map((w) => w.shadowRoot.querySelector('.error')?.textContent).filter(Boolean));
  assert(widgetErrors.length === 0, `widgets report: ${widgetErrors.join('; ')}`);
  const o = await overflow(page);
  assert(o.extra <= 0, `lecture notes at 360 px overflow by ${o.extra} px: ${o.wide.join(', ')}`);
  console.log(`      lecture notes: sections ${notes.sections.join(' ')}; ${notes.presets.length} compare widgets`);
  assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
}, { timeout: 120_000 });

const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

test('pages: axe-core finds no serious or critical violation on the reading list, claims, lecture notes, embedding guide and exercises, light and dark', async ({ page, errors, base }) => {
  const found = [];
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const p of PAGES.filter((x) => ['reading', 'claims', 'notes', 'embedding', 'exercises', 'instructor'].includes(x.key))) {
      await page.goto(`${base}/${p.href}`);
      await ready(page, p.key);
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      for (const v of result.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
        found.push(`${p.href} (${scheme}) ${v.impact}: ${v.id} — ${v.help} (${v.nodes.length}×: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
      }
    }
  }
  assert(found.length === 0, found.join('\n'));
  const real = errors.filter((e) => !/net::ERR_ABORTED/.test(e));
  assert(real.length === 0, `console errors: ${real.join('; ')}`);
}, { timeout: 240_000 });

test('pages: screenshots of every page at 1280×800 and 360×740, light and dark (build/screenshots/pages-*.png)', async ({ page, errors, base }) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  let n = 0;
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const p of PAGES) {
      for (const viewport of [{ width: 1280, height: 800 }, PHONE]) {
        await page.setViewportSize(viewport);
        await page.goto(`${base}/${p.href}`);
        await page.evaluate(() => localStorage.removeItem('reglab-theme'));
        await page.reload();
        await ready(page, p.key);
        await page.waitForTimeout(p.key === 'lab' || p.key === 'notes' ? 1500 : 300);
        const theme = await page.getAttribute('html', 'data-theme');
        assert(theme === scheme, `${p.href}: data-theme ${theme} under a ${scheme} system setting`);
        await page.screenshot({ path: path.join(SHOTS, `pages-${p.key}-${viewport.width}-${scheme}.png`) });
        n++;
      }
    }
  }
  console.log(`      ${n} screenshots`);
  // leaving the lab while its engine still loads aborts those requests: not an error of the page
  const real = errors.filter((e) => !/net::ERR_ABORTED/.test(e));
  assert(real.length === 0, `console errors: ${real.join('; ')}`);
}, { timeout: 300_000 });
