// Node-only helpers for the build scripts: copy a page into dist/ with the site header filled in
// (web/site/header.js), and the header's own files (dist/site.css, dist/site.js).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applySiteHeader } from './header.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Writes `html` to dist/`rel` with the site header and the service worker's registration
 * (offline.js, web/build-sw.mjs); `rel` decides the path back to the root.
 */
export function writePage(dist, rel, html) {
  const depth = rel.split('/').length - 1;
  const base = '../'.repeat(depth);
  const out = applySiteHeader(html, { base, file: rel }).replace('</head>', `<script type="module" src="${base}offline.js"></script>\n</head>`);
  fs.mkdirSync(path.dirname(path.join(dist, rel)), { recursive: true });
  fs.writeFileSync(path.join(dist, rel), out);
  copySiteAssets(dist);
}

export function copySiteAssets(dist) {
  fs.mkdirSync(dist, { recursive: true });
  fs.copyFileSync(path.join(here, 'site.css'), path.join(dist, 'site.css'));
  fs.copyFileSync(path.join(here, 'theme.js'), path.join(dist, 'site.js'));
}
