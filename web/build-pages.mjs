// The site's text pages, added to dist/ after the other build scripts:
//   dist/reading.html     the reading list, grouped by lesson (web/reading.html + web/references.js)
//   dist/embedding.html   docs/embedding.md as a page (the lecture notes link to it)
// Both are static HTML with the site header (web/site/header.js); they need no script but the
// header's theme switch.
// Usage: node web/build-pages.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writePage } from './site/build.mjs';
import { renderMarkdown } from './site/markdown.mjs';
import { LESSONS } from './lessons.js';
import { lessonReferences, formatReference, referenceHref } from './references.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const dist = path.join(root, 'dist');

const escape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// ---- reading list ------------------------------------------------------------------------------
function authorsHtml(authors) {
  if (authors.length > 4) return `${escape(authors.slice(0, 3).join(', '))} et al.`;
  return escape(authors.length === 1 ? authors[0] : `${authors.slice(0, -1).join(', ')} and ${authors.at(-1)}`);
}

function referenceItem({ id, why, ref }) {
  const href = referenceHref(ref);
  const title = href ? `<a href="${escape(href)}">${escape(ref.title)}</a>` : escape(ref.title);
  const ids = [ref.doi && `doi:${escape(ref.doi)}`, ref.arxiv && `arXiv:${escape(ref.arxiv)}`].filter(Boolean).join(' · ');
  return `<li id="ref-${escape(id)}" data-ref="${escape(id)}">`
    + `<p class="cite">${authorsHtml(ref.authors)} (${ref.year}). <cite>${title}</cite>. ${escape(ref.venue)}.`
    + `${ref.note ? ` <span class="note">${escape(ref.note[0].toUpperCase() + ref.note.slice(1))}.</span>` : ''}`
    + `${ids ? ` <span class="ids">${ids}</span>` : ''}</p>`
    + `<p class="why">${escape(why)}</p></li>`;
}

let count = 0;
const sections = LESSONS.map((lesson) => {
  const refs = lessonReferences(lesson.id);
  count += refs.length;
  // The text of a plain-text citation is checked here too, so a reference missing a field fails the build.
  for (const r of refs) if (!formatReference(r.ref)) throw new Error(`reference ${r.id} cannot be formatted`);
  return `<section class="lesson" id="lesson-${lesson.id}" aria-labelledby="lesson-${lesson.id}-title">
  <h2 id="lesson-${lesson.id}-title"><span class="num">${lesson.id}</span> ${escape(lesson.title)}</h2>
  <p class="open"><a href="index.html#/${lesson.id}">Open lesson ${lesson.id} in the lab</a></p>
  <ol class="refs">${refs.map(referenceItem).join('\n')}</ol>
</section>`;
});
const toc = `<nav class="toc" aria-label="Lessons"><ol>${LESSONS.map((l) => `<li><a href="#lesson-${l.id}">${l.id} ${escape(l.title)}</a></li>`).join('')}</ol></nav>`;
const readingStyle = `<style>
.reading .toc { background: var(--surface); border: 1px solid var(--border); border-radius: 10px; padding: 8px 16px; font-size: 0.95rem; }
.reading .toc ol { margin: 4px 0; padding-left: 1.2em; }
.reading section.lesson { margin-top: 28px; }
.reading h2 .num { color: var(--muted); font-variant-numeric: tabular-nums; margin-right: 0.25em; }
.reading .open { margin: 0 0 6px; font-size: 0.9rem; }
.reading ol.refs { list-style: none; margin: 0; padding: 0; }
.reading ol.refs li { background: var(--surface); border: 1px solid var(--border); border-radius: 10px; padding: 10px 14px; margin: 8px 0; }
.reading .cite { margin: 0; overflow-wrap: anywhere; }
.reading .cite cite { font-style: normal; font-weight: 600; }
.reading .note, .reading .ids { color: var(--muted); font-size: 0.9rem; }
.reading .why { margin: 4px 0 0; color: var(--muted); }
.reading footer code { overflow-wrap: anywhere; }
</style>
</head>`;
const template = fs.readFileSync(path.join(web, 'reading.html'), 'utf8');
const marker = /<!-- reading-list:[^>]*-->/;
if (!marker.test(template)) throw new Error('web/reading.html: the <!-- reading-list: … --> marker is missing');
writePage(dist, 'reading.html', template.replace('</head>', readingStyle).replace(marker, `${toc}\n${sections.join('\n')}`));

// ---- docs/embedding.md as a page -------------------------------------------------------------
const doc = renderMarkdown(fs.readFileSync(path.join(root, 'docs/embedding.md'), 'utf8'));
writePage(dist, 'embedding.html', `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="data:,">
<title>Embedding RegLab experiments — RegLab</title>
<meta name="description" content="How to put RegLab's live experiments into lecture notes: one script tag, custom elements, or an iframe.">
<link rel="stylesheet" href="widgets/page.css">
<style>
.doc pre { background: var(--surface); border: 1px solid var(--border); border-radius: 8px; padding: 10px 12px; overflow-x: auto; font-size: 0.85rem; line-height: 1.45; }
.doc code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
.doc p code, .doc li code, .doc td code { overflow-wrap: anywhere; }
.doc .table { overflow-x: auto; }
.doc table { border-collapse: collapse; font-size: 0.9rem; background: var(--surface); }
.doc th, .doc td { border: 1px solid var(--border); padding: 6px 8px; text-align: left; vertical-align: top; }
.doc h1 { margin-top: 0; }
</style>
</head>
<body>
<header class="site" data-site-header="embedding"></header>
<main class="page doc">
${doc}
<footer>This page is <code>docs/embedding.md</code> of the RegLab repository, rendered when the site is built.</footer>
</main>
</body>
</html>
`);
console.log(`pages: dist/reading.html (${count} citations in ${LESSONS.length} lessons), dist/embedding.html`);
