// A PyTorch reference fixture (tests/fixtures/NAME.json, made by tools/fixtures/) for the JS
// end-to-end tests: its inputs and expected values, and its own agreement rule
// |actual − expected| ≤ abs + rel·|expected| as a Vitest assertion.
import fs from 'node:fs';
import { expect } from 'vitest';

export function loadFixture(name) {
  const fixture = JSON.parse(fs.readFileSync(new URL(`../../fixtures/${name}.json`, import.meta.url), 'utf8'));
  const { tolerance } = fixture;
  const expectClose = (actual, want, what) => {
    const bound = tolerance.abs + tolerance.rel * Math.abs(want);
    expect(Math.abs(actual - want), `${what}: ${actual} vs PyTorch ${want}`).toBeLessThanOrEqual(bound);
  };
  return { ...fixture, expectClose };
}

// A fixture matrix (nested rows) or vector as one flat array, row-major like the engine's tensors.
export const flat = (m) => (Array.isArray(m[0]) ? m.flat() : m);
