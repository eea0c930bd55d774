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

// The characters KaTeX's HTML draws in each font family: the family of a text is that of the
// last, most specific rule of katex.min.css that sets font-family on its span (`.katex .a.b`,
// `.katex .a .b>span`), else its parent's; KaTeX_Main is the base font of .katex. The MathML copy
// (read by screen readers, not drawn) and the SVGs have no drawn text. → Map family → Set of chars.
export function charsByFamily(htmls) {
  const css = fs.readFileSync(path.join(katexDir, 'katex.min.css'), 'utf8');
  const rules = [];  // {steps: [{classes, tag, child}], family, specificity}
  for (const m of css.matchAll(/([^{}]+)\{[^{}]*font-family:(KaTeX_\w+)[^{}]*\}/g)) {
    if (m[1].includes('@')) continue;
    for (const sel of m[1].split(',')) {
      if (/[:[*+~]/.test(sel)) continue;
      const steps = [];
      let child = false;
      for (const part of sel.trim().replace(/>/g, ' > ').split(/\s+/)) {
        if (part === '>') { child = true; continue; }
        const [tag] = part.match(/^[a-z]*/);
        steps.push({ tag, classes: [...part.matchAll(/\.([\w-]+)/g)].map(([, c]) => c), child });
        child = false;
      }
      rules.push({ steps, family: m[2], specificity: steps.reduce((n, st) => n + st.classes.length * 10 + (st.tag ? 1 : 0), 0) });
    }
  }
  const fits = (st, el) => (!st.tag || st.tag === el.tag) && st.classes.every((c) => el.classes.has(c));
  // Does the selector's last step match stack[i], with the steps before it matching ancestors?
  const matches = (steps, k, stack, i) => {
    if (!fits(steps[k], stack[i])) return false;
    if (k === 0) return true;
    if (steps[k].child) return i > 0 && matches(steps, k - 1, stack, i - 1);
    for (let j = i - 1; j >= 0; j--) if (matches(steps, k - 1, stack, j)) return true;
    return false;
  };
  const out = new Map();
  const add = (family, text) => {
    if (!out.has(family)) out.set(family, new Set(' '));
    for (const ch of decode(text)) out.get(family).add(ch);
  };
  for (const html of htmls) {
    const stack = [];  // open elements: {tag, classes, family}
    const drawn = html.replace(/<math[\s\S]*?<\/math>/g, '').replace(/<svg[\s\S]*?<\/svg>/g, '');
    for (const [, close, tag, attrs, text] of drawn.matchAll(/<(\/?)(\w+)([^>]*)>|([^<]+)/g)) {
      if (text !== undefined) { if (stack.length) add(stack.at(-1).family, text); continue; }
      if (close) { stack.pop(); continue; }
      if (/\/$/.test(attrs)) continue;
      const el = { tag, classes: new Set((attrs.match(/class="([^"]*)"/)?.[1] ?? '').split(/\s+/).filter(Boolean)) };
      stack.push(el);
      let best = null;
      for (const r of rules) if (matches(r.steps, r.steps.length - 1, stack, stack.length - 1) && (!best || r.specificity >= best.specificity)) best = r;
      el.family = best?.family ?? (stack.length > 1 ? stack.at(-2).family : 'KaTeX_Main');
      if (el.classes.has('katex') && !best) el.family = 'KaTeX_Main';
    }
  }
  return out;
}

/**
 * Writes the stylesheet and the fonts for formulas rendered as `htmls` into `dir`. Each font keeps
 * only the characters that KaTeX's HTML draws in its family (charsByFamily; every face of a
 * family keeps them all, whatever weight or style draws them) — the four fonts a lesson page draws
 * with shrink from 77 KB to a few KB each, KaTeX_AMS and KaTeX_Size1 to the few symbols they draw.
 * Without their TrueType hinting instructions, too (as web font services serve them to every
 * system but Windows): KaTeX sets formulas at text size and larger, where browsers on phones, macOS
 * and Linux ignore hinting anyway, and it was most of what a subset weighs — ~1.8 KB per font,
 * 2.8 → 0.8 KB for KaTeX_AMS's two symbols; lesson 6.1's four fonts went 19.3 → 11.0 KB.
 *
 * `first` (the HTML of the page that opens first, e.g. the lab's first lesson): a font whose
 * family draws characters both in it and elsewhere is split in two files with CSS unicode-ranges,
 * the characters `first` draws and the others (name-more.woff2); a browser fetches a face's file
 * only when the page draws a character of its range, so the first page does not carry the glyphs
 * only other pages draw. Resolves to { css, fonts: [{name, bytes, full}] }.
 */
export async function writeKatexAssets(htmls, dir, { first = null } = {}) {
  const { css, fonts } = katexCss(htmls);
  const byFamily = charsByFamily(htmls);
  const firstByFamily = first ? charsByFamily(first) : new Map();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'fonts'), { recursive: true });
  const out = [];
  const ranges = new Map();  // font file → [unicode-range of the file, of name-more]
  for (const name of fonts) {
    const full = fs.readFileSync(path.join(katexDir, 'fonts', name));
    const family = name.match(/^(KaTeX_\w+?)-/)[1];
    const chars = [...(byFamily.get(family) ?? ' ')];
    const firstChars = chars.filter((c) => firstByFamily.get(family)?.has(c));
    const parts = firstChars.length > 1 && firstChars.length < chars.length
      ? [[name, firstChars], [name.replace(/\.woff2$/, '-more.woff2'), chars.filter((c) => !firstChars.includes(c))]]
      : [[name, chars]];
    for (const [file, subset] of parts) {
      const bytes = await subsetFont(full, subset.join(''), { targetFormat: 'woff2', noHinting: true });
      fs.writeFileSync(path.join(dir, 'fonts', file), bytes);
      out.push({ name: file, bytes: bytes.length, full: file === name ? full.length : 0 });
    }
    if (parts.length > 1) ranges.set(name, parts.map(([, subset]) => unicodeRange(subset)));
  }
  // Each split face twice: the first page's characters from the file, the others from -more.
  const splitCss = css.replace(/@font-face\{([^}]*)\}/g, (face, body) => {
    const file = body.match(/url\(fonts\/([\w-]+\.woff2)\)/)?.[1];
    if (!ranges.has(file)) return face;
    const [mine, more] = ranges.get(file);
    return `@font-face{${body};unicode-range:${mine}}@font-face{${body.replace(file, file.replace(/\.woff2$/, '-more.woff2'))};unicode-range:${more}}`;
  });
  fs.writeFileSync(path.join(dir, 'katex.min.css'), splitCss);
  return { css: splitCss, fonts: out };
}

// CSS unicode-range of a set of characters: U+20,U+28-29,U+3B1 …
function unicodeRange(chars) {
  const codes = [...new Set(chars.map((c) => c.codePointAt(0)))].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i < codes.length;) {
    let j = i;
    while (j + 1 < codes.length && codes[j + 1] === codes[j] + 1) j++;
    const hex = (n) => n.toString(16).toUpperCase();
    out.push(j > i ? `U+${hex(codes[i])}-${hex(codes[j])}` : `U+${hex(codes[i])}`);
    i = j + 1;
  }
  return out.join(',');
}
