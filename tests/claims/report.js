// The shipped claims report (web/claims/report.json, committed) against a fresh measurement: the
// page shows the shipped one, so CI fails when a claim's verdict or one of its checks would read
// differently today. Pure: no files, no engine.

export const SHIPPED_REPORT = 'web/claims/report.json';

/** Every way `fresh` reads differently from `shipped`: one sentence per claim or check. */
export function verdictDifferences(shipped, fresh) {
  const out = [];
  const before = new Map((shipped?.claims ?? []).map((c) => [c.id, c]));
  for (const c of fresh.claims) {
    const old = before.get(c.id);
    if (!old) {
      out.push(`claim ${c.id} (${c.title}) is not in the shipped report`);
      continue;
    }
    before.delete(c.id);
    if (old.verdict !== c.verdict) out.push(`claim ${c.id} (${c.title}): shipped “${old.verdict}”, measured “${c.verdict}”`);
    const oldChecks = new Map(old.checks.map((k) => [k.id, k]));
    for (const k of c.checks) {
      const o = oldChecks.get(k.id);
      if (!o) out.push(`claim ${c.id}, check “${k.text}”: not in the shipped report`);
      else if (o.ok !== k.ok) out.push(`claim ${c.id}, check “${k.text}”: shipped ${o.ok ? 'holds' : 'does not hold'}, measured ${k.ok ? 'holds' : 'does not hold'} (${k.detail})`);
      oldChecks.delete(k.id);
    }
    for (const o of oldChecks.values()) out.push(`claim ${c.id}, check “${o.text}”: in the shipped report but no longer measured`);
  }
  for (const old of before.values()) out.push(`claim ${old.id} (${old.title}): in the shipped report but no longer measured`);
  return out;
}

/**
 * The shipped report with some claims measured afresh (`node tests/claims/run.mjs 14 15 --write`):
 * those claims replace or join the shipped ones, in the order of `order` (the claim ids as
 * tests/claims/claims.js lists them); the counts follow; `updates` records which claims were
 * measured when, on what engine, so the stamp of the full run (`generated`) is not taken for theirs.
 */
export function mergeReport(shipped, fresh, order, specsHash) {
  const byId = new Map(shipped.claims.map((c) => [c.id, c]));
  for (const c of fresh.claims) byId.set(c.id, c);
  const claims = order.filter((id) => byId.has(id)).map((id) => byId.get(id));
  const count = (v) => claims.filter((c) => c.verdict === v).length;
  return {
    ...shipped,
    specsHash,
    counts: { held: count('held'), partly: count('partly'), not: count('not') },
    claims,
    updates: [...(shipped.updates ?? []), { claims: fresh.claims.map((c) => c.id), generated: fresh.generated, engine: fresh.engine, seconds: fresh.seconds }],
  };
}
