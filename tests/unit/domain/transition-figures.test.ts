import { CARE_TEAM_TARGET_ID, FAMILIES_WORKGROUP_ID, type FamilySharing } from '../../../src/domain/model/family';
import type { Response } from '../../../src/domain/model/response';
import { DEFAULT_BANDS } from '../../../src/domain/scoring';
import { publishTransition, type TransitionPublication } from '../../../src/domain/transition-figures';
import { suggestInterventions } from '../../../src/domain/intervention-catalogue';
import { targetRatings } from '../../support/fixtures';

const METHOD = { k: 3, minItems: 4, bands: DEFAULT_BANDS };
const AT = '2026-03-10T09:00:00.000Z';
const scope = { collaborativeId: 'c1', pulseId: 't-1' };

/** A member of staff in `role` rating each of `others` with `score`. */
function staff(role: string, others: Record<string, number>): Response {
  return { ...scope, respondentWorkgroupId: role, ratings: Object.fromEntries(Object.entries(others).map(([t, s]) => [t, targetRatings(s)])), day: '2026-03-05' };
}

function family(score: number | (number | null)[], sharing: FamilySharing): Response {
  const ratings = Array.isArray(score) ? (Object.fromEntries(Object.keys(targetRatings(1)).map((d, i) => [d, score[i] ?? null])) as ReturnType<typeof targetRatings>) : targetRatings(score);
  return { ...scope, respondentWorkgroupId: FAMILIES_WORKGROUP_ID, ratings: { [CARE_TEAM_TARGET_ID]: ratings }, day: '2026-03-05', familySharing: sharing };
}

/** Every number a publication shows, flattened: what an outsider can compare. */
function shownNumbers(p: TransitionPublication): number[] {
  return JSON.stringify({ ...p, publishedAt: undefined })
    .match(/-?\d+(\.\d+)?(e-?\d+)?/g)!
    .map(Number);
}

const team = [staff('a', { b: 4, c: 3 }), staff('b', { a: 4, c: 4 }), staff('c', { a: 3, b: 5 })];

describe('what a closed transition check publishes', () => {
  it('team RC is the mean of RC_between over the staff, shown only for at least k', () => {
    const p = publishTransition(team, METHOD, AT);
    expect(p.teamRc?.mean).toBeCloseTo((3.5 + 4 + 4) / 3, 10);
    expect(p.teamRc?.n).toBe(3);
    const two = publishTransition(team.slice(0, 2), METHOD, AT);
    expect(two.teamRc).toBeNull();
    // Nothing about the two shows anywhere: no tie, no dimension, no alert.
    expect(two.weakestTies).toEqual([]);
    expect(two.weakestDimensions).toEqual([]);
    expect(two.alert).toEqual({ weak: false, because: [], interventionIds: [] });
  });

  it("shows the family's shared view whatever its size, and never counts their answers in team RC", () => {
    const p = publishTransition([...team, family(2, 'shared_with_team')], METHOD, AT);
    expect(p.familyView).toMatchObject({ mean: 2, n: 1, band: 'weak' });
    expect(p.teamRc?.n).toBe(3);
    expect(p.familyAnswered).toBe(1);
  });

  it.each([
    ['with the team', [...team]],
    ['below k', team.slice(0, 2)],
    ['beside a shared family answer', [...team, family(4, 'shared_with_team')]],
  ])('an overall_only family answer can never be worked out from what is published (%s)', (_label, others) => {
    // The attack: publish with the family's answer at every value it could take. If any published
    // number moved, comparing figures would tell something about it; none may.
    const versions = [1, 2, 3, 4, 5].map((s) => shownNumbers(publishTransition([...others, family(s, 'overall_only')], METHOD, AT)));
    versions.push(shownNumbers(publishTransition([...others, family([1, 5, 1, 5, null, 2, 3], 'overall_only')], METHOD, AT)));
    for (const v of versions) expect(v).toEqual(versions[0]);
  });

  it('names the weakest ties only when every tie has at least k answers (a hidden tie beside team RC could be subtracted)', () => {
    // Four in role a rate b; one in role b rates a. Tie a->b has 4, b->a has 1.
    const uneven = [staff('a', { b: 2 }), staff('a', { b: 2 }), staff('a', { b: 3 }), staff('a', { b: 2 }), staff('b', { a: 5 })];
    const p = publishTransition(uneven, METHOD, AT);
    expect(p.teamRc?.n).toBe(5);
    expect(p.weakestTies).toEqual([]);
    const even = [...uneven, staff('b', { a: 4 }), staff('b', { a: 4 })];
    const q = publishTransition(even, METHOD, AT);
    expect(q.weakestTies.map((t) => `${t.from}>${t.to}`)).toEqual(['a>b', 'b>a']);
    expect(q.weakestTies[0]!.figure).toMatchObject({ mean: 2.25, n: 4 });
  });

  it('raises the weak alert with the catalogue interventions for the weakest dimensions', () => {
    const weakTeam = [
      staff('a', { b: 2 }),
      staff('b', { a: 3 }),
      { ...staff('a', { b: 2 }), ratings: { b: { ...targetRatings(2), timely: 1, mutual_respect: 4 } } },
    ];
    const p = publishTransition(weakTeam, METHOD, AT);
    expect(p.teamRc?.band).toBe('weak');
    expect(p.alert.weak).toBe(true);
    expect(p.alert.because).toEqual(['team_rc']);
    const weakest = p.weakestDimensions.filter((d) => d.from === 'team').map((d) => d.dimension);
    expect(weakest[0]).toBe('timely');
    expect(p.alert.interventionIds).toEqual(suggestInterventions(weakest, 3).map((e) => e.id));
    expect(p.alert.interventionIds.length).toBeGreaterThan(0);
    // A strong team and a weak shared family view: the family's view raises it.
    const q = publishTransition([...team, family(1, 'shared_with_team')], METHOD, AT);
    expect(q.alert.because).toEqual(['family_view']);
    const fine = publishTransition([...team, family(5, 'shared_with_team')], METHOD, AT);
    expect(fine.alert).toEqual({ weak: false, because: [], interventionIds: [] });
  });
});
