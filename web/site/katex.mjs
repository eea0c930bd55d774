// Node-only: formulas rendered to HTML when the site is built, so no page ships KaTeX's renderer
// (~76 KB gzip) — only its stylesheet and the font files the rendered formulas can use.
//   renderTex(tex, displayMode)   KaTeX's HTML (+ MathML for screen readers) for one formula
//   renderMath(html, file)        every $$…$$ (display) and $…$ (inline) of a page rendered
//   katexCss(htmls)               katex.min.css with @font-face rules only for the font families
//                                 the given HTML uses, woff2 only, and only the rules whose
//                                 classes it has; { css, fonts: [file names] }
//   writeKatexAssets(htmls, dir)  that stylesheet as dir/katex.min.css and its fonts in
//                                 dir/fonts/, each cut down to the characters the HTML contains
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import katex from 'katex';
import subsetFont from 'subset-font';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const katexDir = path.join(root, 'node_modules/katex/dist');

export function renderTex(tex, displayMode, { file = 'formula', throwOnError = true } = {}) {
  try {
    return katex.renderToString(tex, { displayMode, throwOnError, output: 'htmlAndMathml' });
  } catch (e) {
    throw new Error(`${file}: cannot render ${JSON.stringify(tex)}: ${e.message}`);
  }
}

// $$…$$ is display math and $…$ inline math (write \lt and \gt in TeX, not < and >). Each
// formula's HTML is also pushed to `formulas` (for writeKatexAssets).
export function renderMath(html, file, formulas = []) {
  const render = (tex, display) => {
    const out = renderTex(tex.trim(), display, { file });
    formulas.push(out);
    return out;
  };
  return html
    .replace(/\$\$([\s\S]+?)\$\$/g, (_, tex) => render(tex, true))
    .replace(/\$([^$\n]+?)\$/g, (_, tex) => render(tex, false));
}

// Which KaTeX font families rendered HTML can ask for: a rule `.katex .a.b, .katex .c {font-family:
// KaTeX_X}` counts when every class of one of its selectors occurs in the HTML. KaTeX_Main is the
// base font of .katex. A family kept keeps all its faces (the browser fetches only those it draws).
export function katexCss(htmls) {
  const css = fs.readFileSync(path.join(katexDir, 'katex.min.css'), 'utf8');
  const used = new Set();
  for (const html of htmls) {
    for (const m of html.matchAll(/class="([^"]*)"/g)) for (const c of m[1].split(/\s+/)) used.add(c);
  }
  const families = new Set(['KaTeX_Main']);
  for (const m of css.matchAll(/([^{}]+)\{([^{}]*font-family:(KaTeX_\w+)[^{}]*)\}/g)) {
    const [, selectors, , family] = m;
    if (selectors.includes('@font-face')) continue;
    const hit = selectors.split(',').some((sel) => [...sel.matchAll(/\.([\w-]+)/g)].every(([, c]) => c === 'katex' || used.has(c)));
    if (hit) families.add(family);
  }
  const fonts = [];
  const out = css.replace(/@font-face\{([^}]*)\}/g, (face, body) => {
    const family = body.match(/font-family:"?(KaTeX_\w+)/)[1];
    if (!families.has(family)) return '';
    const woff2 = body.match(/url\((fonts\/[\w-]+\.woff2)\) format\("woff2"\)/)[1];
    fonts.push(path.basename(woff2));
    // font-display:swap: the formula's text shows at once in a fallback font (Lighthouse flags
    // invisible text while a web font loads).
    return `@font-face{${body.replace(/src:[^;}]*/, `src:url(${woff2}) format("woff2")`).replace('font-display:block', 'font-display:swap')}}`;
  });
  return { css: usedRules(out, used), fonts };
}

// The stylesheet without the selectors that require a class the HTML never has: the formulas are
// static HTML (no script adds a class), so such a selector matches nothing. At-rules stay whole.
// For the lab's formulas KaTeX's 21 KB shrink to ~4 KB (Brotli 2.7 → 0.9 KB).
function usedRules(css, used) {
  let out = '';
  for (let i = 0; i < css.length;) {
    const open = css.indexOf('{', i);
    if (open < 0) { out += css.slice(i); break; }
    let depth = 1, end = open + 1;
    for (; depth; end++) depth += css[end] === '{' ? 1 : css[end] === '}' ? -1 : 0;
    const prelude = css.slice(i, open);
    if (prelude.trim().startsWith('@')) out += css.slice(i, end);
    else {
      // A class inside :not(…) is one the element must not have: it does not count.
      const kept = prelude.split(',').filter((sel) => [...sel.replace(/:not\([^)]*\)/g, '').matchAll(/\.([\w-]+)/g)].every(([, c]) => used.has(c)));
      if (kept.length) out += kept.join(',') + css.slice(open, end);
    }
    i = end;
  }
  return out;
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decode = (text) => text
  .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
  .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
  .replace(/&(\w+);/g, (m, n) => ENTITIES[n] ?? m);

/**
 * Writes the stylesheet and the fonts for formulas rendered as `htmls` into `dir`. Each font keeps
 * only the characters that KaTeX's HTML draws (all of them, in every kept font: a superset
 * that needs no knowledge of which font KaTeX picks for which symbol) — the four fonts a lesson page
 * draws with shrink from 77 KB to a few KB each. Resolves to { css, fonts: [{name, bytes, full}] }.
 */
export async function writeKatexAssets(htmls, dir) {
  const { css, fonts } = katexCss(htmls);
  const text = new Set(' ');
  // The characters KaTeX draws: its HTML without the MathML copy (read by screen readers, not drawn).
  for (const html of htmls) for (const ch of decode(html.replace(/<math[\s\S]*?<\/math>/g, '').replace(/<[^>]*>/g, ' '))) text.add(ch);
  const chars = [...text].join('');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'fonts'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'katex.min.css'), css);
  const out = [];
  for (const name of fonts) {
    const full = fs.readFileSync(path.join(katexDir, 'fonts', name));
    const bytes = await subsetFont(full, chars, { targetFormat: 'woff2' });
    fs.writeFileSync(path.join(dir, 'fonts', name), bytes);
    out.push({ name, bytes: bytes.length, full: full.length });
  }
  return { css, fonts: out };
}
