// The "What the numbers say" page's pure parts: every preset a claim names gets a lab link that
// opens exactly that experiment (lab presets by id, claims-suite presets with their runs in the
// URL), and numbers are formatted the way the tables show them.
import { describe, it, expect } from 'vitest';
import { decodeState } from '../../web/state/url.js';
import { LESSONS } from '../../web/lessons.js';
import { labHref, fmt } from '../../web/claims.js';
import { CLAIMS } from './claims.js';
import { loadPreset } from './lib.js';

const presets = [...new Set(CLAIMS.flatMap((c) => c.presets.map((p) => p.file)))].map((f) => loadPreset(f));

describe('claims page', () => {
  it.each(presets.map((p) => [p.file, p]))('links %s to the lab', (file, p) => {
    const allRuns = p.runs.map((r) => ({ label: r.label, spec: r.spec }));
    const href = labHref({ ...p, allRuns });
    expect(href.startsWith('index.html#/')).toBe(true);
    const state = decodeState(href.slice('index.html'.length));
    const lesson = LESSONS.find((l) => l.id === state.lesson);
    expect(lesson, `lesson ${state.lesson}`).toBeTruthy();
    if (p.lab) {
      expect(state).toEqual({ lesson: p.lesson, preset: p.id, runs: null });
    } else {
      // the lab opens the lesson and shows these runs
      expect(lesson.presets.some((x) => x.id === state.preset)).toBe(true);
      expect(state.runs).toEqual(allRuns);
    }
  });

  it('formats numbers for the tables', () => {
    expect(fmt(0.123456)).toBe('0.123');
    expect(fmt(-2.5)).toBe('−2.5');
    expect(fmt(12345)).toBe('1.23e+4');
    expect(fmt(0.0001234)).toBe('1.23e−4');
    expect(fmt(null)).toBe('—');
    expect(fmt(0)).toBe('0');
    expect(fmt(-0.0001234)).toBe('−1.23e−4');
  });
});
