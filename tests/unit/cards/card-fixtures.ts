import { DEFAULT_INSTRUMENT } from '../../../src/domain/instrument';
import type { Figure } from '../../../src/domain/scoring';
import type { ChooseWorkgroupView, SurveyGroupView } from '../../../src/cards/survey-card';
import type { SurveyReviewView } from '../../../src/cards/survey-review-card';
import type { PulseStatusView } from '../../../src/cards/pulse-status-card';
import type { FinalResultsView, ProgressView } from '../../../src/cards/results-card';
import type { SetupView } from '../../../src/cards/setup-card';
import type { InterventionLine, InterventionsView } from '../../../src/cards/interventions-card';
import { surveyTargets } from '../../../src/app/survey/survey-flow';
import type { SurveyTarget } from '../../../src/cards/survey-steps';

/** View models for the cards: a realistic collaborative, and the worst cases for size. */

export const PULSE_ID = 'pulse-2026-03';
export const COLLABORATIVE_ID = 'yh-perinatal';
export const FOCAL = 'admission to the mother and baby unit';

export const WORKGROUPS: SurveyTarget[] = [
  { id: 'mbu-nursing', name: 'MBU nursing' },
  { id: 'mbu-psychiatry', name: 'MBU psychiatry' },
  { id: 'community-perinatal', name: 'Community perinatal team' },
  { id: 'health-visiting', name: 'Health visiting' },
  { id: 'maternity', name: 'Maternity' },
];

export const TARGETS = surveyTargets(WORKGROUPS, 'community-perinatal');

export function chooseView(over: Partial<ChooseWorkgroupView> = {}): ChooseWorkgroupView {
  return { collaborativeId: COLLABORATIVE_ID, pulseId: PULSE_ID, step: 0, focalProcess: FOCAL, k: 5, workgroups: WORKGROUPS, targetCount: 5, closesAt: '2026-03-20T17:00:00Z', ...over };
}

export function groupView(over: Partial<SurveyGroupView> = {}): SurveyGroupView {
  return {
    collaborativeId: COLLABORATIVE_ID,
    pulseId: PULSE_ID,
    focalProcess: FOCAL,
    instrument: DEFAULT_INSTRUMENT,
    target: TARGETS[1]!,
    position: 2,
    total: TARGETS.length,
    answers: { frequent: 5, timely: 4, shared_goals: null },
    ...over,
  };
}

export function reviewView(): SurveyReviewView {
  return {
    collaborativeId: COLLABORATIVE_ID,
    pulseId: PULSE_ID,
    step: TARGETS.length + 1,
    instrument: DEFAULT_INSTRUMENT,
    groups: TARGETS.map((target, i) => ({
      target,
      answers:
        i === 0
          ? { frequent: 5, timely: 4, accurate: 4, problem_solving: 5, shared_goals: 5, shared_knowledge: 4, mutual_respect: 5 }
          : { frequent: 3, timely: 3, accurate: null, problem_solving: 4, shared_goals: 2, shared_knowledge: null, mutual_respect: 4 },
    })),
  };
}

export const shown = (mean: number, n: number, ci95: [number, number], band: Figure['band']): Figure => ({
  mean,
  n,
  ci95,
  band,
  suppressed: false,
});
export const SUPPRESSED: Figure = { mean: null, n: null, ci95: null, band: null, suppressed: true };

export function resultsView(over: Partial<FinalResultsView> = {}): FinalResultsView {
  return {
    focalProcess: FOCAL,
    k: 5,
    status: 'closed',
    respondents: 42,
    invited: 120,
    overall: shown(3.91234, 42, [3.80111, 4.02499], 'moderate'),
    overallBetween: SUPPRESSED,
    strongest: [{ from: 'MBU nursing', to: 'MBU psychiatry', figure: shown(4.314, 9, [4.1, 4.5], 'strong') }],
    weakest: [{ from: 'Health visiting', to: 'Maternity', figure: shown(2.985, 7, [2.5, 3.4], 'weak') }],
    tabUrl: 'https://teams.microsoft.com/l/entity/app-id/results?context=%7B%22subEntityId%22%3A%22pulse-2026-03%22%7D',
    ...over,
  };
}

export function progressView(over: Partial<ProgressView> = {}): ProgressView {
  return {
    focalProcess: FOCAL,
    k: 5,
    status: 'open',
    respondents: 3,
    invited: 120,
    closesAt: '2020-12-21T17:00:00.000Z',
    tabUrl: resultsView().tabUrl,
    ...over,
  };
}

export function statusView(over: Partial<PulseStatusView> = {}): PulseStatusView {
  return {
    collaborativeId: COLLABORATIVE_ID,
    pulseId: PULSE_ID,
    focalProcess: FOCAL,
    status: 'open',
    k: 5,
    invited: 60,
    answered: 31,
    workgroups: [
      { name: 'MBU nursing', invited: 20, answered: 12 },
      { name: 'MBU psychiatry', invited: 6, answered: 3 },
      { name: 'Community perinatal team', invited: 18, answered: 9 },
      { name: 'Health visiting', invited: 16, answered: 7 },
    ],
    closesAt: '2026-03-20T17:00:00Z',
    asOf: '2026-03-12T14:05:00Z',
    canManage: true,
    ...over,
  };
}

export function setupView(over: Partial<SetupView> = {}): SetupView {
  return {
    collaborativeId: COLLABORATIVE_ID,
    collaborativeName: 'Yorkshire and Humber perinatal provider collaborative',
    revision: 'W/"datetime\'2026-03-01T10%3A00%3A00Z\'"',
    focalProcess: FOCAL,
    workgroups: WORKGROUPS.map((w) => w.name),
    k: 5,
    minItems: 4,
    facilitators: ['asha.patel@nhs.net', 'tom.reed@nhs.net'],
    ...over,
  };
}

/** A name of exactly `length` characters (the model allows 200 for a workgroup). */
export function longName(i: number, length = 200): string {
  const base = `Community perinatal mental health team number ${i} (Leeds and York Partnership NHS Foundation Trust) `;
  return base.repeat(Math.ceil(length / base.length)).slice(0, length).trim();
}

/** The longest focal process the model allows (300 characters). */
export const LONG_FOCAL = 'the admission of a mother and her baby to the regional mother and baby unit, '.repeat(5).slice(0, 300);

export function manyTargets(count: number): SurveyTarget[] {
  return Array.from({ length: count }, (_, i) => ({ id: `workgroup-${String(i + 1).padStart(2, '0')}`, name: longName(i + 1) }));
}

/** An open intervention as the cards list it. */
export function interventionLine(over: Partial<InterventionLine> = {}): InterventionLine {
  return {
    title: 'Joint discharge huddle',
    statusWords: 'in progress',
    ties: ['MBU nursing → Community perinatal team', 'Community perinatal team → MBU nursing'],
    dimensions: ['Timely', 'Accurate'],
    dueOn: '2026-03-30',
    owners: ['Asha Patel', 'Ben Barker'],
    mine: true,
    ...over,
  };
}

/** Three open interventions, the person's own first, on Friday 27 March 2026. */
export function interventionsView(over: Partial<InterventionsView> = {}): InterventionsView {
  return {
    interventions: [
      interventionLine(),
      interventionLine({ title: 'Shared referral tracker', statusWords: 'agreed', ties: [], dimensions: ['Shared goals', 'Mutual respect'], dueOn: '2026-02-27', owners: ['Tom Reed'], mine: false }),
      interventionLine({ title: 'Shadowing visits', statusWords: 'proposed', ties: ['Within Health visiting'], dueOn: undefined, owners: [], mine: false }),
    ],
    more: 0,
    today: '2026-03-27',
    tabUrl: 'https://teams.microsoft.com/l/entity/test-app/results',
    ...over,
  };
}
