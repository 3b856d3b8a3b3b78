import { DEFAULT_INSTRUMENT, DIMENSIONS } from '../../../src/domain/instrument';
import { answerCounts, REVIEW_FULL_BUDGET_BYTES, surveyReviewCard } from '../../../src/cards/survey-review-card';
import { surveyTargets } from '../../../src/app/survey/survey-flow';
import type { FactSet } from '../../../src/cards/card-types';
import { cardBytes, checked, executeActions } from '../../support/adaptive-card-validator';
import { COLLABORATIVE_ID, manyTargets, PULSE_ID, reviewView, TARGETS } from './card-fixtures';

describe('the review card', () => {
  const card = checked(surveyReviewCard(reviewView()));
  const factSets = card.body.filter((e): e is FactSet => e.type === 'FactSet');

  it('shows what was answered about every group, in survey order', () => {
    expect(factSets).toHaveLength(TARGETS.length);
    expect(factSets[0]!.facts).toEqual([
      { title: 'Frequent communication', value: 'Just the right amount' },
      { title: 'Timely communication', value: 'Often' },
      { title: 'Accurate communication', value: 'Often' },
      { title: 'Problem solving', value: 'Always work with me to solve it' },
      { title: 'Shared goals', value: 'Completely' },
      { title: 'Shared knowledge', value: 'A lot' },
      { title: 'Mutual respect', value: 'Completely' },
    ]);
    expect(factSets[1]!.facts.map((f) => f.value)).toContain('Not applicable');
  });

  it('counts answered and not applicable items per group, and marks your own group', () => {
    const json = JSON.stringify(card);
    expect(json).toContain('7 answered · 0 not applicable');
    expect(json).toContain('5 answered · 2 not applicable');
    expect(json).toContain(' (your own group)');
    expect(answerCounts({ frequent: 1, timely: null })).toEqual({ answered: 1, notApplicable: 1, missing: 5 });
  });

  it('offers Submit and Back at the review step, after the last group', () => {
    const step = { collaborativeId: COLLABORATIVE_ID, pulseId: PULSE_ID, step: TARGETS.length + 1 };
    expect(executeActions(card)).toEqual([
      { verb: 'survey.submit', title: 'Submit', data: step },
      { verb: 'survey.back', title: 'Back', data: step, associatedInputs: 'none' },
    ]);
  });

  it('says plainly when some questions are not answered yet', () => {
    const view = reviewView();
    const partial = { ...view, groups: [{ ...view.groups[0]!, answers: { frequent: 3 } }] };
    const json = JSON.stringify(checked(surveyReviewCard(partial)));
    expect(json).toContain('1 answered · 0 not applicable · 6 not answered yet');
    expect(json).toContain('Some questions are not answered yet');
  });

  it('with too many groups to fit every answer, lists the counts per group and points to Back', () => {
    const answers = Object.fromEntries(DIMENSIONS.map((d, i) => [d, i === 0 ? null : 4]));
    const groups = surveyTargets(manyTargets(50), 'workgroup-07').map((target) => ({ target, answers }));
    const big = checked(surveyReviewCard({ collaborativeId: COLLABORATIVE_ID, pulseId: PULSE_ID, step: groups.length + 1, instrument: DEFAULT_INSTRUMENT, groups }));
    expect(cardBytes(big)).toBeLessThan(REVIEW_FULL_BUDGET_BYTES);
    expect(big.body.some((e) => e.type === 'FactSet')).toBe(false);
    const json = JSON.stringify(big);
    expect(json).toContain('Use Back to look at any group again');
    expect(json).toContain(': 6 answered · 1 not applicable"');
    expect(json).toContain(' (your own group): 6 answered');
    expect(executeActions(big)[0]).toEqual({ verb: 'survey.submit', title: 'Submit', data: { collaborativeId: COLLABORATIVE_ID, pulseId: PULSE_ID, step: 51 } });
  });
});

