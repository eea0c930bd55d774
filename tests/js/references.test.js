// The course's sources (web/references.js): every lesson cites some, every citation resolves to a
// complete entry with a link, and the seed's three sources are cited.
import { describe, it, expect } from 'vitest';
import { REFERENCES, LESSON_REFERENCES, lessonReferences, formatReference, referenceHref } from '../../web/references.js';
import { LESSONS } from '../../web/lessons.js';

describe('references', () => {
  it('every lesson 6.1–6.9 cites at least two sources, each with a sentence on why', () => {
    expect(Object.keys(LESSON_REFERENCES)).toEqual(LESSONS.map((l) => l.id));
    for (const l of LESSONS) {
      const refs = lessonReferences(l.id);
      expect(refs.length, l.id).toBeGreaterThanOrEqual(2);
      for (const r of refs) expect(r.why, `${l.id} ${r.id}`).toMatch(/^[A-Z].{10,}[.!?]$/);
    }
  });

  it('every source is complete, linked, and cited by some lesson', () => {
    const cited = new Set(Object.values(LESSON_REFERENCES).flat().map((r) => r.id));
    for (const [id, ref] of Object.entries(REFERENCES)) {
      expect(ref.authors.length, id).toBeGreaterThan(0);
      expect(ref.year, id).toBeGreaterThan(1900);
      expect(ref.title && ref.venue, id).toBeTruthy();
      expect(referenceHref(ref), id).toMatch(/^https:\/\//);
      if (ref.doi) expect(ref.doi, id).toMatch(/^10\.\d{4,}\//);
      if (ref.arxiv) expect(ref.arxiv, id).toMatch(/^\d{4}\.\d{4,5}$/);
      expect(cited.has(id), `${id} is cited by no lesson`).toBe(true);
    }
  });

  it('cites the seed’s sources and formats a citation as one line', () => {
    expect(LESSON_REFERENCES['6.3'].map((r) => r.id)).toContain('srivastava2014');
    expect(LESSON_REFERENCES['6.4'].map((r) => r.id)).toContain('ioffe2015');
    expect(LESSON_REFERENCES['6.1'].map((r) => r.id)).toContain('chaudhury2024');
    expect(formatReference(REFERENCES.ioffe2015)).toBe('Sergey Ioffe and Christian Szegedy (2015). Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift. International Conference on Machine Learning (ICML), PMLR 37, 448–456. arXiv:1502.03167.');
    expect(formatReference(REFERENCES.srivastava2014)).toMatch(/^Nitish Srivastava, Geoffrey Hinton, Alex Krizhevsky et al\. \(2014\)/);
  });
});
