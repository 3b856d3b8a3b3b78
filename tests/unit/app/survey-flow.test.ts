import { parseCardAction } from '../../../src/cards/card-action-parser';
import type { CardAction } from '../../../src/cards/card-verbs';
import { checkSurveyAction, missingAnswers, reviewStep, surveyTargets, type SurveyPosition } from '../../../src/app/survey/survey-flow';
import { PULSE_ID, TARGETS, WORKGROUPS } from '../cards/card-fixtures';

function action(verb: string, data: Record<string, unknown>): CardAction {
  const result = parseCardAction(verb, data);
  if (!result.ok) throw new Error(`fixture did not parse: ${result.userMessage}`);
  return result.action;
}

const targetIds = TARGETS.map((t) => t.id);
const at = (step: number): SurveyPosition => ({ pulseId: PULSE_ID, step, targetIds });

describe('the order of the survey', () => {
  it('asks about your own group first, then the others in pulse order', () => {
    expect(surveyTargets(WORKGROUPS, 'health-visiting').map((t) => [t.id, t.isOwnGroup])).toEqual([
      ['health-visiting', true],
      ['mbu-nursing', false],
      ['mbu-psychiatry', false],
      ['community-perinatal', false],
      ['maternity', false],
    ]);
  });

  it('keeps pulse order when your group is not one of the targets', () => {
    expect(surveyTargets(WORKGROUPS, 'elsewhere').map((t) => t.id)).toEqual(WORKGROUPS.map((w) => w.id));
  });

  it('puts the review after the last group', () => {
    expect(reviewStep(5)).toBe(6);
  });

  it('counts "not applicable" as an answer and a left-out item as missing', () => {
    expect(missingAnswers({ frequent: 3, timely: null, accurate: 2, problem_solving: 1, shared_goals: 5 })).toEqual([
      'shared_knowledge',
      'mutual_respect',
    ]);
  });
});

describe('checking a survey action against where the person really is', () => {
  const answer = (step: number, targetId: string) => action('survey.answerGroup', { pulseId: PULSE_ID, step, targetId });

  it('accepts the card for the current step', () => {
    expect(checkSurveyAction(answer(2, targetIds[1]!), at(2))).toEqual({ ok: true });
    expect(checkSurveyAction(action('survey.chooseWorkgroup', { pulseId: PULSE_ID, step: 0, workgroupId: 'maternity' }), at(0))).toEqual({ ok: true });
    expect(checkSurveyAction(action('survey.submit', { pulseId: PULSE_ID, step: 6 }), at(6))).toEqual({ ok: true });
    expect(checkSurveyAction(action('survey.resume', { pulseId: PULSE_ID }), at(3))).toEqual({ ok: true });
  });

  it('calls a card from an earlier or later step stale, so the bot shows where the person is', () => {
    expect(checkSurveyAction(answer(1, targetIds[0]!), at(2))).toMatchObject({ ok: false, reason: 'stale_step' });
    expect(checkSurveyAction(action('survey.back', { pulseId: PULSE_ID, step: 4 }), at(2))).toMatchObject({ ok: false, reason: 'stale_step' });
    expect(checkSurveyAction(action('survey.submit', { pulseId: PULSE_ID, step: 6 }), at(5))).toMatchObject({ ok: false, reason: 'stale_step' });
    expect(checkSurveyAction(action('survey.chooseWorkgroup', { pulseId: PULSE_ID, step: 0 }), at(3))).toMatchObject({
      ok: false,
      reason: 'stale_step',
      userMessage: expect.stringMatching(/out of date/),
    });
  });

  it('refuses a step whose target is not the group that step asks about', () => {
    expect(checkSurveyAction(answer(2, targetIds[3]!), at(2))).toMatchObject({ ok: false, reason: 'stale_step' });
  });

  it('refuses a target that is not in the pulse at all as tampering', () => {
    expect(checkSurveyAction(answer(2, 'finance'), at(2))).toMatchObject({ ok: false, reason: 'unknown_target' });
  });

  it('refuses a card from another pulse', () => {
    expect(checkSurveyAction(answer(2, targetIds[1]!), { ...at(2), pulseId: 'pulse-2025-11' })).toMatchObject({
      ok: false,
      reason: 'other_pulse',
    });
  });
});
