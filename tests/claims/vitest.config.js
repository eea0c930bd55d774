import { defineConfig } from 'vitest/config';

// The claims suite: one file per claim of the course module, each training its presets over
// several seeds in the wasm engine. Two forks for the machine's two cores; the longest file
// (bias–variance) takes a few minutes on its own.
export default defineConfig({
  test: {
    include: ['tests/claims/**/*.test.js'],
    testTimeout: 900_000,
    hookTimeout: 900_000,
    pool: 'forks',
    poolOptions: { forks: { singleFork: false, maxForks: 2, minForks: 1 } },
    sequence: { shuffle: false },
    reporters: ['default'],
  },
});
