import { randomUUID } from 'node:crypto';
import type { AdaptiveCard } from '../../cards/card-types';
import { errorCard } from '../../cards/message-cards';
import type { Collaborative } from '../../domain/model/collaborative';
import type { Draft } from '../../domain/model/draft';
import { effectiveK, type Pulse, type PulseScope, scopeOf } from '../../domain/model/pulse';
import type { Versioned } from '../../storage/entity-table';
import type { Storage } from '../../storage/storage';
import type { RespondentRef } from '../../storage/submission-repository';
import type { Clock, Logger, MemberDirectory, WorkgroupDirectory } from '../ports';
import { pulseTargets } from '../pulse/pulse-lookup';
import type { SurveyPosition } from './survey-flow';
import { effectiveStep, orderedTargets, type SurveyStepContext } from './survey-step-cards';

/**
 * Where one person is in one pulse's survey, loaded from storage: the pulse, their draft and
 * whether the ledger says they have finished. Only ever keyed by their respondent key.
 */

export interface SurveyDeps {
  collaboratives: Pick<Storage['collaboratives'], 'get'>;
  pulses: Pick<Storage['pulses'], 'find'>;
  submissions: Pick<Storage['submissions'], 'findDraft' | 'findLedgerEntry' | 'saveProgress' | 'submit'>;
  respondentKey: Storage['respondentKey'];
  releasePending: Storage['releasePending'];
  workgroups: WorkgroupDirectory;
  members: MemberDirectory;
  clock: Clock;
  log: Logger;
  /** Where a transition check's staff find their role; without it, transition cards are refused. */
  transitionSeats?: TransitionSeats;
}

/** A named member of staff's place in a transition check: the role it gives them, and the check's own heading. */
export interface TransitionSeat {
  workgroupId: string;
  /** What the check's cards say they are about (its type and reference: shown only in its own cards). */
  heading: string;
}

/**
 * What the survey conversation asks of transition checks (src/app/transitions/transition-seats.ts
 * provides it): the seat of a person, and the hook after one of its staff has submitted.
 */
export interface TransitionSeats {
  seat(scope: PulseScope, aadObjectId: string): Promise<TransitionSeat | undefined>;
  /** After a submit: closes the check once everyone invited has answered. */
  answered(scope: PulseScope): Promise<void>;
}

/** What the person sees next, and what happened (for logs and tests; never stored). */
export type SurveyOutcome =
  | 'step' // moved to, or re-shown, a step
  | 'missing' // the same step again: some items need an answer; nothing stored
  | 'saved_for_later'
  | 'submitted'
  | 'already_answered'
  | 'closed'
  | 'stale' // an out-of-date card: the current step instead; nothing stored
  | 'rejected'; // tampered, unknown or not for this person: a friendly error; nothing stored

export interface SurveyReply {
  /** Replaces the card the person pressed (Universal Actions refresh in place). */
  card: AdaptiveCard;
  outcome: SurveyOutcome;
}

export interface SurveyState extends SurveyStepContext {
  collaborative: Collaborative;
  ref: RespondentRef;
  draft?: Versioned<Draft>;
  /** The step the person is on (effectiveStep of the draft's). */
  step: number;
}

/** A friendly error card with a reference to quote; `message` is already safe to show. */
export function rejected(message: string): SurveyReply {
  return { card: errorCard({ referenceCode: randomUUID().slice(0, 8), userMessage: message }), outcome: 'rejected' };
}

/**
 * Loads a person's place in an open pulse. The draft is read BEFORE the ledger, on purpose:
 * a submit deletes the draft and finishes the ledger in one transaction, so whoever reads
 * "no draft" because a submit just landed then also reads "finished" and is told they have
 * answered, rather than being sent back to the start.
 */
export async function loadSurveyState(
  deps: SurveyDeps,
  collaborative: Collaborative,
  pulse: Pulse,
  aadObjectId: string,
  rosterWorkgroupId: string | undefined,
  seat?: TransitionSeat,
): Promise<{ state: SurveyState; finished: boolean }> {
  const ref: RespondentRef = { ...scopeOf(pulse), respondentKey: deps.respondentKey(scopeOf(pulse), aadObjectId) };
  const draft = await deps.submissions.findDraft(ref);
  const [ledger, workgroups] = await Promise.all([deps.submissions.findLedgerEntry(ref), deps.workgroups.list(collaborative.id)]);
  const context: SurveyStepContext = {
    ...surveyContext(pulse, effectiveK(pulse, collaborative.k), pulseTargets(pulse, workgroups), draft?.value.respondentWorkgroupId, seat),
    ...(rosterWorkgroupId ? { rosterWorkgroupId } : {}),
    ratings: draft?.value.ratings ?? {},
  };
  const state: SurveyState = {
    ...context,
    collaborative,
    ref,
    ...(draft ? { draft } : {}),
    step: effectiveStep(context, draft?.value.step ?? 0),
  };
  return { state, finished: ledger?.value.status === 'finished' };
}

/**
 * What a person's step cards are drawn from, before their answers. In a transition check the
 * seat fixes their role (no "which group" step), they rate the other roles present, and the
 * cards carry the check's own heading.
 */
export function surveyContext(pulse: Pulse, k: number, targets: SurveyStepContext['targets'], draftWorkgroupId: string | undefined, seat?: TransitionSeat): SurveyStepContext {
  const ownWorkgroupId = seat?.workgroupId ?? draftWorkgroupId;
  return {
    pulse: seat ? { ...pulse, focalProcess: seat.heading } : pulse,
    k,
    // The wording copied onto the pulse when it opened: a later change reaches later pulses only.
    instrument: pulse.instrument,
    targets: seat ? targets.filter((t) => t.id !== seat.workgroupId) : targets,
    ...(seat ? { fixedWorkgroup: true } : {}),
    ...(ownWorkgroupId ? { ownWorkgroupId } : {}),
    ratings: {},
  };
}

/** The position checkSurveyAction compares a card against. */
export function positionOf(state: SurveyState): SurveyPosition {
  return { pulseId: state.pulse.id, step: state.step, targetIds: orderedTargets(state).map((t) => t.id) };
}
