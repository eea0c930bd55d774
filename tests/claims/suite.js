// The body of every claim-*.test.js: measure the claim once (all seeds), then one test per check
// the claim asserts. Checks that are part of the claim but do not hold on this engine are not
// asserted; their numbers are printed after the tests so the run log shows them too.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { claimById, runClaim } from './claims.js';

export function claimSuite(id) {
  const claim = claimById(id);
  describe(`claim ${claim.id} (${claim.lesson}): ${claim.title}`, () => {
    let result;
    beforeAll(async () => {
      result = await runClaim(claim);
    });

    it(`is measured over ≥ 5 seeds with the preset runs it names`, () => {
      expect(result.seeds.length).toBeGreaterThanOrEqual(5);
      for (const p of result.presets) for (const r of p.runs) expect(r.spec.seed, `${p.file} · ${r.label}`).toBeTypeOf('number');
      // every metric the claim lists is returned by its measurement (null = not measured, e.g. a
      // diverged run's accuracy), and the numbers are finite where measured
      expect(result.missingMetrics).toEqual([]);
      for (const row of result.perSeed) for (const m of claim.metrics) expect(row[m.key] === null || typeof row[m.key] === 'number', `seed ${row.seed}: ${m.key}`).toBe(true);
    });

    for (const check of claim.checks.filter((c) => c.assert)) {
      it(check.text, () => {
        const c = result.checks.find((x) => x.id === check.id);
        expect(c.ok, `${c.text}: ${c.detail}`).toBe(true);
      });
    }

    afterAll(() => {
      if (!result) return;
      for (const c of result.checks.filter((x) => !x.asserted)) {
        console.log(`claim ${claim.id} · not asserted · ${c.ok ? 'holds' : 'does not hold'}: ${c.text} — ${c.detail}`);
      }
      console.log(`claim ${claim.id}: ${result.verdict} — ${result.explanation}`);
    });
  });
}
