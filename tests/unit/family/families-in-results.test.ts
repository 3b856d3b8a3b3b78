import { computeFigures } from '../../../src/app/pulse/pulse-figures';
import { DIMENSIONS } from '../../../src/domain/instrument';
import { FAMILIES_WORKGROUP_ID } from '../../../src/domain/model/family';
import type { Response } from '../../../src/domain/model/response';
import { DEFAULT_BANDS } from '../../../src/domain/scoring';

/** In a pulse with the families' voice, families are one more row and column, under the pulse's k. */
const all = (score: number) => Object.fromEntries(DIMENSIONS.map((d) => [d, score])) as Response['ratings'][string];
const scope = { collaborativeId: 'yh', pulseId: 'p1', day: '2026-03-02' };
const staff = (n: number): Response[] =>
  Array.from({ length: n }, () => ({ ...scope, respondentWorkgroupId: 'mbu', ratings: { mbu: all(4), [FAMILIES_WORKGROUP_ID]: all(3) } }));
const families = (n: number): Response[] =>
  Array.from({ length: n }, (_, i) => ({ ...scope, respondentWorkgroupId: FAMILIES_WORKGROUP_ID, ratings: { mbu: all(2) }, familySharing: i % 2 ? 'overall_only' : 'shared_with_team' }));
const names = new Map([['mbu', 'Mother and baby unit'], [FAMILIES_WORKGROUP_ID, 'Families']]);
const method = { k: 3, minItems: 4, bands: DEFAULT_BANDS };

describe('families in the results of a survey pulse', () => {
  it('are a row and a column like any workgroup once k have answered', () => {
    const figures = computeFigures([...staff(3), ...families(3)], { method, names });
    const tie = (from: string, to: string) => figures.ties.find((t) => t.from === from && t.to === to);
    expect(tie('mbu', FAMILIES_WORKGROUP_ID)?.mean).toBe(3);
    expect(tie(FAMILIES_WORKGROUP_ID, 'mbu')?.mean).toBe(2);
    expect(figures.workgroups.find((w) => w.workgroup === FAMILIES_WORKGROUP_ID)?.respondents).toBe(3);
    expect(figures.workgroupNames[FAMILIES_WORKGROUP_ID]).toBe('Families');
  });

  it('are hidden under k like any workgroup', () => {
    const figures = computeFigures([...staff(3), ...families(2)], { method, names });
    const fromFamilies = figures.ties.find((t) => t.from === FAMILIES_WORKGROUP_ID && t.to === 'mbu');
    expect(fromFamilies?.mean ?? null).toBeNull();
    expect(figures.workgroups.find((w) => w.workgroup === FAMILIES_WORKGROUP_ID)?.respondents ?? null).toBeNull();
  });
});
