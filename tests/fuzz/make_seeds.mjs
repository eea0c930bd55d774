// Writes the fuzzers' seed corpus: every spec of every preset (web/presets/*.json, runs[].spec)
// plus small CSVs cut from data/*.csv, and a dictionary of spec keys and choices from
// `reglab describe` (argv[3], optional). Usage: node tests/fuzz/make_seeds.mjs OUT_DIR [ROOT] [CLI]
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const out = process.argv[2];
const root = process.argv[3] ?? '.';
const cli = process.argv[4];
for (const d of ['spec', 'csv']) fs.mkdirSync(path.join(out, d), { recursive: true });

let count = 0;
const presets = path.join(root, 'web/presets');
for (const file of fs.existsSync(presets) ? fs.readdirSync(presets).filter((f) => f.endsWith('.json')) : []) {
  const preset = JSON.parse(fs.readFileSync(path.join(presets, file), 'utf8'));
  (preset.runs ?? []).forEach((run, i) => {
    if (!run.spec) return;
    fs.writeFileSync(path.join(out, 'spec', `${path.basename(file, '.json')}-${i}.json`), JSON.stringify(run.spec));
    count++;
  });
}

// CSV seeds: byte 0 is the fuzz_csv control byte (task, label column), then the text.
const csv = (name, control, text) => {
  fs.writeFileSync(path.join(out, 'csv', name), Buffer.concat([Buffer.from([control]), Buffer.from(text)]));
  count++;
};
for (const file of ['digits.csv', 'wine.csv', 'breast_cancer.csv', 'sentiment.csv']) {
  const p = path.join(root, 'data', file);
  if (!fs.existsSync(p)) continue;
  const lines = fs.readFileSync(p, 'utf8').split('\n');
  const step = Math.max(1, Math.floor(lines.length / 12) | 1);  // odd: keeps alternating/sorted classes
  const cut = [lines[0], ...lines.slice(1).filter((_, i) => i % step === 0)].join('\n') + '\n';
  csv(`${path.basename(file, '.csv')}-auto`, 3, cut);
  csv(`${path.basename(file, '.csv')}-label`, 4 | 1, cut);
}

if (cli && fs.existsSync(cli)) {
  const described = JSON.parse(execFileSync(cli, ['describe'], { encoding: 'utf8' }));
  const words = new Set(['true', 'false', 'null', '{}', '[]', '1e308', '-0', '0.5', '65536', '2147483647']);
  for (const f of described.fields) {
    words.add(JSON.stringify(f.path.split('.').pop()));
    for (const c of f.choices ?? []) words.add(JSON.stringify(c));
  }
  const dict = [...words].map((w, i) => `w${i}=${JSON.stringify(w)}`).join('\n') + '\n';
  fs.writeFileSync(path.join(out, 'spec.dict'), dict);
}
console.log(`${count} seeds in ${out}`);
