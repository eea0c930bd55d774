// docs/spec.md is generated from engine.describe(): it must be current.
import { it, expect } from 'vitest';
import fs from 'node:fs';
import { specDoc } from '../../tools/spec-doc.mjs';

it('docs/spec.md documents every field the engine accepts', async () => {
  const expected = await specDoc();
  const current = fs.readFileSync(new URL('../../docs/spec.md', import.meta.url), 'utf8');
  expect(current).toBe(expected);
  for (const path of ['optimizer.lr', 'model.dropout', 'regularization.l1Mode', 'training.earlyStopping.patience'])
    expect(current).toContain(`\`${path}\``);
});
