import { DIMENSIONS, type Dimension, type Instrument } from '../domain/instrument';
import { adaptiveCard, executeAction, facts, heading, plain, run, text } from './card-kit';
import type { AdaptiveCard, CardElement } from './card-types';
import type { StepAnswers } from './card-verbs';
import type { OrderedTarget } from './survey-steps';

/** Short names of the seven dimensions, for places where the full item is too long. */
export const DIMENSION_LABELS: Readonly<Record<Dimension, string>> = {
  frequent: 'Frequent communication',
  timely: 'Timely communication',
  accurate: 'Accurate communication',
  problem_solving: 'Problem solving',
  shared_goals: 'Shared goals',
  shared_knowledge: 'Shared knowledge',
  mutual_respect: 'Mutual respect',
};

export interface ReviewGroup {
  target: OrderedTarget;
  answers: StepAnswers;
}

export interface SurveyReviewView {
  /** The collaborative whose pulse this is: the card's buttons carry it with the pulse id. */
  collaborativeId: string;
  pulseId: string;
  /** The review's step, which Submit and Back send back. */
  step: number;
  instrument: Instrument;
  /** Every target group, in survey order, with the answers in the draft. */
  groups: readonly ReviewGroup[];
}

export interface AnswerCounts {
  answered: number;
  notApplicable: number;
  missing: number;
}

/** How many of a group's seven items were scored, marked not applicable, or left out. */
export function answerCounts(answers: StepAnswers): AnswerCounts {
  const values = DIMENSIONS.map((d) => answers[d]);
  return {
    answered: values.filter((v) => typeof v === 'number').length,
    notApplicable: values.filter((v) => v === null).length,
    missing: values.filter((v) => v === undefined).length,
  };
}

function countsText(c: AnswerCounts): string {
  const parts = [`${c.answered} answered`, `${c.notApplicable} not applicable`];
  if (c.missing > 0) parts.push(`${c.missing} not answered yet`);
  return parts.join(' · ');
}

function answerLabel(instrument: Instrument, dimension: Dimension, answer: number | null | undefined): string {
  if (answer === undefined) return 'Not answered yet';
  if (answer === null) return 'Not applicable';
  return instrument.items[dimension].options.find((o) => o.score === answer)?.label ?? String(answer);
}

function groupSection(instrument: Instrument, group: ReviewGroup): CardElement[] {
  const counts = answerCounts(group.answers);
  return [
    plain(
      [run(group.target.name, { weight: 'bolder' }), ...(group.target.isOwnGroup ? [run(' (your own group)', { isSubtle: true })] : [])],
      { separator: true, spacing: 'medium' },
    ),
    text(countsText(counts), { isSubtle: true, spacing: 'none', ...(counts.missing > 0 ? { color: 'attention' } : {}) }),
    facts(
      DIMENSIONS.map((d) => [DIMENSION_LABELS[d], answerLabel(instrument, d, group.answers[d])] as const),
      'small',
    ),
  ];
}

/** Above this size the review lists counts only: Teams refuses cards over about 28 KB. */
export const REVIEW_FULL_BUDGET_BYTES = 20_000;

/** One plain run per group: at 50 long names, every byte of markup counts. */
function compactGroupLine(group: ReviewGroup): CardElement {
  const counts = answerCounts(group.answers);
  const own = group.target.isOwnGroup ? ' (your own group)' : '';
  return plain([run(`${group.target.name}${own}: ${countsText(counts)}`, counts.missing > 0 ? { color: 'attention' } : {})], {
    spacing: 'small',
  });
}

/**
 * The review step: what the person answered about each group, with counts of answered and
 * not applicable items, then Submit or Back. Nothing is sent before Submit. With many groups
 * (long names, up to 50) every answer would not fit in one card, so it lists the counts per
 * group instead and points to Back for the detail.
 */
export function surveyReviewCard(view: SurveyReviewView): AdaptiveCard {
  const full = reviewCard(view, view.groups.flatMap((g) => groupSection(view.instrument, g)));
  if (new TextEncoder().encode(JSON.stringify(full)).length <= REVIEW_FULL_BUDGET_BYTES) return full;
  return reviewCard(view, [
    text('There are too many groups to show every answer here. Use Back to look at any group again.', { isSubtle: true }),
    ...view.groups.map(compactGroupLine),
  ]);
}

function reviewCard(view: SurveyReviewView, groups: CardElement[]): AdaptiveCard {
  const anyMissing = view.groups.some((g) => answerCounts(g.answers).missing > 0);
  const body: CardElement[] = [
    heading('Check your answers'),
    text('Nothing is sent until you press Submit. After that your answers cannot be changed.'),
    text('Your answers are stored without your name.', { isSubtle: true, spacing: 'small' }),
    ...(anyMissing
      ? [text('Some questions are not answered yet. Use Back to answer them, or submit as they are.', { color: 'attention' })]
      : []),
    ...groups,
  ];
  const step = { collaborativeId: view.collaborativeId, pulseId: view.pulseId, step: view.step };
  return adaptiveCard(body, [
    executeAction('Submit', 'survey.submit', step, { style: 'positive' }),
    executeAction('Back', 'survey.back', step, { associatedInputs: 'none' }),
  ]);
}
