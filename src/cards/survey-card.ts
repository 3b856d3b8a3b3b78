import { DIMENSIONS, itemText, type Dimension, type Instrument } from '../domain/instrument';
import { adaptiveCard, errorNote, executeAction, heading, plain, run, text } from './card-kit';
import type { AdaptiveCard, CardElement, ChoiceSetInput, Container } from './card-types';
import { NOT_APPLICABLE_VALUE, WORKGROUP_INPUT_ID, type StepAnswers } from './card-verbs';
import { dayText, plural } from '../contract/display-format';
import type { OrderedTarget, SurveyTarget } from './survey-steps';
import { FAMILIES_WORKGROUP_ID } from '../domain/model/family';

/**
 * The survey conversation's question cards: step 0 (choose your workgroup, with the promise
 * of anonymity) and one card per target group with the seven items. Answers are radio
 * buttons ("expanded"): one tap each on a phone, every option and "Not applicable" in view.
 */

/** Above this many groups the workgroup list becomes a drop-down, so the card stays short. */
const MAX_EXPANDED_WORKGROUPS = 6;

/** The two-sentence promise every respondent sees before answering. */
export function anonymityPromise(k: number): string {
  return (
    'Your answers are stored without your name. ' +
    `They are only ever shown as figures for a group, and only once at least ${k} people have answered.`
  );
}

export interface ChooseWorkgroupView {
  /** The collaborative whose pulse this is: the card's buttons carry it with the pulse id. */
  collaborativeId: string;
  pulseId: string;
  /** The step Start sends back (the survey's first). */
  step: number;
  focalProcess: string;
  /** The pulse's name, shown first so that someone asked in two pulses can tell their cards apart. */
  pulseTitle?: string;
  k: number;
  /** The collaborative's workgroups, in the order to list them. */
  workgroups: readonly SurveyTarget[];
  /** Pre-selected: from the draft, or from the roster when known. */
  selectedWorkgroupId?: string;
  /** How many groups the person will rate, for the time estimate. */
  targetCount: number;
  /** ISO instant the pulse closes, when it has a closing date. */
  closesAt?: string;
  /** True when this card is sent as a reminder. */
  isReminder?: boolean;
  /** True when the person pressed Start without choosing (older clients skip the check). */
  showMissingError?: boolean;
}

function anonymityBox(k: number): Container {
  return {
    type: 'Container',
    style: 'emphasis',
    spacing: 'medium',
    items: [text('Your answers are anonymous', { weight: 'bolder' }), text(anonymityPromise(k), { spacing: 'small' })],
  };
}

/** Step 0: what the survey is about, the anonymity promise, and "Which group do you work in?". */
export function chooseWorkgroupCard(view: ChooseWorkgroupView): AdaptiveCard {
  const missing = 'Please choose the group you work in.';
  const input: ChoiceSetInput = {
    type: 'Input.ChoiceSet',
    id: WORKGROUP_INPUT_ID,
    label: 'Which group do you work in?',
    choices: view.workgroups.map((w) => ({ title: w.name, value: w.id })),
    style: view.workgroups.length > MAX_EXPANDED_WORKGROUPS ? 'compact' : 'expanded',
    wrap: true,
    isRequired: true,
    errorMessage: missing,
    spacing: 'medium',
    ...(view.selectedWorkgroupId ? { value: view.selectedWorkgroupId } : {}),
    ...(view.workgroups.length > MAX_EXPANDED_WORKGROUPS ? { placeholder: 'Choose your group' } : {}),
  };
  const body: CardElement[] = [
    heading(view.isReminder ? 'A gentle reminder: how do our groups work together?' : 'How do our groups work together?'),
    ...(view.pulseTitle ? [text(`Pulse: ${view.pulseTitle}`, { weight: 'bolder', spacing: 'small' })] : []),
    plain(['This short survey is about ', run(view.focalProcess, { weight: 'bolder' }), '.']),
    text(`You will rate ${plural(view.targetCount, 'group')}, about a minute each. You can stop and carry on later.`),
    ...(view.closesAt ? [text(`Please answer by ${dayText(view.closesAt)}.`, { spacing: 'small' })] : []),
    anonymityBox(view.k),
    input,
    text('If you work across groups, choose the one you spend most of your time in.', { isSubtle: true, spacing: 'small' }),
    ...(view.showMissingError ? [errorNote(missing)] : []),
  ];
  return adaptiveCard(body, [
    executeAction('Start', 'survey.chooseWorkgroup', { collaborativeId: view.collaborativeId, pulseId: view.pulseId, step: view.step }, { style: 'positive' }),
  ]);
}

export interface SurveyGroupView {
  /** The collaborative whose pulse this is: the card's buttons carry it with the pulse id. */
  collaborativeId: string;
  pulseId: string;
  focalProcess: string;
  instrument: Instrument;
  target: OrderedTarget;
  /** 1-based position of this group, which is also its step. */
  position: number;
  /** How many groups there are to rate. */
  total: number;
  /** Answers so far (from the draft, or from the card just sent back). */
  answers: StepAnswers;
  /** Items to mark as still needing an answer, when the card is shown again. */
  missing?: readonly Dimension[];
}

/** The value of an answer input: the score as text, or "na". */
export function answerValue(answer: number | null): string {
  return answer === null ? NOT_APPLICABLE_VALUE : String(answer);
}

function itemInput(view: SurveyGroupView, dimension: Dimension, index: number): ChoiceSetInput {
  const item = view.instrument.items[dimension];
  const answer = view.answers[dimension];
  return {
    type: 'Input.ChoiceSet',
    id: dimension,
    label: `${index + 1}. ${itemText(view.instrument, dimension, view.focalProcess)}`,
    choices: [
      ...item.options.map((o) => ({ title: o.label, value: String(o.score) })),
      { title: view.instrument.notApplicableLabel, value: NOT_APPLICABLE_VALUE },
    ],
    style: 'expanded',
    wrap: true,
    isRequired: true,
    errorMessage: 'Please choose an answer, or "Not applicable".',
    spacing: 'large',
    ...(answer !== undefined ? { value: answerValue(answer) } : {}),
  };
}

function missingSummary(count: number): string {
  const needs = count === 1 ? '1 question still needs' : `${count} questions still need`;
  return `${needs} an answer: see the notes below. "Not applicable" counts as an answer.`;
}

/**
 * One target group's step: progress, the group (your own group first), the seven items with
 * the instrument's wording, current answers filled in, and Next (Review on the last group),
 * Back and "Save and finish later". When `missing` is given, each of those items has a note.
 */
export function surveyGroupCard(view: SurveyGroupView): AdaptiveCard {
  const missing = new Set(view.missing ?? []);
  const big = { size: 'medium', weight: 'bolder' } as const;
  const families = view.target.id === FAMILIES_WORKGROUP_ID;
  const name = view.target.isOwnGroup ? `People in your own group: ${view.target.name}` : families ? `${view.target.name} you care for` : `People in ${view.target.name}`;
  const title = plain([run(name, big)]);
  const items = DIMENSIONS.flatMap((d, i) => [
    itemInput(view, d, i),
    ...(missing.has(d) ? [errorNote('Please choose an answer for this question.')] : []),
  ]);
  const body: CardElement[] = [
    text(`Group ${view.position} of ${view.total}`, { isSubtle: true, size: 'small' }),
    { ...title, spacing: 'none' },
    plain(['About ', run(view.focalProcess, { weight: 'bolder' })], { spacing: 'small' }),
    plain([
      families
        ? 'These questions are about the mothers, partners and families you care for: how do they work with you? If a question does not fit, choose "'
        : 'How do people in this group work with you? If a question does not fit, choose "',
      view.instrument.notApplicableLabel,
      '".',
    ]),
    ...(missing.size > 0 ? [errorNote(missingSummary(missing.size), 'medium')] : []),
    ...items,
  ];
  const step = { collaborativeId: view.collaborativeId, pulseId: view.pulseId, step: view.position };
  const isLast = view.position >= view.total;
  return adaptiveCard(body, [
    executeAction(isLast ? 'Review' : 'Next', 'survey.answerGroup', { ...step, targetId: view.target.id }, { style: 'positive' }),
    // Back and Save send no inputs: required-answer checks must not block leaving the step.
    executeAction('Back', 'survey.back', step, { associatedInputs: 'none' }),
    executeAction('Save and finish later', 'survey.saveForLater', step, { associatedInputs: 'none' }),
  ]);
}
