import { respondentWorkgroupIds } from '../../domain/model/pulse-scope';
import type { AdaptiveCard } from '../../cards/card-types';
import type { StepAnswers } from '../../cards/card-verbs';
import { chooseWorkgroupCard, surveyGroupCard } from '../../cards/survey-card';
import { surveyReviewCard } from '../../cards/survey-review-card';
import type { OrderedTarget, SurveyTarget } from '../../cards/survey-steps';
import type { Dimension, Instrument } from '../../domain/instrument';
import type { PartialRatings } from '../../domain/model/ratings';
import type { Pulse } from '../../domain/model/pulse';
import { CHOOSE_WORKGROUP_STEP, missingAnswers, reviewStep, surveyTargets } from './survey-flow';
import { FAMILIES_WORKGROUP_ID } from '../../domain/model/family';

/**
 * The card for each step of the survey conversation, from what is stored: step 0 chooses
 * your workgroup, steps 1..N rate one group each (your own first), N + 1 reviews. Used by
 * the survey handlers and by the pulse use-cases that send the first card.
 */

/** Everything a step card is drawn from. */
export interface SurveyStepContext {
  pulse: Pulse;
  /** The pulse's minimum group size, promised on the first card. */
  k: number;
  instrument: Instrument;
  /** The pulse's target groups with names, in pulse order. */
  targets: readonly SurveyTarget[];
  /** The group the person chose (from the draft). */
  ownWorkgroupId?: string;
  /** True in a transition check: the check gives the person's role, so there is no "which group" step. */
  fixedWorkgroup?: boolean;
  /** The group the collaborative's list has for them, to pre-select on the first card. */
  rosterWorkgroupId?: string;
  ratings: PartialRatings;
}

export interface FirstCardOptions {
  selectedWorkgroupId?: string;
  isReminder?: boolean;
  showMissingError?: boolean;
}

/**
 * Step 0, "Which group do you work in?", with the anonymity promise. A pre-selection is
 * kept only when it is one of the pulse's groups (a retired group must not be offered).
 */
export function firstSurveyCard(pulse: Pulse, k: number, targets: readonly SurveyTarget[], options: FirstCardOptions = {}): AdaptiveCard {
  const selected = options.selectedWorkgroupId;
  return chooseWorkgroupCard({
    collaborativeId: pulse.collaborativeId,
    pulseId: pulse.id,
    step: CHOOSE_WORKGROUP_STEP,
    focalProcess: pulse.focalProcess,
    ...(pulse.title ? { pulseTitle: pulse.title } : {}),
    k,
    // A scoped pulse offers only the groups it asks; everyone else picks among its targets.
    // Families answer through their own links, never as staff: not a group staff can be in.
    workgroups: targets.filter((t) => t.id !== FAMILIES_WORKGROUP_ID && respondentWorkgroupIds(pulse).includes(t.id)),
    targetCount: targets.length,
    ...(pulse.closesAt ? { closesAt: pulse.closesAt } : {}),
    ...(selected && selected !== FAMILIES_WORKGROUP_ID && respondentWorkgroupIds(pulse).includes(selected) ? { selectedWorkgroupId: selected } : {}),
    ...(options.isReminder ? { isReminder: true } : {}),
    ...(options.showMissingError ? { showMissingError: true } : {}),
  });
}

/** The targets in the order this person is asked about them. */
export function orderedTargets(ctx: Pick<SurveyStepContext, 'targets' | 'ownWorkgroupId'>): OrderedTarget[] {
  return surveyTargets(ctx.targets, ctx.ownWorkgroupId);
}

/** How many groups are fully answered (all seven, "not applicable" counting as an answer). */
export function groupsDone(ctx: Pick<SurveyStepContext, 'targets' | 'ratings'>): number {
  return ctx.targets.filter((t) => {
    const answers = ctx.ratings[t.id];
    return answers !== undefined && missingAnswers(answers).length === 0;
  }).length;
}

/**
 * Where a stored step really is: 0 until a workgroup is chosen, never past the review.
 * A damaged or old draft then still leads somewhere sane.
 */
export function effectiveStep(ctx: Pick<SurveyStepContext, 'targets' | 'ownWorkgroupId' | 'fixedWorkgroup'>, storedStep: number): number {
  if (ctx.ownWorkgroupId === undefined) return 0;
  return Math.max(ctx.fixedWorkgroup ? 1 : 0, Math.min(storedStep, reviewStep(ctx.targets.length)));
}

export interface StepCardOptions {
  /** Answers to show instead of the stored ones (a step sent back with items missing). */
  answers?: StepAnswers;
  missing?: readonly Dimension[];
  showMissingError?: boolean;
}

/** The card for a step (see effectiveStep for steps that do not fit). */
export function stepCard(ctx: SurveyStepContext, storedStep: number, options: StepCardOptions = {}): AdaptiveCard {
  const ordered = orderedTargets(ctx);
  const step = effectiveStep(ctx, storedStep);
  if (step === CHOOSE_WORKGROUP_STEP) {
    return firstSurveyCard(ctx.pulse, ctx.k, ctx.targets, {
      ...((ctx.ownWorkgroupId ?? ctx.rosterWorkgroupId) ? { selectedWorkgroupId: ctx.ownWorkgroupId ?? ctx.rosterWorkgroupId } : {}),
      ...(options.showMissingError ? { showMissingError: true } : {}),
    });
  }
  if (step >= reviewStep(ordered.length)) {
    return surveyReviewCard({
      collaborativeId: ctx.pulse.collaborativeId,
      pulseId: ctx.pulse.id,
      step,
      instrument: ctx.instrument,
      groups: ordered.map((target) => ({ target, answers: ctx.ratings[target.id] ?? {} })),
    });
  }
  const target = ordered[step - 1]!;
  return surveyGroupCard({
    collaborativeId: ctx.pulse.collaborativeId,
    pulseId: ctx.pulse.id,
    focalProcess: ctx.pulse.focalProcess,
    instrument: ctx.instrument,
    target,
    position: step,
    total: ordered.length,
    answers: options.answers ?? ctx.ratings[target.id] ?? {},
    ...(options.missing ? { missing: options.missing } : {}),
  });
}
