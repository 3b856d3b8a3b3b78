import fc from 'fast-check';
import { analyse } from '../../../src/domain/analysis';
import { DIMENSIONS } from '../../../src/domain/instrument';
import { ratingMatrix, type Rating } from '../../../src/domain/ratings';
import { decideSuppression, score, type Figure, type ScoreReport } from '../../../src/domain/scoring';

const GROUPS = ['MBU nursing', 'MBU medical', 'Community perinatal team', 'Maternity', 'Health visiting'];

/** A random pulse: respondents in random groups, rating random targets on random items. */
const pulse = fc
  .array(
    fc.record({
      group: fc.constantFrom(...GROUPS),
      targets: fc.subarray(GROUPS, { minLength: 1 }),
      scores: fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { nil: null, freq: 4 }), { minLength: 7, maxLength: 7 }),
      jitter: fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 35, maxLength: 35 }),
    }),
    { maxLength: 40 },
  )
  .map((people) => {
    const rows: Rating[] = [];
    people.forEach((p, i) =>
      p.targets.forEach((target, ti) =>
        DIMENSIONS.forEach((dimension, d) => {
          const base = p.scores[d] ?? null;
          const score = base === null ? null : Math.min(5, Math.max(1, base + p.jitter[(ti * 7 + d) % 35]!));
          rows.push({ respondent: `r${i}`, workgroup: p.group, target, dimension, score });
        }),
      ),
    );
    return rows;
  });

const options = fc.record({ k: fc.integer({ min: 3, max: 6 }), minItems: fc.integer({ min: 1, max: 7 }) });

/** Every figure object in a report, with where it sits. */
function figures(r: ScoreReport): [string, Figure][] {
  const out: [string, Figure][] = [
    ['overall', r.overall],
    ['overallBetween', r.overallBetween],
    ...Object.entries(r.dimensions).map(([d, f]) => [`dimension ${d}`, f] as [string, Figure]),
    ...Object.entries(r.indices).map(([d, f]) => [`index ${d}`, f] as [string, Figure]),
  ];
  for (const t of r.ties) {
    out.push([`tie ${t.from}>${t.to}`, t]);
    for (const [d, f] of Object.entries(t.dimensions)) out.push([`tie ${t.from}>${t.to} ${d}`, f]);
  }
  for (const w of r.workgroups) out.push([`outgoing ${w.workgroup}`, w.outgoing], [`incoming ${w.workgroup}`, w.incoming]);
  return out;
}

function shuffle<T>(items: T[], seed: number): T[] {
  const a = items.slice();
  let s = seed >>> 0 || 1;
  for (let i = a.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

describe('scoring properties over random pulses', () => {
  it('puts every shown mean, and its interval, in the range 1 to 5 and the mean inside its interval', () => {
    fc.assert(
      fc.property(pulse, options, (rows, o) => {
        for (const [, f] of figures(score(ratingMatrix(rows), o))) {
          if (f.suppressed) continue;
          expect(f.mean).toBeGreaterThanOrEqual(1);
          expect(f.mean).toBeLessThanOrEqual(5);
          if (f.ci95) {
            expect(f.ci95[0]).toBeLessThanOrEqual(f.mean!);
            expect(f.ci95[1]).toBeGreaterThanOrEqual(f.mean!);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives exactly the same report whatever the order of the rows', () => {
    fc.assert(
      fc.property(pulse, options, fc.integer(), (rows, o, seed) => {
        expect(score(ratingMatrix(shuffle(rows, seed)), o)).toEqual(score(ratingMatrix(rows), o));
      }),
      { numRuns: 200 },
    );
  });

  it('never shows a figure of fewer than k respondents, and a hidden figure carries no mean, n or interval', () => {
    fc.assert(
      fc.property(pulse, options, (rows, o) => {
        const r = score(ratingMatrix(rows), o);
        for (const [, f] of figures(r)) {
          if (f.suppressed) {
            expect({ mean: f.mean, n: f.n, ci95: f.ci95, band: f.band }).toEqual({ mean: null, n: null, ci95: null, band: null });
          }
          else expect(f.n).toBeGreaterThanOrEqual(o.k);
        }
        for (const w of r.workgroups) if (w.respondents !== null) expect(w.respondents).toBeGreaterThanOrEqual(o.k);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves every published partition with zero or at least two hidden parts', () => {
    fc.assert(
      fc.property(pulse, options, (rows, o) => {
        const r = score(ratingMatrix(rows), o);
        const hidden = (parts: { suppressed: boolean }[]) => parts.filter((p) => p.suppressed).length;
        // (a) overall between-group vs the workgroups' outgoing figures
        if (!r.overallBetween.suppressed) expect(hidden(r.workgroups.map((w) => w.outgoing))).not.toBe(1);
        // (b) each workgroup's incoming figure vs the ties into it from the other groups
        for (const w of r.workgroups) {
          if (w.incoming.suppressed) continue;
          expect(hidden(r.ties.filter((t) => t.to === w.workgroup && t.from !== w.workgroup))).not.toBe(1);
        }
        // (c) the respondent count vs the workgroups' counts. The total count is always shown
        // (it is the response count); below k nothing else is, and it cannot be protected.
        if (r.respondents >= o.k) expect(r.workgroups.filter((w) => w.respondents === null).length).not.toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  it('never leaves exactly one hidden part that has respondents behind it', () => {
    fc.assert(
      fc.property(pulse, options, (rows, o) => {
        const d = decideSuppression(analyse(ratingMatrix(rows), o.minItems), o.k);
        const real = (parts: { suppressed: boolean; n: number }[]) => parts.filter((p) => p.suppressed && p.n > 0).length;
        if (!d.overallBetween.suppressed) expect(real(d.workgroups.map((w) => w.outgoing))).not.toBe(1);
        for (const w of d.workgroups) {
          if (w.incoming.suppressed) continue;
          expect(real(d.ties.filter((t) => t.to === w.workgroup && t.from !== w.workgroup).map((t) => t.rc))).not.toBe(1);
        }
        if (rows.length === 0 || d.workgroups.reduce((n, w) => n + w.respondents.n, 0) >= o.k) expect(real(d.workgroups.map((w) => w.respondents))).not.toBe(1);
      }),
      { numRuns: 300 },
    );
  });
});
