// docs/spec.md, types/spec.gen.d.ts and web/state/fields.gen.js are generated from
// engine.describe() (each field declared once, in cpp/src/spec/fields.cpp): they must be current.
import { it, expect } from 'vitest';
import fs from 'node:fs';
import { generate, REGENERATE } from '../../tools/spec-gen.mjs';

const files = await generate();

for (const [file, expected] of Object.entries(files)) {
  it(`${file} is generated from the engine's declarations and up to date`, () => {
    const url = new URL(`../../${file}`, import.meta.url);
    const current = fs.existsSync(url) ? fs.readFileSync(url, 'utf8') : '';
    if (current !== expected) expect.fail(`${file} is out of date (or edited by hand): run ${REGENERATE}`);
  });
}

it('docs/spec.md documents every field the engine accepts', () => {
  const doc = files['docs/spec.md'];
  for (const path of ['optimizer.lr', 'model.dropout', 'regularization.l1Mode', 'training.earlyStopping.patience', 'data.x'])
    expect(doc).toContain(`\`${path}\``);
});
