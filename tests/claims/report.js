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
