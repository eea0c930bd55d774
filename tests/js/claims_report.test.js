// The shipped report (web/claims/report.json) and how CI compares it with a fresh measurement:
// every verdict that would read differently is named; the shipped report is complete and stamped
// with what it measured.
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { verdictDifferences, mergeReport, SHIPPED_REPORT } from '../claims/report.js';
import { CLAIMS } from '../claims/claims.js';
import { ROOT } from '../claims/lib.js';

const claim = (id, verdict, checks) => ({ id, title: `claim ${id}`, verdict, checks: checks.map(([cid, ok]) => ({ id: cid, text: cid, ok, detail: '' })) });

describe('shipped claims report vs a fresh measurement', () => {
  it('finds no difference when every verdict and check reads the same', () => {
    const r = { claims: [claim('1', 'held', [['a', true], ['b', true]])] };
    expect(verdictDifferences(r, structuredClone(r))).toEqual([]);
  });

  it('names a changed verdict and a changed check', () => {
    const shipped = { claims: [claim('1', 'held', [['a', true], ['b', true]])] };
    const fresh = { claims: [claim('1', 'partly', [['a', true], ['b', false]])] };
    const d = verdictDifferences(shipped, fresh);
    expect(d).toHaveLength(2);
    expect(d[0]).toMatch(/claim 1 .*shipped “held”, measured “partly”/);
    expect(d[1]).toMatch(/check “b”: shipped holds, measured does not hold/);
  });

  it('names claims and checks that appear or disappear', () => {
    const shipped = { claims: [claim('1', 'held', [['a', true]]), claim('2', 'not', [['x', false]])] };
    const fresh = { claims: [claim('1', 'held', [['a', true], ['new', true]]), claim('3', 'held', [['y', true]])] };
    const d = verdictDifferences(shipped, fresh);
    expect(d.some((s) => /check “new”: not in the shipped report/.test(s))).toBe(true);
    expect(d.some((s) => /claim 3 .*not in the shipped report/.test(s))).toBe(true);
    expect(d.some((s) => /claim 2 .*no longer measured/.test(s))).toBe(true);
  });

  it('merges claims measured on their own into the shipped report, in the claims’ order, with the counts and a stamp of the update', () => {
    const shipped = { generated: 'then', specsHash: 'a', counts: { held: 2, partly: 0, not: 0 }, claims: [claim('1', 'held', [['a', true]]), claim('3', 'held', [['c', true]])] };
    const fresh = { generated: 'now', engine: { version: '1' }, seconds: 5, claims: [claim('2', 'partly', [['b', false], ['d', true]]), claim('3', 'not', [['c', false]])] };
    const merged = mergeReport(shipped, fresh, ['1', '2', '3'], 'b');
    expect(merged.claims.map((c) => `${c.id}:${c.verdict}`)).toEqual(['1:held', '2:partly', '3:not']);
    expect(merged.counts).toEqual({ held: 1, partly: 1, not: 1 });
    expect(merged.generated).toBe('then');
    expect(merged.specsHash).toBe('b');
    expect(merged.updates).toEqual([{ claims: ['2', '3'], generated: 'now', engine: { version: '1' }, seconds: 5 }]);
  });

  it('the shipped report holds every claim with its checks, and says when, on what engine and on which specs it was measured', () => {
    const report = JSON.parse(fs.readFileSync(path.join(ROOT, SHIPPED_REPORT), 'utf8'));
    expect(report.claims.map((c) => c.id)).toEqual(CLAIMS.map((c) => c.id));
    for (const c of report.claims) {
      expect(c.checks.map((k) => k.id)).toEqual(claimChecks(c.id));
      expect(['held', 'partly', 'not']).toContain(c.verdict);
    }
    expect(Number.isNaN(Date.parse(report.generated))).toBe(false);
    expect(report.engine.version).toMatch(/\d/);
    expect(report.specsHash).toMatch(/^[0-9a-f]{16}$/);
  });
});

const claimChecks = (id) => CLAIMS.find((c) => c.id === id).checks.map((k) => k.id);
