import { randomUUID } from 'node:crypto';
import type { AdaptiveCard } from '../../cards/card-types';
import { errorCard } from '../../cards/message-cards';
import type { Collaborative } from '../../domain/model/collaborative';
import type { Draft } from '../../domain/model/draft';
import { effectiveK, type Pulse, scopeOf } from '../../domain/model/pulse';
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
): Promise<{ state: SurveyState; finished: boolean }> {
  const ref: RespondentRef = { ...scopeOf(pulse), respondentKey: deps.respondentKey(scopeOf(pulse), aadObjectId) };
  const draft = await deps.submissions.findDraft(ref);
  const [ledger, workgroups] = await Promise.all([deps.submissions.findLedgerEntry(ref), deps.workgroups.list(collaborative.id)]);
  const ownWorkgroupId = draft?.value.respondentWorkgroupId;
  const context: SurveyStepContext = {
    pulse,
    k: effectiveK(pulse, collaborative.k),
    // The wording copied onto the pulse when it opened: a later change reaches later pulses only.
    instrument: pulse.instrument,
    targets: pulseTargets(pulse, workgroups),
    ...(ownWorkgroupId ? { ownWorkgroupId } : {}),
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

/** The position checkSurveyAction compares a card against. */
export function positionOf(state: SurveyState): SurveyPosition {
  return { pulseId: state.pulse.id, step: state.step, targetIds: orderedTargets(state).map((t) => t.id) };
}
