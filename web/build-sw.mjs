// Adds the service worker to the site, after every other build script has written dist/:
//   dist/sw.js       web/sw.js with PRECACHE (the files below) and VERSION (their content hash)
//   dist/offline.js  its registration and the "Updated — reload" notice (web/site/offline.js),
//                    linked from every page written through web/site/build.mjs writePage
// Precached: every page, script, stylesheet, font, the engine, the presets and the CSV data.
// Not precached: the fashion-MNIST image data (5 MB; the worker caches it when a lesson first
// loads it), source maps, licence texts, sizes.json, the precompressed twins (.br/.gz).
// Usage: node web/build-sw.mjs [DIST]   (default dist/; the offline test rebuilds a copy)
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.argv[2] ?? path.join(root, 'dist'));

function* files(dir, rel = '') {
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) yield* files(dir, r);
    else yield r;
  }
}

const skip = (f) => /\.(br|gz|map|bin|txt|md)$/.test(f) || /(^|\/)(sw\.js|sizes\.json)$/.test(f)
  || /\.(woff|ttf)$/.test(f);
fs.copyFileSync(path.join(root, 'web/site/offline.js'), path.join(dist, 'offline.js'));
const precache = [...files(dist)].filter((f) => !skip(f));
const hash = crypto.createHash('sha256');
for (const f of precache) hash.update(f).update('\0').update(fs.readFileSync(path.join(dist, f)));
const version = hash.digest('hex').slice(0, 16);
const source = fs.readFileSync(path.join(root, 'web/sw.js'), 'utf8');
fs.writeFileSync(path.join(dist, 'sw.js'), source.replace("'__VERSION__'", JSON.stringify(version)).replace('__PRECACHE__', JSON.stringify(precache)));
const bytes = precache.reduce((n, f) => n + fs.statSync(path.join(dist, f)).size, 0);
console.log(`sw: dist/sw.js version ${version}, ${precache.length} files precached (${(bytes / 1024).toFixed(0)} KB before compression)`);
