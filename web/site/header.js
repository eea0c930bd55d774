// The one header of the site (lab, exercises, lecture notes, claims, reading list, instructors),
// added at build time. A page's source holds an empty marker where the header goes:
//   <header class="site" data-site-header="claims"> …page-specific rows (the lab's lessons)… </header>
// and every build script that copies a page into dist/ passes it through applySiteHeader(), which
// puts the shared bar (brand, site links with aria-current on the page's own, theme switch) first
// in that element and links site.css (+ site.js, the theme switch, on pages other than the lab,
// whose app.js runs the same switch). Pure string work: no DOM, usable from Node and tests.

/** The pages of the site, in header order: key → path under dist/ and the link's words. */
export const SITE_PAGES = [
  { key: 'lab', href: 'index.html', label: 'Lab', title: 'The lab: lessons 6.1–6.9, live' },
  { key: 'exercises', href: 'exercises.html', label: 'Exercises', title: 'Exercises 6.1–6.4 with automatic checks' },
  { key: 'notes', href: 'examples/lecture-notes.html', label: 'Lecture notes', title: 'Lecture notes with live experiments' },
  { key: 'claims', href: 'claims.html', label: 'What the numbers say', short: 'Claims', title: 'Every claim of the course measured over several seeds' },
  { key: 'reading', href: 'reading.html', label: 'Reading list', short: 'Reading', title: 'The papers and books behind each lesson' },
  { key: 'instructor', href: 'instructor.html', label: 'Instructors', title: 'Grade exercise submissions' },
];

const LOGO = '<svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="7" fill="#0072b2"/><path d="M6 24c5-14 9-14 10-6s6 6 10-10" stroke="#fff" stroke-width="3" fill="none" stroke-linecap="round"/></svg>';

/**
 * The shared bar for the page `current` (a SITE_PAGES key, or another name for a page outside the
 * list: then no link is marked). `base` is the path from the page to the site root ('' or '../').
 */
export function siteBar(current, base = '') {
  const links = SITE_PAGES.map((p) => {
    const here = p.key === current ? ' aria-current="page"' : '';
    const words = p.short ? `<span class="long">${p.label}</span><span class="short">${p.short}</span>` : p.label;
    return `<li><a href="${base}${p.href}" title="${p.title}"${here}>${words}</a></li>`;
  }).join('');
  return `<div class="site-bar">`
    + `<a class="site-brand" href="${base}index.html">${LOGO}<span>RegLab</span></a>`
    + `<nav class="site-nav" aria-label="Site"><ul>${links}</ul></nav>`
    + `<button id="theme" class="site-theme" type="button" aria-pressed="false">Dark theme</button>`
    + `</div>`;
}

const MARKER = /<header class="site" data-site-header="([\w-]+)">/;

/**
 * Fills the page's header marker with the shared bar and links the header's files. Throws when the
 * page has no marker or more than one, so a page cannot silently ship without the header.
 */
export function applySiteHeader(html, { base = '', file = 'page' } = {}) {
  const found = html.match(new RegExp(MARKER.source, 'g')) ?? [];
  if (found.length !== 1) throw new Error(`${file}: expected one <header class="site" data-site-header="…"> marker, found ${found.length}`);
  const current = html.match(MARKER)[1];
  const assets = `<link rel="stylesheet" href="${base}site.css">`
    + (current === 'lab' ? '' : `\n<script type="module" src="${base}site.js"></script>`);
  if (!html.includes('</head>')) throw new Error(`${file}: no </head> to link site.css into`);
  return html
    .replace('</head>', `${assets}\n</head>`)
    .replace(MARKER, (tag) => `<header class="site" data-site-header="${current}">${siteBar(current, base)}`);
}
